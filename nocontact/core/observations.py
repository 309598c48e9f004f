"""Plain-language observations under each insights chart.

Each one says what the numbers show, kindly, and never judges: a slip is a
fact, not a failure. Texts are marked for translation here and translated by
the adapter, which also formats the values (an ``Hour`` on the user's clock, a
``Weekday`` by name, a date in their locale).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Final

from nocontact.core.i18n import N_
from nocontact.core.insights import (
    HEATMAP_WEEKS,
    DayStatus,
    Insights,
    WeekWellbeing,
    busiest_hours,
    strength_percent,
)
from nocontact.core.model import Verdict

RECENT_WEEKS: Final = (4, 2)  # "lately": the last four weeks against the four before, or two
MOSTLY_SHARE: Final = 0.35  # a three-hour window with this share of urges is "mostly"
PEAK_DAY_FACTOR: Final = 1.5  # a weekday stands out with this many times its fair share


@dataclass(frozen=True, slots=True)
class Hour:
    value: int


@dataclass(frozen=True, slots=True)
class Weekday:
    value: int  # 0 is Monday


Value = int | float | str | dt.date | Hour | Weekday | Verdict


@dataclass(frozen=True, slots=True)
class Observation:
    """``message`` (marked with N_) with ``str.format`` placeholders.

    With a ``plural``, the adapter picks the form for the number ``params[count]``.
    """

    message: str
    params: Mapping[str, Value] = field(default_factory=dict)
    plural: str = ""
    count: str = ""


def _sum(values: Sequence[int]) -> int:
    return sum(values)


def heatmap(insights: Insights) -> list[Observation]:
    lived = [d for d in insights.days if d.status is not DayStatus.BEFORE]
    if not lived:
        return [Observation(N_("Your days since the breakup will fill this calendar."))]
    slips = [d.day for d in lived if d.status is DayStatus.SLIP]
    checked = sum(1 for d in lived if d.status is DayStatus.CHECKED)
    notes = [
        Observation(
            N_("{clean} day without contact in these {weeks} weeks."),
            {"clean": len(lived) - len(slips), "weeks": HEATMAP_WEEKS},
            N_("{clean} days without contact in these {weeks} weeks."),
            "clean",
        )
    ]
    if checked:
        notes.append(
            Observation(
                N_("On {checked} of them you checked on them; that is not a slip."),
                {"checked": checked},
                N_("On {checked} of them you checked on them; those are not slips."),
                "checked",
            )
        )
    if slips:
        notes.append(
            Observation(
                N_("{slips} slip, on {day}. Your progress is still here."),
                {"slips": len(slips), "day": slips[-1]},
                N_("{slips} slips, the latest on {day}. Your progress is still here."),
                "slips",
            )
        )
    return notes


def urges(insights: Insights) -> list[Observation]:
    weeks = insights.urge_weeks
    total = _sum([w.count for w in weeks])
    if not total:
        return [
            Observation(
                N_("No urges logged in these weeks. When one comes, log it: it shows up here.")
            )
        ]
    notes = []
    span = next((n for n in RECENT_WEEKS if len(weeks) >= 2 * n), 0)
    recent, before = weeks[len(weeks) - span :], weeks[len(weeks) - 2 * span : len(weeks) - span]
    if span:
        now, then = _sum([w.count for w in recent]), _sum([w.count for w in before])
        params: dict[str, Value] = {"recent": now, "before": then, "weeks": span}
        if now < then:
            text = N_(
                "Fewer urges lately: {recent} in the last {weeks} weeks, {before} in the {weeks} weeks before."
            )
        elif now > then:
            text = N_(
                "More urges lately: {recent} in the last {weeks} weeks, {before} in the {weeks} weeks before. Hard stretches come and go."
            )
        else:
            text = N_(
                "About as many urges as before: {recent} in the last {weeks} weeks, {before} in the {weeks} weeks before."
            )
        notes.append(Observation(text, params))
    resisted = _sum([w.resisted for w in weeks])
    notes.append(
        Observation(
            N_("You rode out {resisted} of the {total} urge you logged here."),
            {"resisted": resisted, "total": total},
            N_("You rode out {resisted} of the {total} urges you logged here."),
            "total",
        )
    )
    strong_now = [w.mean_intensity for w in recent if w.mean_intensity is not None]
    strong_then = [w.mean_intensity for w in before if w.mean_intensity is not None]
    if span and strong_now and strong_then:
        notes.append(
            Observation(
                N_("On average they felt {recent} out of 10 lately, {before} before."),
                {"recent": round(fmean(strong_now), 1), "before": round(fmean(strong_then), 1)},
            )
        )
    return notes


def urge_clock(insights: Insights) -> list[Observation]:
    clock = insights.urge_clock
    total = clock.total
    if not total:
        return [Observation(N_("When urges come, the hours and days they come on will show here."))]
    first, after, count = busiest_hours(clock.by_hour)
    share = round(100 * count / total)
    if count / total >= MOSTLY_SHARE:
        text = N_("Your urges come mostly between {start} and {end}: {share}% of them.")
    else:
        text = N_(
            "Your urges are spread across the day; the busiest hours are {start} to {end} ({share}% of them)."
        )
    notes = [Observation(text, {"start": Hour(first), "end": Hour(after), "share": share})]
    by_day = clock.by_weekday
    peak = max(range(len(by_day)), key=lambda i: (by_day[i], -i))
    if by_day[peak] >= PEAK_DAY_FACTOR * total / len(by_day):
        notes.append(
            Observation(
                N_(
                    "{weekday} brings the most urges: {count} of {total}. It may help to plan something kind for yourself then."
                ),
                {"weekday": Weekday(peak), "count": by_day[peak], "total": total},
            )
        )
    return notes


def _ends(weeks: Sequence[WeekWellbeing], value: str) -> tuple[float, float] | None:
    """The mean of the first and of the last two weeks with check-ins."""
    values = [getattr(w, value) for w in weeks if getattr(w, value) is not None]
    if len(values) < 2:
        return None
    half = min(2, len(values) // 2)
    return round(fmean(values[:half]), 1), round(fmean(values[-half:]), 1)


def wellbeing(insights: Insights, value: str) -> list[Observation]:
    weeks = insights.wellbeing
    if not any(w.checkin_days for w in weeks):
        return [Observation(N_("Your daily check-ins will draw this chart."))]
    if value == "crying_days":
        days = _sum([w.checkin_days for w in weeks[-2:]])
        cried = _sum([w.crying_days for w in weeks[-2:]])
        if not days:
            return [Observation(N_("No check-ins in the last two weeks."))]
        return [
            Observation(
                N_(
                    "You cried on {cried} of the {days} day you checked in over the last two weeks. Tears are part of healing."
                ),
                {"cried": cried, "days": days},
                N_(
                    "You cried on {cried} of the {days} days you checked in over the last two weeks. Tears are part of healing."
                ),
                "days",
            )
        ]
    ends = _ends(weeks, value)
    if ends is None:
        return [Observation(N_("A few more weeks of check-ins will show a trend here."))]
    first, last = ends
    if value == "mean_mood":
        text = N_(
            "Your mood averaged {last} out of 5 lately, {first} at the start of these weeks (higher is better)."
        )
    else:
        text = N_(
            "Your desperation averaged {last} out of 10 lately, {first} at the start of these weeks (lower is easier)."
        )
    return [Observation(text, {"first": first, "last": last})]


def triggers(insights: Insights) -> list[Observation]:
    if not insights.triggers:
        return [
            Observation(
                N_(
                    "No triggers named yet. Naming one when an urge comes helps you see the next one coming."
                )
            )
        ]
    top = insights.triggers[0]
    return [
        Observation(
            N_(
                "“{trigger}” came up most: in {count} of the {total} urge where you named a trigger."
            ),
            {"trigger": top.trigger, "count": top.count, "total": insights.triggered_urges},
            N_(
                "“{trigger}” came up most: in {count} of the {total} urges where you named a trigger."
            ),
            "total",
        )
    ]


def strength(insights: Insights) -> list[Observation]:
    points = insights.program
    now, then = strength_percent(points[-1].strength), strength_percent(points[0].strength)
    return [
        Observation(
            N_(
                "Your strength is {now}% now, {then}% at the end of the first of these weeks. A slip dents it; it never wipes out what you built."
            ),
            {"now": now, "then": then},
        )
    ]


def readiness(insights: Insights) -> list[Observation]:
    verdicts = [p.verdict for p in insights.program]
    notes = [Observation(N_("This week's verdict: {verdict}."), {"verdict": verdicts[-1]})]
    if len(verdicts) < 2:
        return notes
    notes.append(
        Observation(
            N_(
                "Over {weeks} week: ready {ready}, almost {almost}, not yet {not_yet}. The verdict waits for time and for you to feel steady."
            ),
            {
                "weeks": len(verdicts),
                "ready": verdicts.count(Verdict.READY),
                "almost": verdicts.count(Verdict.ALMOST),
                "not_yet": verdicts.count(Verdict.NOT_YET),
            },
            N_(
                "Over these {weeks} weeks: ready {ready}, almost {almost}, not yet {not_yet}. The verdict waits for time and for you to feel steady."
            ),
            "weeks",
        )
    )
    return notes


def observations(insights: Insights) -> dict[str, list[Observation]]:
    """Every chart's observations, by the chart's name."""
    return {
        "days": heatmap(insights),
        "urges": urges(insights),
        "clock": urge_clock(insights),
        "mood": wellbeing(insights, "mean_mood"),
        "desperation": wellbeing(insights, "mean_desperation"),
        "crying": wellbeing(insights, "crying_days"),
        "triggers": triggers(insights),
        "strength": strength(insights),
        "readiness": readiness(insights),
    }
