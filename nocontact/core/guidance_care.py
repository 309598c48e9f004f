"""When contact is not the way: locks explained, moving on, and the closing words.

``explain_lock(state)`` turns the program's ``lock_reason`` into what a page
shows: a kind title, a sentence with its numbers (the date the minimum is
reached, the end of a cooldown), what helps instead, and, where it applies, the
readiness reasons still open or the moving-on program. Texts are marked with
``N_``; the adapters translate ``template`` and then format it with ``params``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

from nocontact.core import rules
from nocontact.core.guidance import Section
from nocontact.core.i18n import N_
from nocontact.core.model import LockReason, Outcome, Strategy
from nocontact.core.program import ProgramState
from nocontact.core.readiness import Reason, Status

__all__ = [
    "CLOSINGS",
    "LOCK_EXPLANATIONS",
    "MOVING_ON_PROGRAM",
    "STRATEGY_TEXTS",
    "LockExplanation",
    "LockNote",
    "NextStep",
    "closing_for",
    "explain_lock",
]


class NextStep(StrEnum):
    """What the page offers beside the explanation."""

    MOVING_ON = "moving_on"  # the moving-on program
    SUPPORT = "support"  # support and crisis resources
    WAIT_FOR_DATE = "wait_for_date"  # a date, and the daily tools until then
    READINESS = "readiness"  # the readiness reasons still open
    WELLBEING = "wellbeing"  # check-ins, journal, reasons, the readiness check


@dataclass(frozen=True, slots=True)
class LockExplanation:
    reason: LockReason
    title: str
    body: str  # may hold {date} or {attempts}
    instead: tuple[str, ...]
    next_step: NextStep
    reopen: str = ""  # how the lock could ever lift, when that is worth saying


@dataclass(frozen=True, slots=True)
class LockNote:
    """A lock explained for today: the static texts plus the numbers behind them."""

    explanation: LockExplanation
    params: Mapping[str, Any] = field(default_factory=dict)
    date: dt.date | None = None
    open_reasons: tuple[Reason, ...] = ()  # readiness parts not met yet
    moving_on: tuple[Section, ...] = ()

    @property
    def reason(self) -> LockReason:
        return self.explanation.reason

    @property
    def title(self) -> str:
        return self.explanation.title

    @property
    def text(self) -> str:
        return self.explanation.body.format(**self.params)


_MOVING_ON_REOPEN = N_(
    "If they ever get in touch with you themselves, log it, and the next steps open again."
)

LOCK_EXPLANATIONS: Final[Mapping[LockReason, LockExplanation]] = MappingProxyType(
    {
        LockReason.SAFETY_TRACK: LockExplanation(
            LockReason.SAFETY_TRACK,
            N_("Your safety comes first"),
            N_(
                "This relationship wasn't safe for you, so there are no tools here for "
                "getting back in touch, now or later. Keeping your distance protects you, "
                "and it is the right choice."
            ),
            (
                N_("Stay close to people you trust, and tell one of them how you are."),
                N_("The support page lists people who can help, any time of day."),
                N_("Your check-ins, journal and reasons are here whenever you need them."),
            ),
            NextStep.SUPPORT,
        ),
        LockReason.ASKED_NO_CONTACT: LockExplanation(
            LockReason.ASKED_NO_CONTACT,
            N_("They asked for no contact"),
            N_(
                "They asked you not to get in touch. Respecting that is the kindest thing "
                "you can do now, for them and for yourself. Contact tools are closed for "
                "this breakup."
            ),
            (
                N_("Let yourself feel it. This is a real loss, and it's okay to grieve it."),
                N_("The moving-on program below walks you through the weeks ahead."),
            ),
            NextStep.MOVING_ON,
            _MOVING_ON_REOPEN,
        ),
        LockReason.BLOCKED: LockExplanation(
            LockReason.BLOCKED,
            N_("They've blocked you"),
            N_(
                "Being blocked hurts. It's also a clear answer, and it deserves respect. "
                "Contact tools are closed for this breakup."
            ),
            (
                N_("Please don't try another way to reach them; it would only hurt more."),
                N_("The moving-on program below walks you through the weeks ahead."),
            ),
            NextStep.MOVING_ON,
            _MOVING_ON_REOPEN,
        ),
        LockReason.ATTEMPT_LIMIT: LockExplanation(
            LockReason.ATTEMPT_LIMIT,
            N_("It's time to let it rest"),
            N_(
                "You've reached out {attempts} times without a warm reply. You've been "
                "brave and honest. From here, the kindest step, for you too, is to stop "
                "asking. Contact tools are closed for this breakup."
            ),
            (
                N_("Their silence says nothing about your worth."),
                N_("The moving-on program below walks you through the weeks ahead."),
            ),
            NextStep.MOVING_ON,
            _MOVING_ON_REOPEN,
        ),
        LockReason.NOT_CONTACT_STRATEGY: LockExplanation(
            LockReason.NOT_CONTACT_STRATEGY,
            N_("No contact tools, by your choice"),
            N_(
                "Right now you're not aiming to get back in touch, so contact tools stay "
                "out of your way. That's a perfectly good choice, and so is not being sure."
            ),
            (
                N_("Keep your daily check-in; it shows how far you've come."),
                N_("Take the readiness check whenever you're curious."),
                N_("You can change your strategy at any time."),
            ),
            NextStep.WELLBEING,
        ),
        LockReason.MINIMUM_NOT_REACHED: LockExplanation(
            LockReason.MINIMUM_NOT_REACHED,
            N_("Your no-contact time is still running"),
            N_(
                "Your minimum no-contact time is reached on {date}. Contact tools open "
                "after that, once you're ready."
            ),
            (
                N_("Keep your daily check-in."),
                N_("When you want to say something to them, write an unsent letter instead."),
                N_("When an urge hits, the SOS page is one tap away."),
            ),
            NextStep.WAIT_FOR_DATE,
        ),
        LockReason.DISTRESS: LockExplanation(
            LockReason.DISTRESS,
            N_("Let's look after you first"),
            N_(
                "Your recent check-ins show a hard stretch. Contact tools are paused until "
                "things feel steadier. This is a pause, not a judgement."
            ),
            (
                N_("Reach out to a friend today, even with a short message."),
                N_("Rest, eat something, and go easy on yourself."),
                N_("If things feel very dark, the support page lists people to talk to now."),
            ),
            NextStep.SUPPORT,
        ),
        LockReason.NOT_READY_YET: LockExplanation(
            LockReason.NOT_READY_YET,
            N_("Not quite yet"),
            N_(
                "Some parts of you are ready and some need a little more time. "
                "Here's what the readiness check sees."
            ),
            (
                N_("Each reason below says what would help."),
                N_("You can take the check again once a day, whenever you like."),
            ),
            NextStep.READINESS,
        ),
        LockReason.COOLDOWN: LockExplanation(
            LockReason.COOLDOWN,
            N_("Giving them room"),
            N_(
                "You reached out recently. The next step can wait until {date}: time "
                "gives them room to answer in their own way."
            ),
            (
                N_("Please don't send another message in the meantime."),
                N_("Fill these days with things that are yours."),
            ),
            NextStep.WAIT_FOR_DATE,
        ),
    }
)


# --- Moving on ------------------------------------------------------------------

MOVING_ON_PROGRAM: Final[tuple[Section, ...]] = (
    Section(
        title=N_("This week: let it land"),
        intro=N_("Be gentle with yourself. Sad, angry or numb are all normal."),
        points=(
            N_("Keep your daily check-in, even a short one."),
            N_("Tell one person you trust what happened."),
            N_("Plan something small and kind for yourself each day."),
        ),
        why=(N_("Naming what you feel helps it pass."),),
    ),
    Section(
        title=N_("Weeks two and three: make some space"),
        intro=N_("Less of them around you means more room for you."),
        points=(
            N_("Put photos and gifts out of sight. You don't have to throw anything away."),
            N_("Mute or unfollow them for now, so your feed stays yours."),
            N_("When you need to say something to them, write an unsent letter."),
        ),
        why=(N_("Every reminder restarts the ache a little. Fewer reminders, faster healing."),),
    ),
    Section(
        title=N_("Week four: fill your days"),
        intro=N_("Your life is yours to shape again."),
        points=(
            N_("Plan one thing to look forward to each week."),
            N_("Pick up something you set aside: a hobby, a sport, an old friend."),
            N_("Look after sleep, food and movement; they carry you through."),
        ),
        why=(N_("Good days don't arrive by waiting. They grow from small plans."),),
    ),
    Section(
        title=N_("After a month: look ahead"),
        intro=N_("Notice how far you've come."),
        points=(
            N_("Read your reasons list and what you've written. What have you learned?"),
            N_("Say yes to new plans and new people, at your own pace."),
            N_("Hard days still come. Come back here on those days; nothing is lost."),
        ),
        why=(N_("Healing isn't a straight line, and every step forward still counts."),),
    ),
)

CLOSINGS: Final[Mapping[Outcome, Section]] = MappingProxyType(
    {
        Outcome.REUNITED: Section(
            title=N_("You found your way back"),
            intro=N_(
                "Congratulations. Go slowly and be kind to each other. Your history here "
                "stays with you, and only you can see it."
            ),
            points=(
                N_("Talk about what you each need, when the time feels right."),
                N_("Keep your own friends and routines; they make you a good partner."),
                N_("If it ever gets hard again, this place is still here."),
            ),
        ),
        Outcome.MOVED_ON: Section(
            title=N_("You're moving on"),
            intro=N_(
                "That takes courage. You did the hard work of healing, and it counts. "
                "Your history stays here, and only you can see it."
            ),
            points=(
                N_("Look back at your streaks and notes now and then: you did that."),
                N_("Carry what you learned into whatever comes next."),
                N_("Come back any time a hard day comes."),
            ),
        ),
    }
)


# --- Strategies -------------------------------------------------------------------

STRATEGY_TEXTS: Final[Mapping[Strategy, Section]] = MappingProxyType(
    {
        Strategy.RECONNECT: Section(
            title=N_("Reconnect, step by step"),
            intro=N_(
                "When you're ready, you get back in touch in a small, friendly way and see "
                "how they respond. No big talks, no pressure."
            ),
            points=(
                N_("If they reach out first, you answer warmly and briefly."),
                N_("If you cross paths by chance, you keep it light and short."),
                N_("Or you send a short, honest hello, or use a date you already know."),
            ),
            why=(N_("Small, easy moments let both of you find out if something is still there."),),
        ),
        Strategy.INTENT_STATEMENT: Section(
            title=N_("Say it once, clearly"),
            intro=N_(
                "You tell them, once, that you'd like to be together again, as a couple and "
                "not as friends, and that they can reach out if they want the same."
            ),
            points=(
                N_("Then you step back and wait, with no end date."),
                N_("If they offer friendship instead, you can decline it kindly."),
                N_("This needs calm: the readiness check asks whether you can hold the silence."),
            ),
            why=(N_("It is honest and leaves the choice fully with them."),),
        ),
        Strategy.MOVE_ON: Section(
            title=N_("Move on"),
            intro=N_(
                "You put your energy into your own life and let this relationship rest. "
                "Contact tools step out of your way."
            ),
            points=(
                N_("Your day count, check-ins, journal and reasons stay with you."),
                N_("A moving-on program walks you through the weeks ahead."),
                N_("You can change your mind later; nothing is lost."),
            ),
            why=(N_("Choosing yourself is never the wrong answer."),),
        ),
    }
)


def closing_for(outcome: Outcome | str) -> Section:
    return CLOSINGS[Outcome(outcome)]


def explain_lock(state: ProgramState) -> LockNote | None:
    """Why the contact tools are closed today, or ``None`` when they are open."""
    reason = state.lock_reason
    if reason is None:
        return None
    explanation = LOCK_EXPLANATIONS[reason]
    date: dt.date | None = None
    params: dict[str, Any] = {}
    open_reasons: tuple[Reason, ...] = ()
    moving_on: tuple[Section, ...] = ()
    if reason is LockReason.MINIMUM_NOT_REACHED:
        date = state.minimum_reached_on
    elif reason is LockReason.COOLDOWN:
        date = state.next_attempt_on
    elif reason is LockReason.ATTEMPT_LIMIT:
        params["attempts"] = rules.MAX_ATTEMPTS_WITHOUT_POSITIVE_REPLY
    elif reason is LockReason.NOT_READY_YET:
        open_reasons = tuple(r for r in state.readiness.reasons if r.status is not Status.MET)
    if date is not None:
        params["date"] = date.isoformat()
    if explanation.next_step is NextStep.MOVING_ON:
        moving_on = MOVING_ON_PROGRAM
    return LockNote(explanation, MappingProxyType(params), date, open_reasons, moving_on)
