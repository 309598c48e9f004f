"""The user's state, derived from the breakup profile, the event log and today.

``derive_state`` is one pure function: the dashboard, the CLI and
``nocontact state`` all call it, so they cannot disagree. Nothing here is
stored; the phase is always derived from the log.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any, NamedTuple

from nocontact.core import rules
from nocontact.core.model import (
    AttemptOutcome,
    Event,
    EventKind,
    Goal,
    LockReason,
    Phase,
    Profile,
    Strategy,
    Verdict,
)
from nocontact.core.readiness import Readiness, WellbeingInputs, readiness_verdict

CONTACT_STRATEGIES = frozenset({Strategy.RECONNECT, Strategy.INTENT_STATEMENT})
COOLDOWN_OUTCOMES = frozenset({AttemptOutcome.NOT_READY, AttemptOutcome.NO_REPLY})

# What ``derive_state`` reads, so storage can load no more: check-ins and urges
# matter only for the recent weeks; every other kind is rare and read in full.
# Journal entries and letters never change the state.
RECENT_KINDS = (EventKind.CHECKIN, EventKind.URGE)
RECENT_WINDOW_DAYS = 2 * max(rules.WELLBEING_WINDOW_DAYS, 2 * rules.URGE_TREND_WINDOW_DAYS)
WRITING_KINDS = (EventKind.JOURNAL, EventKind.UNSENT_LETTER)
RARE_KINDS = tuple(k for k in EventKind if k not in RECENT_KINDS and k not in WRITING_KINDS)


class Dated(NamedTuple):
    """An event with the local date the user lived it on.

    A named tuple rather than a frozen dataclass: ``date_events`` makes one for
    every event of the log, and a tuple costs a fraction of it to build.
    """

    event: Event
    day: dt.date


@dataclass(frozen=True, slots=True)
class ProgramState:
    phase: Phase
    today: dt.date
    day_count: int
    start_date: dt.date
    minimum_days: int
    minimum_reached_on: dt.date
    longest_streak: int
    total_days: int
    strength: float
    readiness: Readiness
    lock_reason: LockReason | None
    next_attempt_on: dt.date | None
    attempts_left: int
    strategy: Strategy | None
    distress: bool
    next_milestone: int | None
    last_slip_on: dt.date | None

    @property
    def contact_tools_open(self) -> bool:
        return self.lock_reason is None

    @property
    def minimum_reached(self) -> bool:
        return self.day_count >= self.minimum_days

    @property
    def next_milestone_on(self) -> dt.date | None:
        if self.next_milestone is None:
            return None
        return rules.add_days(self.start_date, self.next_milestone)

    def to_json(self) -> dict[str, Any]:
        """The ``nocontact state --json`` document of DESIGN.md."""
        return {
            "phase": self.phase.value,
            "day_count": self.day_count,
            "minimum_days": self.minimum_days,
            "minimum_reached_on": self.minimum_reached_on.isoformat(),
            "longest_streak": self.longest_streak,
            "total_days": self.total_days,
            "strength": round(self.strength, 2),
            "readiness": {
                "verdict": self.readiness.verdict.value,
                "reasons": [reason.text for reason in self.readiness.reasons],
            },
            "contact_tools": "open" if self.contact_tools_open else "locked",
            "lock_reason": self.lock_reason.value if self.lock_reason else None,
            "next_attempt_on": self.next_attempt_on.isoformat() if self.next_attempt_on else None,
            "attempts_left": self.attempts_left,
        }


_KIND_ORDER = {kind: index for index, kind in enumerate(EventKind)}


def _instant(at: dt.datetime) -> dt.datetime:
    """``at`` in UTC. Two aware times in the same zone compare by wall clock and
    ignore ``fold``, which gets the repeated hour of a DST change wrong."""
    return at.astimezone(dt.UTC)


def _canonical_data(event: Event) -> str:
    return json.dumps(dict(event.data), sort_keys=True, default=str)


def date_events(events: Iterable[Event], tz: dt.tzinfo, today: dt.date) -> list[Dated]:
    """Sort by time and attach local dates; events after today are not yet lived.

    Events logged at the very same instant (an import with minute precision) get
    a fixed order too, by kind then content, so the state never depends on the
    order the log was read in.
    """
    utc, kind_order = dt.UTC, _KIND_ORDER
    # (instant, kind, event): ``Event.at`` is always aware, so ``astimezone`` is
    # ``_instant`` and, with the user's zone, ``clock.local_date``.
    keyed = [(event.at.astimezone(utc), kind_order[event.kind], event) for event in events]
    keyed.sort(key=_INSTANT_AND_KIND)
    instants = [k[0] for k in keyed]
    ordered: list[Event]
    if not any(map(operator.eq, instants, instants[1:])):  # no two at one instant: no ties
        ordered = [k[2] for k in keyed]
    else:
        ordered = []
        for _, group in groupby(keyed, key=_INSTANT_AND_KIND):
            same = [k[2] for k in group]
            if len(same) > 1:
                same.sort(key=_canonical_data)
            ordered.extend(same)
    return [
        Dated(event, day) for event in ordered if (day := event.at.astimezone(tz).date()) <= today
    ]


_INSTANT_AND_KIND = operator.itemgetter(0, 1)


def _by_kind(dated: Iterable[Dated]) -> dict[EventKind, list[Dated]]:
    """Every kind's events, in the order of ``dated``: one pass instead of one a kind."""
    groups: dict[EventKind, list[Dated]] = {kind: [] for kind in EventKind}
    for d in dated:
        groups[d.event.kind].append(d)
    return groups


