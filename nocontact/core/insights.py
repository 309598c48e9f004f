"""Insights: what the log says about the last weeks, as plain numbers.

``build_insights`` is one pure function of the profile, the events and today.
It counts; it never judges. The strength and readiness series come from
``program.py`` itself, so the insights page and the dashboard cannot disagree.
Observation texts (``observations.py``) are built from the facts found here.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import fmean
from typing import Final

from nocontact.core.model import Event, EventKind, Profile, Verdict
from nocontact.core.program import (
    RECENT_KINDS,
    RECENT_WINDOW_DAYS,
    Dated,
    date_events,
    readiness_on,
    strength_score,
)

WEEKS: Final = 12  # the weekly charts: about three months, the story of the last weeks
HEATMAP_WEEKS: Final = 26  # half a year of days: readable cells on a 360-pixel phone
TOP_TRIGGERS: Final = 8
HOURS_PER_DAY: Final = 24
DAYS_PER_WEEK: Final = 7


def history_start(today: dt.date) -> dt.date:
    """The first day of check-ins and urges any chart needs.

    The weekly charts start ``WEEKS`` weeks back and the readiness verdict of
    their first week looks back over its own window. The calendar needs only
    slips and "checked on them", which (like every rare kind) are read in full.
    """
    return weeks_start(today) - dt.timedelta(days=RECENT_WINDOW_DAYS)


def weeks_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=WEEKS * DAYS_PER_WEEK - 1)


def heatmap_start(today: dt.date) -> dt.date:
    """A Monday, so each column of the heatmap is one calendar week."""
    first = today - dt.timedelta(days=HEATMAP_WEEKS * DAYS_PER_WEEK - 1)
    return first - dt.timedelta(days=first.weekday())


class DayStatus(StrEnum):
    BEFORE = "before"  # before the breakup, or not yet lived
    CLEAN = "clean"
    CHECKED = "checked"  # checked on them, no contact
    SLIP = "slip"


@dataclass(frozen=True, slots=True)
class DayMark:
    day: dt.date
    status: DayStatus


@dataclass(frozen=True, slots=True)
class WeekUrges:
    start: dt.date
    count: int
    resisted: int
    mean_intensity: float | None


@dataclass(frozen=True, slots=True)
class WeekWellbeing:
    start: dt.date
    checkin_days: int
    mean_mood: float | None
    mean_desperation: float | None
    crying_days: int


@dataclass(frozen=True, slots=True)
class TriggerCount:
    trigger: str
    count: int


@dataclass(frozen=True, slots=True)
class WeekPoint:
    """A value as it stood at the end of a week (the last day of ``start``'s week)."""

    start: dt.date
    end: dt.date
    strength: float
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class UrgeClock:
    """Urges counted by local weekday (0 is Monday) and hour (0-23)."""

    counts: tuple[tuple[int, ...], ...]

    @property
    def by_hour(self) -> tuple[int, ...]:
        return tuple(sum(row[h] for row in self.counts) for h in range(HOURS_PER_DAY))

    @property
    def by_weekday(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.counts)

    @property
    def total(self) -> int:
        return sum(self.by_weekday)


@dataclass(frozen=True, slots=True)
class Insights:
    today: dt.date
    breakup_date: dt.date
    days: tuple[DayMark, ...]
    urge_weeks: tuple[WeekUrges, ...]
    urge_clock: UrgeClock
    wellbeing: tuple[WeekWellbeing, ...]
    triggers: tuple[TriggerCount, ...]
    triggered_urges: int
    program: tuple[WeekPoint, ...]

    @property
    def has_data(self) -> bool:
        """Anything logged in these weeks (a slip, a check-in, an urge...)."""
        return bool(
            self.urge_clock.total
            or any(w.checkin_days for w in self.wellbeing)
            or any(d.status in (DayStatus.SLIP, DayStatus.CHECKED) for d in self.days)
        )


def week_starts(today: dt.date, breakup_date: dt.date) -> list[dt.date]:
    """The first days of the last ``WEEKS`` rolling weeks, the last one ending today.

    Weeks that ended before the breakup are left out: a chart of someone three
    weeks in has three weeks, not nine empty ones first.
    """
    first = weeks_start(today)
    starts = [first + dt.timedelta(days=DAYS_PER_WEEK * i) for i in range(WEEKS)]
    lived = [s for s in starts if s + dt.timedelta(days=DAYS_PER_WEEK - 1) >= breakup_date]
    return lived or starts[-1:]


def _week_index(day: dt.date, starts: Sequence[dt.date]) -> int | None:
    index = (day - starts[0]).days // DAYS_PER_WEEK
    return index if 0 <= index < len(starts) else None


def day_marks(
    breakup_date: dt.date, slip_days: set[dt.date], checked_days: set[dt.date], today: dt.date
) -> tuple[DayMark, ...]:
    """Every day of the heatmap, Monday first; a slip outweighs "checked on them"."""
    start = heatmap_start(today)
    marks = []
    for offset in range((today - start).days + 1):
        day = start + dt.timedelta(days=offset)
        if day < breakup_date:
            status = DayStatus.BEFORE
        elif day in slip_days:
            status = DayStatus.SLIP
        elif day in checked_days:
            status = DayStatus.CHECKED
        else:
            status = DayStatus.CLEAN
        marks.append(DayMark(day, status))
    return tuple(marks)


def urge_weeks(urges: Sequence[Dated], starts: Sequence[dt.date]) -> tuple[WeekUrges, ...]:
    intensities: list[list[int]] = [[] for _ in starts]
    resisted = [0 for _ in starts]
    for d in urges:
        index = _week_index(d.day, starts)
        if index is None:
            continue
        intensities[index].append(int(d.event.get("intensity", 0)))
        resisted[index] += d.event.get("outcome") != "slipped"
    return tuple(
        WeekUrges(start, len(values), resisted[i], fmean(values) if values else None)
        for i, (start, values) in enumerate(zip(starts, intensities, strict=True))
    )


def urge_clock(urges: Sequence[Dated], first: dt.date, tz: dt.tzinfo) -> UrgeClock:
    """Weekday and hour on the user's own clock (a DST day still has its hours)."""
    counts = [[0] * HOURS_PER_DAY for _ in range(DAYS_PER_WEEK)]
    for d in urges:
        if d.day < first:
            continue
        local = d.event.at.astimezone(tz)
        counts[local.weekday()][local.hour] += 1
    return UrgeClock(tuple(tuple(row) for row in counts))


def wellbeing_weeks(
    checkins: Sequence[Dated], starts: Sequence[dt.date]
) -> tuple[WeekWellbeing, ...]:
    """Weekly means of the days checked in; the last check-in of a day stands for it."""
    by_day: dict[dt.date, Event] = {}
    for d in checkins:
        if _week_index(d.day, starts) is not None:
            by_day[d.day] = d.event
    weeks: list[list[Event]] = [[] for _ in starts]
    for day, event in by_day.items():
        index = _week_index(day, starts)
        if index is not None:
            weeks[index].append(event)
    return tuple(
        WeekWellbeing(
            start=start,
            checkin_days=len(days),
            mean_mood=fmean(int(e.get("mood")) for e in days) if days else None,
            mean_desperation=fmean(int(e.get("desperation")) for e in days) if days else None,
            crying_days=sum(1 for e in days if e.get("cried")),
        )
        for start, days in zip(starts, weeks, strict=True)
    )


def ranked_triggers(urges: Sequence[Dated], first: dt.date) -> tuple[tuple[TriggerCount, ...], int]:
    """The triggers named most often, and how many urges named any trigger.

    Triggers are the user's own words: "Lonely" and "lonely " count as one,
    shown as first written.
    """
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    triggered = 0
    for d in urges:
        if d.day < first:
            continue
        names = {str(t).strip() for t in d.event.get("triggers") or () if str(t).strip()}
        keys = {name.casefold(): name for name in names}
        triggered += bool(keys)
        for key, name in keys.items():
            counts[key] += 1
            shown.setdefault(key, name)
    ranked = sorted(counts.items(), key=lambda kc: (-kc[1], kc[0]))[:TOP_TRIGGERS]
    return tuple(TriggerCount(shown[key], count) for key, count in ranked), triggered


def program_weeks(
    profile: Profile,
    dated: Sequence[Dated],
    slip_days: set[dt.date],
    checked_days: set[dt.date],
    starts: Sequence[dt.date],
    today: dt.date,
) -> tuple[WeekPoint, ...]:
    """The strength and the readiness verdict at the end of each week.

    The strength and the verdict at each week's end (today for the week under way)
    as ``derive_state`` would have given them, from the same functions.
    """
    ends = [start + dt.timedelta(days=DAYS_PER_WEEK - 1) for start in starts]
    # The verdict reads check-ins and urges of its recent window only: hand it
    # that slice (and every rare event), not the whole log, for each week.
    rare = [d for d in dated if d.event.kind not in RECENT_KINDS]
    recent = [d for d in dated if d.event.kind in RECENT_KINDS]
    recent_days = [d.day for d in recent]

    def lived_by(end: dt.date) -> list[Dated]:
        first = bisect_left(recent_days, end - dt.timedelta(days=RECENT_WINDOW_DAYS))
        return rare + recent[first : bisect_right(recent_days, end)]

    return tuple(
        WeekPoint(
            start=end - dt.timedelta(days=DAYS_PER_WEEK - 1),
            end=end,
            strength=strength_score(profile.breakup_date, slip_days, checked_days, min(end, today)),
            verdict=readiness_on(profile, lived_by(end), end).verdict,
        )
        for end in ends
    )


def build_insights(
    profile: Profile, events: Iterable[Event], today: dt.date, tz: dt.tzinfo
) -> Insights:
    """Everything the insights page shows. ``events`` may start at ``history_start``."""
    # 1. Date every event once, on the user's own calendar.
    dated = date_events(events, tz, today)
    urges = [d for d in dated if d.event.kind is EventKind.URGE]
    checkins = [d for d in dated if d.event.kind is EventKind.CHECKIN]
    slip_days = {
        d.day for d in dated if d.event.kind is EventKind.SLIP and d.day >= profile.breakup_date
    }
    checked_days = {d.day for d in dated if d.event.kind is EventKind.CHECKED_ON_THEM}

    # 2. Count, week by week since the breakup, at most ``WEEKS`` weeks back.
    starts = week_starts(today, profile.breakup_date)
    triggers, triggered = ranked_triggers(urges, starts[0])
    return Insights(
        today=today,
        breakup_date=profile.breakup_date,
        days=day_marks(profile.breakup_date, slip_days, checked_days, today),
        urge_weeks=urge_weeks(urges, starts),
        urge_clock=urge_clock(urges, starts[0], tz),
        wellbeing=wellbeing_weeks(checkins, starts),
        triggers=triggers,
        triggered_urges=triggered,
        program=program_weeks(profile, dated, slip_days, checked_days, starts, today),
    )


def busiest_hours(by_hour: Sequence[int], span: int = 3) -> tuple[int, int, int]:
    """The ``span`` consecutive hours (midnight wraps) with the most urges.

    Returns (first hour, the hour after the last, urges in them). Of windows
    with as many urges, the one centred on the busiest hour wins, then the earliest.
    """

    def window(first: int) -> tuple[int, int]:
        hours = [by_hour[(first + i) % HOURS_PER_DAY] for i in range(span)]
        # Of equal windows, the one centred on the busiest hour reads best.
        return sum(hours), hours[span // 2]

    first = max(range(HOURS_PER_DAY), key=lambda h: (*window(h), -h))
    return first, (first + span) % HOURS_PER_DAY, window(first)[0]


def strength_percent(value: float) -> int:
    return round(100 * max(0.0, min(1.0, value)))


__all__ = [
    "DAYS_PER_WEEK",
    "HEATMAP_WEEKS",
    "WEEKS",
    "DayMark",
    "DayStatus",
    "Insights",
    "TriggerCount",
    "UrgeClock",
    "WeekPoint",
    "WeekUrges",
    "WeekWellbeing",
    "build_insights",
    "busiest_hours",
    "history_start",
]
