"""Readiness: "wanting, not needing".

The verdict combines four things, each explained with its numbers: the time rule
(the minimum No Contact period), a short self-assessment, the wellbeing trend of
the last two weeks and, for a statement of intent only, the discipline to hold
silence with no end date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from statistics import fmean
from typing import Any

from nocontact.core import rules
from nocontact.core.i18n import N_
from nocontact.core.model import Verdict


@dataclass(frozen=True, slots=True)
class Statement:
    """One self-assessment statement. Agreeing (5) means "wanting, not needing"."""

    key: str
    text: str
    when_low: str
    when_high: str


# The order is part of the export format: answers are stored in this order.
STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "full_days",
        N_("My days feel full without them: work, friends, things I enjoy."),
        N_("Your days still feel empty without them. Filling them for yourself comes first."),
        N_("Your life has its own shape again. That is the cake; they would be the icing."),
    ),
    Statement(
        "phone_calm",
        N_("I can go a whole evening without checking whether they wrote."),
        N_(
            "Your phone still pulls at you. That pull fades with time, and it is worth waiting for."
        ),
        N_("Your evenings are your own again."),
    ),
    Statement(
        "no_is_survivable",
        N_("If they said no, I would be sad, and I would be okay."),
        N_("A 'no' would hit very hard right now. Give yourself more time before you risk one."),
        N_("You could hear a 'no' and stay on your feet. That is wanting, not needing."),
    ),
    Statement(
        "not_fear",
        N_("I want them back because of who we were, not because I'm scared of being alone."),
        N_("Fear of being alone is speaking loudly. It deserves care of its own first."),
        N_("Your reasons come from what you shared, not from fear."),
    ),
    Statement(
        "body_ok",
        N_("I sleep and eat about as well as I did before the breakup."),
        N_("Your body is still carrying the breakup. Rest and regular meals come first."),
        N_("Your sleep and appetite are back. That is a strong base."),
    ),
    Statement(
        "new_partner_ok",
        N_("I could hear they're seeing someone and still get through my day."),
        N_(
            "News about someone new would knock you over right now. That is normal, and a reason to wait."
        ),
        N_("You could take hard news and keep your day. That is real steadiness."),
    ),
    Statement(
        "peace_with_why",
        N_("I have made some peace with why it ended."),
        N_("The 'why' still hurts. Talking now could turn into going over the breakup again."),
        N_("You understand what happened well enough to leave it in the past for now."),
    ),
    Statement(
        "calm_talking",
        N_("I can talk about them without crying or getting angry."),
        N_("Talking about them still brings up a lot. Let that settle first."),
        N_("You can talk about them calmly. That calm will show."),
    ),
    Statement(
        "light_and_brief",
        N_("If we talked, I could keep it light and let them lead."),
        N_(
            "You might want to say everything at once. Short and light works better, and that takes calm."
        ),
        N_("You could keep a first talk light and short. That is exactly what works."),
    ),
    Statement(
        "hold_silence",
        N_("I could say what I want once, then leave it with them for as long as it takes."),
        N_(
            "Waiting with no end date would be very hard right now. A statement of intent needs that."
        ),
        N_(
            "You could say it once and then let it rest. That is the discipline a statement of intent needs."
        ),
    ),
)

DISCIPLINE_STATEMENT_INDEX = 9
HIGH_ANSWER = 4


class Status(StrEnum):
    MET = "met"
    CLOSE = "close"
    UNMET = "unmet"


@dataclass(frozen=True, slots=True)
class Reason:
    """One part of a verdict: a stable code, whether it holds, and why (with numbers)."""

    code: str
    status: Status
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.template.format(**self.params)


@dataclass(frozen=True, slots=True)
class Readiness:
    verdict: Verdict
    reasons: tuple[Reason, ...]
    want_score: float | None = None


@dataclass(frozen=True, slots=True)
class WellbeingInputs:
    """Per local day, what the wellbeing trend needs (today is the last day)."""

    moods: Sequence[int]
    desperations: Sequence[int]
    crying_days_last_week: int
    urges_this_week: int
    urges_week_before: int
    slip_in_window: bool


def explain_answers(answers: Sequence[int]) -> list[tuple[Statement, int, str]]:
    """Each answer with the sentence that explains it back to the user."""
    explained = []
    for statement, answer in zip(STATEMENTS, answers, strict=False):
        # A middling answer gets the gentle "not yet" sentence: it says what would help.
        text = statement.when_high if answer >= HIGH_ANSWER else statement.when_low
        explained.append((statement, answer, text))
    return explained


def want_score(answers: Sequence[int]) -> float:
    """Mean agreement over all statements, 1 (needing) to 5 (wanting)."""
    return round(fmean(answers), 2)


def _time_reason(day_count: int, minimum_days: int, reached_on: dt.date) -> Reason:
    params = {"day": day_count, "minimum": minimum_days, "date": reached_on.isoformat()}
    if day_count >= minimum_days:
        return Reason(
            "time",
            Status.MET,
            N_("Day {day}: your minimum of {minimum} days was reached on {date}."),
            params,
        )
    left = minimum_days - day_count
    status = Status.CLOSE if left <= rules.READINESS_TIME_ALMOST_DAYS else Status.UNMET
    template = (
        N_("Day {day} of {minimum}: the minimum period is reached tomorrow, {date}.")
        if left == 1
        else N_(
            "Day {day} of {minimum}: the minimum period is reached on {date}, {left} days from now."
        )
    )
    return Reason("time", status, template, {**params, "left": left})


def _want_reason(answers: Sequence[int] | None) -> Reason:
    if not answers:
        return Reason(
            "want_not_need",
            Status.UNMET,
            N_("Take the short self-check: it tells wanting apart from needing."),
        )
    score = want_score(answers)
    params = {"score": f"{score:.1f}", "ready": f"{rules.READINESS_WANT_SCORE_READY:.1f}"}
    if score >= rules.READINESS_WANT_SCORE_READY:
        return Reason(
            "want_not_need",
            Status.MET,
            N_("Self-check {score} of 5: this sounds like wanting, not needing."),
            params,
        )
    if score >= rules.READINESS_WANT_SCORE_ALMOST:
        return Reason(
            "want_not_need",
            Status.CLOSE,
            N_("Self-check {score} of 5: close. {ready} or more shows you'd be okay either way."),
            params,
        )
    return Reason(
        "want_not_need",
        Status.UNMET,
        N_(
            "Self-check {score} of 5: right now this sounds more like needing. That changes with time."
        ),
        params,
    )


def _wellbeing_reasons(w: WellbeingInputs) -> list[Reason]:
    reasons: list[Reason] = []
    window = rules.WELLBEING_WINDOW_DAYS
    if w.slip_in_window:
        reasons.append(
            Reason(
                "no_recent_slip",
                Status.UNMET,
                N_("There was contact in the last {days} days. Let two calm weeks pass first."),
                {"days": rules.NO_SLIP_WINDOW_DAYS},
            )
        )
    if len(w.moods) < rules.WELLBEING_MIN_CHECKINS:
        reasons.append(
            Reason(
                "checkins",
                Status.CLOSE,
                N_(
                    "{count} check-ins in the last {days} days: {needed} or more make the trend meaningful."
                ),
                {"count": len(w.moods), "days": window, "needed": rules.WELLBEING_MIN_CHECKINS},
            )
        )
        return reasons
    mood = fmean(w.moods)
    desperation = fmean(w.desperations)
    mood_status = (
        Status.MET
        if mood >= rules.WELLBEING_MOOD_READY
        else Status.CLOSE
        if mood >= rules.WELLBEING_MOOD_ALMOST
        else Status.UNMET
    )
    reasons.append(
        Reason(
            "mood",
            mood_status,
            N_("Average mood {mood} of 5 over {days} days (aim: {aim} or more)."),
            {"mood": f"{mood:.1f}", "days": window, "aim": f"{rules.WELLBEING_MOOD_READY:.0f}"},
        )
    )
    desperation_status = (
        Status.MET
        if desperation <= rules.WELLBEING_DESPERATION_READY
        else Status.CLOSE
        if desperation <= rules.WELLBEING_DESPERATION_ALMOST
        else Status.UNMET
    )
    reasons.append(
        Reason(
            "desperation",
            desperation_status,
            N_("Average desperation {value} of 10 (aim: {aim} or less)."),
            {"value": f"{desperation:.1f}", "aim": f"{rules.WELLBEING_DESPERATION_READY:.0f}"},
        )
    )
    crying = w.crying_days_last_week
    crying_status = (
        Status.MET
        if crying <= rules.CRYING_DAYS_READY
        else Status.CLOSE
        if crying <= rules.CRYING_DAYS_ALMOST
        else Status.UNMET
    )
    reasons.append(
        Reason(
            "crying",
            crying_status,
            N_("Cried on {count} of the last {days} days."),
            {"count": crying, "days": rules.CRYING_WINDOW_DAYS},
        )
    )
    trend_ok = w.urges_this_week <= w.urges_week_before
    reasons.append(
        Reason(
            "urges",
            Status.MET if trend_ok else Status.CLOSE,
            N_("Urges this week: {now}; the week before: {before}."),
            {"now": w.urges_this_week, "before": w.urges_week_before},
        )
    )
    return reasons


def _discipline_reason(answers: Sequence[int] | None) -> Reason:
    if not answers:
        return Reason(
            "discipline",
            Status.UNMET,
            N_(
                "A statement of intent means waiting with no end date; the self-check asks about it."
            ),
        )
    answer = answers[DISCIPLINE_STATEMENT_INDEX]
    status = Status.MET if answer >= rules.READINESS_DISCIPLINE_READY else Status.UNMET
    template = (
        N_("You feel able to say it once and then wait with no end date ({answer} of 5).")
        if status is Status.MET
        else N_(
            "Waiting with no end date feels hard right now ({answer} of 5). "
            "Reconnecting step by step may suit you better."
        )
    )
    return Reason("discipline", status, template, {"answer": answer})


def readiness_verdict(
    *,
    day_count: int,
    minimum_days: int,
    minimum_reached_on: dt.date,
    answers: Sequence[int] | None,
    wellbeing: WellbeingInputs,
    intent_statement: bool,
) -> Readiness:
    """Ready when every part holds; almost when none fails outright; else not yet."""
    reasons = [_time_reason(day_count, minimum_days, minimum_reached_on), _want_reason(answers)]
    reasons += _wellbeing_reasons(wellbeing)
    if intent_statement:
        reasons.append(_discipline_reason(answers))
    statuses = {reason.status for reason in reasons}
    if statuses == {Status.MET}:
        verdict = Verdict.READY
    elif Status.UNMET in statuses:
        verdict = Verdict.NOT_YET
    else:
        verdict = Verdict.ALMOST
    score = want_score(answers) if answers else None
    return Readiness(verdict, tuple(reasons), score)