def _of(dated: Sequence[Dated], *kinds: EventKind) -> list[Dated]:
    return [d for d in dated if d.event.kind in kinds]


def _streaks(breakup_date: dt.date, slip_days: Sequence[dt.date], today: dt.date) -> list[int]:
    """Lengths of every no-contact run, the current one last."""
    runs, start = [], breakup_date
    for day in slip_days:
        if day < breakup_date:
            continue
        runs.append(max(0, (day - start).days))
        start = day
    runs.append(max(0, (today - start).days))
    return runs


def strength_score(
    breakup_date: dt.date, slip_days: set[dt.date], checked_days: set[dt.date], today: dt.date
) -> float:
    """Loop-style habit strength: one slip dents it, it never zeroes progress.

    The same as ``rules.strength_step`` applied to every day from the breakup to
    yesterday, but a run of n clean days is one step (a clean day moves the score a
    share (1 - M) of the way to the clean value, so n of them leave M**n of the gap):
    the cost follows the slips and the "checked on them" days, not the years.
    """
    clean, factor = rules.CLEAN_DAY_VALUE, rules.STRENGTH_DAILY_FACTOR
    score = 0.0
    day = breakup_date.toordinal()  # day numbers: cheaper than dates and timedeltas
    marked = sorted(d for d in slip_days | checked_days if breakup_date <= d < today)
    for marked_day in [*marked, today]:
        clean_run = marked_day.toordinal() - day
        if clean_run > 0:
            gap = clean - score
            score = clean - gap * factor**clean_run
        if marked_day == today:
            break
        value = rules.SLIP_DAY_VALUE if marked_day in slip_days else rules.CHECKED_ON_THEM_DAY_VALUE
        score = rules.strength_step(score, value)
        day = marked_day.toordinal() + 1
    return score


def _wellbeing(by_kind: dict[EventKind, list[Dated]], today: dt.date) -> WellbeingInputs:
    window_start = rules.add_days(today, 1 - rules.WELLBEING_WINDOW_DAYS)
    week_start = rules.add_days(today, 1 - rules.URGE_TREND_WINDOW_DAYS)
    previous_week_start = rules.add_days(week_start, -rules.URGE_TREND_WINDOW_DAYS)
    crying_start = rules.add_days(today, 1 - rules.CRYING_WINDOW_DAYS)
    slip_start = rules.add_days(today, 1 - rules.NO_SLIP_WINDOW_DAYS)

    # The last check-in of a day stands for that day.
    by_day: dict[dt.date, Event] = {}
    for d in by_kind[EventKind.CHECKIN]:
        if d.day >= window_start:
            by_day[d.day] = d.event
    crying_days = sum(1 for day, e in by_day.items() if day >= crying_start and e.get("cried"))
    urges = by_kind[EventKind.URGE]
    urges_now = sum(1 for d in urges if d.day >= week_start)
    urges_before = sum(1 for d in urges if previous_week_start <= d.day < week_start)
    return WellbeingInputs(
        moods=[int(e.get("mood")) for e in by_day.values()],
        desperations=[int(e.get("desperation")) for e in by_day.values()],
        crying_days_last_week=crying_days,
        urges_this_week=urges_now,
        urges_week_before=urges_before,
        slip_in_window=any(d.day >= slip_start for d in by_kind[EventKind.SLIP]),
    )


