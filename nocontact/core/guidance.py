"""What the app says on each reconnect route and at the first meeting.

Every text here is plain data marked with ``N_``: the adapters translate it and
lay it out. A route is a short list of steps (the guide, a prep card where one
helps, a debrief, ...), each a ``Section`` with a title, a short intro, a few
points and the "why" behind them. Placeholders in examples (``{name}``,
``{item}``) are filled with ``fill`` *after* translation.

Why contact tools are closed, the moving-on program and the closing screens
live in ``guidance_care.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from nocontact.core.i18n import N_
from nocontact.core.model import ItemLeft, Occasion, Profile, Route

__all__ = [
    "DECLINE_TEMPLATES",
    "MEETING_DEBRIEF",
    "MEETING_PREP",
    "OCCASION_WINDOW_DAYS",
    "ROUTE_GUIDES",
    "ROUTE_LETTERS",
    "Question",
    "RouteGuide",
    "Section",
    "Step",
    "UpcomingOccasion",
    "fill",
    "guide_step",
    "route_guide",
    "substantial_items",
    "upcoming_occasions",
]

# Occasions surface from today to this many days ahead, and only once the
# user is ready: early enough to prepare a card, late enough not to brood.
OCCASION_WINDOW_DAYS: Final = 21


class Step(StrEnum):
    GUIDE = "guide"
    WHY_NOT = "why_not"  # route B: why a planned "coincidence" is a bad idea
    PREP = "prep"
    WALK_AWAY = "walk_away"
    DECLINE = "decline"
    DEBRIEF = "debrief"


@dataclass(frozen=True, slots=True)
class Question:
    """A debrief question; ``key`` names the event field its answer fills."""

    key: str
    text: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    intro: str
    points: tuple[str, ...]
    why: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True, slots=True)
class RouteGuide:
    route: Route
    letter: str  # A-D, as DESIGN.md names the routes
    title: str
    summary: str
    steps: tuple[tuple[Step, Section], ...]

    @property
    def step_names(self) -> tuple[Step, ...]:
        return tuple(step for step, _ in self.steps)

    def section(self, step: Step) -> Section:
        for name, section in self.steps:
            if name is step:
                return section
        raise KeyError(step)


def fill(text: str, **values: str) -> str:
    """Put the user's words into a translated example, e.g. ``fill(t, name="Sam")``.

    Plain replacement, not ``str.format``: a nickname with braces stays as typed
    and an unfilled placeholder never raises.
    """
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


# --- Debriefs ----------------------------------------------------------------

_HOW_DO_YOU_FEEL = Question(
    "feeling",
    N_("How do you feel now, from 1 to 5?"),
    N_("There is no right answer. How you feel matters as much as how they reacted."),
)
_SIGNALS_SEEN = Question(
    "signals",
    N_("Which signals did you notice?"),
    N_("Pick any that fit. Each one is kept with today's date and shapes the trend."),
)
_ANYTHING_ELSE = Question("note", N_("Anything you'd like to remember?"), N_("Only you see this."))


def _debrief(intro: str, *questions: Question) -> Section:
    return Section(
        title=N_("Afterwards: a short debrief"),
        intro=intro,
        points=(
            N_("Write it down while it's fresh, then let it rest."),
            N_("Whatever happened, you did something brave and honest."),
        ),
        why=(N_("Looking back calmly shows you the real picture, not just the hopes or fears."),),
        questions=(*questions, _SIGNALS_SEEN, _HOW_DO_YOU_FEEL, _ANYTHING_ELSE),
    )


# --- Route A: they reached out -----------------------------------------------

_ROUTE_A = RouteGuide(
    route=Route.EX_REACHED_OUT,
    letter="A",
    title=N_("They reached out"),
    summary=N_("They got in touch first. Answer warmly, briefly and calmly."),
    steps=(
        (
            Step.GUIDE,
            Section(
                title=N_("Replying to them"),
                intro=N_(
                    "They wrote to you first, and that's a good sign. A kind, light reply "
                    "is all this moment needs."
                ),
                points=(
                    N_("Reply once you feel calm. No need to rush, and no need to make them wait."),
                    N_(
                        "Keep it warm and short: thank them, answer what they asked, "
                        "add one friendly line about your life."
                    ),
                    N_(
                        "Leave the breakup out of it. This isn't the moment to go over what went wrong."
                    ),
                    N_("Don't ask who they're seeing or how their evenings go."),
                    N_("Log their message here: it's the strongest sign of interest there is."),
                ),
                why=(
                    N_("A light reply makes it easy for them to write again."),
                    N_("Going back over the breakup pulls you both into the old hurt."),
                    N_(
                        "Questions about their dating life feel like checking up on them, "
                        "and the answer could hurt you."
                    ),
                ),
                examples=(
                    N_(
                        "Hi {name}, nice to hear from you! Things are good here, busy in a "
                        "good way. How have you been?"
                    ),
                ),
            ),
        ),
        (
            Step.DEBRIEF,
            _debrief(
                N_("A few questions about how the conversation went."),
                Question("asked_about_you", N_("Did they ask about your life?")),
                Question("talk_again", N_("Did either of you suggest talking again?")),
            ),
        ),
    ),
)

# --- Route B: a chance encounter ---------------------------------------------

_ROUTE_B = RouteGuide(
    route=Route.ENCOUNTER,
    letter="B",
    title=N_("A chance encounter"),
    summary=N_("If your paths cross on their own, a friendly hello can be enough."),
    steps=(
        (
            Step.GUIDE,
            Section(
                title=N_("If you happen to meet"),
                intro=N_(
                    "Sometimes paths cross by themselves: at a friend's party, in a shop you "
                    "both like. If that happens, it can be a gentle way to say hello."
                ),
                points=(
                    N_("Only the places you'd be anyway: your own routines, your friends' plans."),
                    N_("Don't go somewhere because they might be there. Let chance be chance."),
                    N_(
                        "The app won't help you plan a meeting, and it never keeps track of "
                        "where they go."
                    ),
                ),
                why=(N_("Living your own life is what makes you ready, and it shows."),),
            ),
        ),
        (
            Step.WHY_NOT,
            Section(
                title=N_("Why not plan a 'coincidence'?"),
                intro=N_(
                    "It can be tempting to arrange a meeting that looks like luck. "
                    "Here's why it tends to go wrong."
                ),
                points=(
                    N_(
                        "To them, it can feel like being watched. That is frightening, "
                        "not romantic."
                    ),
                    N_("If they find out, it breaks their trust just when you hope to rebuild it."),
                    N_(
                        "It isn't honest, and anything good that grows from here needs "
                        "honesty from the start."
                    ),
                    N_("Waiting around for them puts your own life on hold."),
                ),
                why=(
                    N_(
                        "If you'd like to reach out, there's an honest way: a short, plain "
                        "message when you're ready."
                    ),
                ),
            ),
        ),
        (
            Step.PREP,
            Section(
                title=N_("If it happens: a pocket card"),
                intro=N_("Keep these in mind. Five minutes of kindness is plenty."),
                points=(
                    N_("Be friendly. Smile and say hello."),
                    N_("Keep it casual, like bumping into an old friend."),
                    N_("Look them in the eye; it shows you're at ease."),
                    N_("Small talk is perfect: work, a film, a friend's news."),
                    N_("No serious topics: not the breakup, not feelings, not who they're with."),
                    N_("Keep it short. Say a warm goodbye while it still feels nice."),
                ),
                why=(N_("A short, easy moment leaves a good memory, and room for more."),),
            ),
        ),
        (
            Step.DEBRIEF,
            _debrief(
                N_("A few questions about the encounter."),
                Question(
                    "mood_of_meeting", N_("How did they seem to you: warm, polite or distant?")
                ),
            ),
        ),
    ),
)

# --- Route C: you reach out (a message, an occasion, things left behind) ------

_ROUTE_C_MESSAGE = RouteGuide(
    route=Route.REACH_OUT,
    letter="C",
    title=N_("You reach out"),
    summary=N_("One short, honest hello. No clever angle needed."),
    steps=(
        (
            Step.GUIDE,
            Section(
                title=N_("A plain, honest hello"),
                intro=N_(
                    "You're ready, and you'd like to say hello. A short message or call "
                    "with one easy question is enough."
                ),
                points=(
                    N_("Write as you would to an old friend: a hello and one easy question."),
                    N_("No apologies for the past, no feelings, no 'I miss you' yet."),
                    N_("Send it at a normal hour of the day, not late at night."),
                    N_("Send it once. If there's no answer, don't send another; log it and rest."),
                ),
                why=(
                    N_("A simple message is easy to answer. A heavy one asks too much too soon."),
                    N_("A second message after silence turns a hello into pressure."),
                ),
                examples=(
                    N_(
                        "Hi {name}, it's been a while and I wanted to say hello. "
                        "How are things with you?"
                    ),
                    N_("Hey {name}, I hope life is treating you well. How have you been?"),
                ),
            ),
        ),
        (
            Step.DEBRIEF,
            _debrief(
                N_("A few questions about their answer."),
                Question("replied", N_("Did they reply, and how long was it?")),
            ),
        ),
    ),
)

_ROUTE_C_OCCASION = RouteGuide(
    route=Route.OCCASION,
    letter="C",
    title=N_("An occasion you already know"),
    summary=N_("A kind word on their birthday or big day, and nothing more."),
    steps=(
        (
            Step.GUIDE,
            Section(
                title=N_("A kind word on their day"),
                intro=N_(
                    "A birthday, a graduation, a new job: a day that matters to them is a "
                    "natural moment for a short, warm note."
                ),
                points=(
                    N_("Only dates you already know. The app never looks anything up about them."),
                    N_("On the day itself, send a card or a short message, or make a brief call."),
                    N_("Keep it about them and their day: congratulations, happy birthday."),
                    N_(
                        "Don't add a question they have to answer. Let them choose whether to reply."
                    ),
                ),
                why=(
                    N_("A kind word that asks for nothing is easy to receive."),
                    N_("It shows you remember them warmly, without pressure."),
                ),
                examples=(
                    N_("Happy birthday, {name}! I hope it's a lovely day."),
                    N_("Congratulations, {name}! You worked so hard for this. Enjoy it."),
                ),
            ),
        ),
        (
            Step.DEBRIEF,
            _debrief(
                N_("A few questions about how it landed."),
                Question("replied", N_("Did they reply, and how did it feel?")),
            ),
        ),
    ),
)

_ROUTE_C_PICKUP = RouteGuide(
    route=Route.PICKUP,
    letter="C",
    title=N_("Things left behind"),
    summary=N_("Offer back what really matters, and let them arrange the rest."),
    steps=(
        (
            Step.GUIDE,
            Section(
                title=N_("Giving their things back"),
                intro=N_(
                    "If something of theirs that really matters is still with you, offering "
                    "it back is honest and kind."
                ),
                points=(
                    N_("Only things that matter to them, not a toothbrush or an old T-shirt."),
                    N_("Offer it back in one short message."),
                    N_("Don't offer to bring it over. Let them say how and when they'd like it."),
                    N_("If they suggest a coffee when they come by, that's a signal: log it."),
                    N_("Keep the handover short and friendly."),
                ),
                why=(
                    N_("Small things are a pretext, and pretexts feel like games."),
                    N_(
                        "Offering to drop it off takes the choice away from them. "
                        "Letting them arrange it respects their space."
                    ),
                    N_("If they want more than a handover, they'll say so."),
                ),
                examples=(
                    N_(
                        "Hi {name}, I still have your {item} and I'd like you to have it back. "
                        "Let me know when suits you to pick it up."
                    ),
                ),
            ),
        ),
        (
            Step.DEBRIEF,
            _debrief(
                N_("A few questions about the handover."),
                Question("offered_to_meet", N_("Did they suggest a coffee or a longer chat?")),
            ),
        ),
    ),
)

# --- Route D: a statement of intent -------------------------------------------

DECLINE_TEMPLATES: Final[tuple[str, ...]] = (
    N_(
        "Thank you, {name}, that means a lot. I'll say no to friendship for now, because "
        "it isn't what I'm hoping for, and I want to be honest with you. I wish you well."
    ),
    N_(
        "I appreciate that, really. Being friends while I feel this way wouldn't be fair "
        "to either of us, so I'll step back now. Take good care of yourself."
    ),
    N_(
        "That's kind of you. I meant what I said, so I'll pass on friendship. If anything "
        "changes for you, you know where I am. Until then, all the best."
    ),
)

_ROUTE_D = RouteGuide(
    route=Route.INTENT_STATEMENT,
    letter="D",
    title=N_("A statement of intent"),
    summary=N_("Say once, honestly, that you'd like to be together again. Then step back."),
    steps=(
        (
            Step.GUIDE,
            Section(
                title=N_("Say it once, honestly"),
                intro=N_(
                    "One clear message: you'd like to be together again, as a couple. "
                    "Then the door is open, and the choice is theirs."
                ),
                points=(
                    N_(
                        "Say plainly that you want to be together again romantically, not as friends."
                    ),
                    N_("Ask them to reach out only if they want the same."),
                    N_("Keep it short and calm: no list of reasons, no pleading, no deadline."),
                    N_("Send it once. Don't follow up, and don't check whether they've read it."),
                ),
                why=(
                    N_("Clear words spare you both the guessing."),
                    N_(
                        "Asking them to reach out only if they feel the same puts the choice "
                        "fully in their hands."
                    ),
                ),
                examples=(
                    N_(
                        "Hi {name}. I've had time to think, and I want to be honest: I'd like "
                        "us to be together again, as a couple, not as friends. If you want "
                        "that too, reach out whenever you're ready. If not, I understand, "
                        "and I wish you well."
                    ),
                ),
            ),
        ),
        (
            Step.WALK_AWAY,
            Section(
                title=N_("Then step back, with no end date"),
                intro=N_(
                    "After you've said it, the next move is theirs. You go back to your "
                    "own life, for as long as it takes."
                ),
                points=(
                    N_("No follow-ups, no reminders, no looking at their profiles."),
                    N_("Keep up your check-ins, your reasons and your people."),
                    N_("There's no deadline, and you don't wait by the phone."),
                    N_("If they reach out, log it here, and the next steps open."),
                ),
                why=(
                    N_("Stepping back is what makes your words believable."),
                    N_("A full life of your own is the best answer, whatever they decide."),
                ),
            ),
        ),
        (
            Step.DECLINE,
            Section(
                title=N_("If they offer friendship"),
                intro=N_(
                    "They may say they'd like to stay friends. It's kindly meant, and it's "
                    "okay to say no, kindly. Log the offer so it stays in your history."
                ),
                points=(
                    N_("Thank them; they mean well."),
                    N_("Say honestly that friendship isn't what you're hoping for."),
                    N_("Wish them well, and step back."),
                ),
                why=(
                    N_(
                        "Staying friends while hoping for more tends to hurt, and it blurs "
                        "what you told them."
                    ),
                    N_("Saying no to friendship keeps your message honest. It isn't a punishment."),
                ),
                examples=DECLINE_TEMPLATES,
            ),
        ),
        (
            Step.DEBRIEF,
            _debrief(
                N_("If they answered, a few questions about it."),
                Question("answer", N_("What did they say: yes, friendship, or no?")),
            ),
        ),
    ),
)

ROUTE_GUIDES: Final[Mapping[Route, RouteGuide]] = MappingProxyType(
    {
        guide.route: guide
        for guide in (
            _ROUTE_A,
            _ROUTE_B,
            _ROUTE_C_MESSAGE,
            _ROUTE_C_OCCASION,
            _ROUTE_C_PICKUP,
            _ROUTE_D,
        )
    }
)
ROUTE_LETTERS: Final[Mapping[Route, str]] = MappingProxyType(
    {route: guide.letter for route, guide in ROUTE_GUIDES.items()}
)


def route_guide(route: Route | str) -> RouteGuide:
    """The guide of a route; ``ValueError`` for a name that is not a route."""
    return ROUTE_GUIDES[Route(route)]


def guide_step(route: Route | str, step: Step | str) -> Section:
    """One step of a route; ``KeyError`` when that route has no such step."""
    return route_guide(route).section(Step(step))


# --- The first meeting ----------------------------------------------------------

MEETING_PREP: Final = Section(
    title=N_("Before you meet"),
    intro=N_("Think of it as a nice hour with someone you know well, not a test."),
    points=(
        N_("Keep it light and fun: a walk, a coffee, something easy."),
        N_("No serious talk: not the breakup, not what went wrong, not the future."),
        N_("Don't tell them you've missed them yet. There'll be a right time."),
        N_("Let them talk, and really listen."),
        N_("Notice the signals: do they ask about you, laugh, want to stay longer?"),
        N_("Leave while it's still good, so you both want more."),
    ),
    why=(
        N_("A light meeting shows who you are now, not who you were at the end."),
        N_("Big words too soon can feel like pressure. Warmth speaks for itself."),
    ),
)

MEETING_DEBRIEF: Final = Section(
    title=N_("After the meeting"),
    intro=N_("Take a breath. A few questions, then let the day be."),
    points=(
        N_("Answer honestly; nobody else sees this."),
        N_("One meeting doesn't decide everything, whichever way it went."),
    ),
    why=(N_("The signals you note here feed the trend, so you see the pattern, not one moment."),),
    questions=(
        _SIGNALS_SEEN,
        Question(
            "again_both_sides",
            N_("Did 'let's do this again' come from both of you?"),
            N_("Count it only if they said it too, or agreed warmly."),
        ),
        _HOW_DO_YOU_FEEL,
        _ANYTHING_ELSE,
    ),
)


# --- Route C draws on the profile ----------------------------------------------


@dataclass(frozen=True, slots=True)
class UpcomingOccasion:
    occasion: Occasion
    days_away: int  # 0 means today


def upcoming_occasions(profile: Profile, today: dt.date, ready: bool) -> list[UpcomingOccasion]:
    """Occasions from today to ``OCCASION_WINDOW_DAYS`` ahead, soonest first.

    Nothing before the user is ready: an occasion is a reason to reach out, and
    reaching out waits for readiness. Dates are taken as the user entered them
    (a one-off day, not a yearly one).
    """
    if not ready:
        return []
    upcoming = [
        UpcomingOccasion(occasion, (occasion.date - today).days)
        for occasion in profile.occasions
        if 0 <= (occasion.date - today).days <= OCCASION_WINDOW_DAYS
    ]
    upcoming.sort(key=lambda u: (u.days_away, u.occasion.name))
    return upcoming


def substantial_items(profile: Profile) -> list[ItemLeft]:
    """Only things that matter: small items would be a pretext, not a reason."""
    return [item for item in profile.items_left if item.substantial]