def in_distress(dated: Sequence[Dated], today: dt.date) -> bool:
    """Crying most days of the last week, or a very desperate latest check-in."""
    return _in_distress(_of(dated, EventKind.CHECKIN), today)


def _in_distress(checkins: Sequence[Dated], today: dt.date) -> bool:
    """``in_distress`` from the check-ins alone."""
    start = rules.add_days(today, 1 - rules.DISTRESS_WINDOW_DAYS)
    checkins = [d for d in checkins if d.day >= start]
    if not checkins:
        return False
    crying_days = {d.day for d in checkins if d.event.get("cried")}
    latest = checkins[-1].event
    return (
        len(crying_days) >= rules.DISTRESS_CRYING_DAYS
        or int(latest.get("desperation", 0)) >= rules.DISTRESS_DESPERATION
    )


def chosen_strategy(profile: Profile, dated: Sequence[Dated]) -> Strategy | None:
    """The latest strategy the user chose, or what their goal implies."""
    return _chosen_strategy(profile, _of(dated, EventKind.STRATEGY))


def _chosen_strategy(profile: Profile, strategies: Sequence[Dated]) -> Strategy | None:
    """``chosen_strategy`` from the strategy events alone."""
    if strategies:
        return Strategy(strategies[-1].event.get("strategy"))
    if profile.goal is Goal.RECONNECT:
        return Strategy.RECONNECT
    if profile.goal is Goal.MOVE_ON:
        return Strategy.MOVE_ON
    return None


def _readiness(
    by_kind: dict[EventKind, list[Dated]],
    today: dt.date,
    day_count: int,
    minimum_days: int,
    minimum_reached_on: dt.date,
    strategy: Strategy | None,
) -> Readiness:
    answers_events = by_kind[EventKind.READINESS_ANSWERS]
    answers = list(answers_events[-1].event.get("answers")) if answers_events else None
    return readiness_verdict(
        day_count=day_count,
        minimum_days=minimum_days,
        minimum_reached_on=minimum_reached_on,
        answers=answers,
        wellbeing=_wellbeing(by_kind, today),
        intent_statement=strategy is Strategy.INTENT_STATEMENT,
    )


def readiness_on(profile: Profile, dated: Sequence[Dated], day: dt.date) -> Readiness:
    """The readiness verdict as ``derive_state`` gave it on ``day``, without the
    strength score (which costs a loop over every day since the breakup).

    ``dated`` is what ``date_events`` returns; events after ``day`` are ignored.
    """
    lived = _by_kind(d for d in dated if d.day <= day)
    slip_days = [d.day for d in lived[EventKind.SLIP] if d.day >= profile.breakup_date]
    start = slip_days[-1] if slip_days else profile.breakup_date
    minimum_days = rules.minimum_days_for(profile)
    return _readiness(
        lived,
        day,
        max(0, (day - start).days),
        minimum_days,
        rules.add_days(start, minimum_days),
        _chosen_strategy(profile, lived[EventKind.STRATEGY]),
    )


def derive_state(
    profile: Profile, events: Iterable[Event], today: dt.date, tz: dt.tzinfo
) -> ProgramState:
    """Everything the program knows about this breakup today."""
    by_kind = _by_kind(date_events(events, tz, today))

    # 1. The No Contact count: from the last slip, or from the breakup.
    slips = by_kind[EventKind.SLIP]
    slip_days = [d.day for d in slips if d.day >= profile.breakup_date]
    start = slip_days[-1] if slip_days else profile.breakup_date
    day_count = max(0, (today - start).days)
    minimum_days = rules.minimum_days_for(profile)
    minimum_reached_on = rules.add_days(start, minimum_days)
    longest_streak = max(_streaks(profile.breakup_date, slip_days, today))
    distinct_slip_days = set(slip_days)
    total_days = max(0, (today - profile.breakup_date).days - len(distinct_slip_days))
    checked_days = {d.day for d in by_kind[EventKind.CHECKED_ON_THEM]}
    strength = strength_score(profile.breakup_date, distinct_slip_days, checked_days, today)

    # 2. Resets: an ex-initiated contact reopens what an outcome or a "no" closed.
    ex_contacts = by_kind[EventKind.EX_CONTACT]
    last_ex_contact = _instant(ex_contacts[-1].event.at) if ex_contacts else None

    def after_reset(d: Dated) -> bool:
        return last_ex_contact is None or _instant(d.event.at) > last_ex_contact

    attempts = by_kind[EventKind.ATTEMPT]
    outcomes = by_kind[EventKind.OUTCOME]
    latest_outcome = outcomes[-1] if outcomes and after_reset(outcomes[-1]) else None
    closing = [
        d
        for d in attempts
        if after_reset(d)
        and d.event.get("outcome") in (AttemptOutcome.ASKED_NO_CONTACT, AttemptOutcome.BLOCKED)
    ]

    # 3. Attempts since the last positive reply or ex-initiated contact.
    counted = 0
    for d in attempts:
        if not after_reset(d):
            continue
        if d.event.get("outcome") == AttemptOutcome.POSITIVE:
            counted = 0
        else:
            counted += 1
    attempts_left = max(0, rules.MAX_ATTEMPTS_WITHOUT_POSITIVE_REPLY - counted)
    cooling = [d for d in attempts if d.event.get("outcome") in COOLDOWN_OUTCOMES]
    next_attempt_on = None
    if cooling:
        candidate = rules.add_days(cooling[-1].day, rules.ATTEMPT_COOLDOWN_DAYS)
        next_attempt_on = candidate if candidate > today else None

    # 4. Strategy: the latest choice, or what the goal implies.
    strategy = _chosen_strategy(profile, by_kind[EventKind.STRATEGY])

    # 5. Readiness and wellbeing.
    readiness = _readiness(by_kind, today, day_count, minimum_days, minimum_reached_on, strategy)
    distress = _in_distress(by_kind[EventKind.CHECKIN], today)

    # 6. What locks the contact tools, first reason wins.
    contact_strategy = (
        profile.goal is Goal.RECONNECT
        and strategy in CONTACT_STRATEGIES
        and not (latest_outcome and latest_outcome.event.get("outcome") == "moved_on")
    )
    lock_reason: LockReason | None = None
    closing_outcomes = {d.event.get("outcome") for d in closing}
    if profile.unsafe:
        lock_reason = LockReason.SAFETY_TRACK
    elif AttemptOutcome.ASKED_NO_CONTACT in closing_outcomes:
        lock_reason = LockReason.ASKED_NO_CONTACT
    elif AttemptOutcome.BLOCKED in closing_outcomes:
        lock_reason = LockReason.BLOCKED
    elif attempts_left == 0:
        lock_reason = LockReason.ATTEMPT_LIMIT
    elif not contact_strategy:
        lock_reason = LockReason.NOT_CONTACT_STRATEGY
    elif day_count < minimum_days:
        lock_reason = LockReason.MINIMUM_NOT_REACHED
    elif distress:
        lock_reason = LockReason.DISTRESS
    elif readiness.verdict is not Verdict.READY:
        lock_reason = LockReason.NOT_READY_YET
    elif next_attempt_on is not None:
        lock_reason = LockReason.COOLDOWN

    # 7. The phase, first that applies.
    meetings = [d for d in by_kind[EventKind.MEETING] if after_reset(d)]
    ex_after_minimum = any(d.day >= minimum_reached_on for d in ex_contacts)
    phase: Phase
    if profile.unsafe:
        phase = Phase.SAFETY
    elif latest_outcome is not None:
        phase = Phase(latest_outcome.event.get("outcome"))
    elif closing or attempts_left == 0:
        phase = Phase.CLOSED
    elif meetings:
        phase = Phase.MEETING
    elif (readiness.verdict is Verdict.READY and strategy in CONTACT_STRATEGIES) or (
        ex_after_minimum
    ):
        phase = Phase.RECONNECT
    elif day_count >= minimum_days:
        phase = Phase.READINESS
    else:
        phase = Phase.NO_CONTACT

    return ProgramState(
        phase=phase,
        today=today,
        day_count=day_count,
        start_date=start,
        minimum_days=minimum_days,
        minimum_reached_on=minimum_reached_on,
        longest_streak=longest_streak,
        total_days=total_days,
        strength=strength,
        readiness=readiness,
        lock_reason=lock_reason,
        next_attempt_on=next_attempt_on,
        attempts_left=attempts_left,
        strategy=strategy,
        distress=distress,
        next_milestone=rules.next_milestone(day_count),
        last_slip_on=slip_days[-1] if slip_days else None,
    )
