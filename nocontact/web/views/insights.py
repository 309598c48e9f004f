"""Insights: the last weeks at a glance, as charts a screen reader can read too.

The numbers and the observations come from the core (``core/insights.py``,
``core/observations.py``); this view only turns them into words, tables and
SVG (``web/charts.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import dateformat
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import date_format, number_format, time_format
from django.utils.translation import get_language, gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from nocontact.core import rules
from nocontact.core.insights import (
    DAYS_PER_WEEK,
    HEATMAP_WEEKS,
    HOURS_PER_DAY,
    WEEKS,
    DayStatus,
    Insights,
    build_insights,
    strength_percent,
)
from nocontact.core.model import Verdict
from nocontact.core.observations import Hour, Observation, Value, Weekday, observations
from nocontact.journey import repository
from nocontact.journey.models import Breakup
from nocontact.web import charts
from nocontact.web.charts import Chart
from nocontact.web.views.common import breakup_required

VERDICT_LABELS = {
    Verdict.READY: _("ready"),
    Verdict.ALMOST: _("almost"),
    Verdict.NOT_YET: _("not yet"),
}
VERDICT_LEVEL = {Verdict.NOT_YET: 0, Verdict.ALMOST: 1, Verdict.READY: 2}
DAY_CLASSES = {
    DayStatus.BEFORE: "day-before",
    DayStatus.CLEAN: "day-clean",
    DayStatus.CHECKED: "day-checked",
    DayStatus.SLIP: "day-slip",
}
CLOCK_LEVELS = 4
GLANCE = ("urges", "clock", "mood", "strength")


def _value(value: Value) -> str:
    if isinstance(value, Hour):
        return time_format(dt.time(value.value % HOURS_PER_DAY), "TIME_FORMAT")
    if isinstance(value, Weekday):
        return str(WEEKDAYS[value.value])
    if isinstance(value, Verdict):
        return str(VERDICT_LABELS[value])
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, float):
        return number_format(value, 1)
    return str(value)


def say(observation: Observation) -> str:
    params = {key: _value(value) for key, value in observation.params.items()}
    if observation.plural:
        count = observation.params[observation.count]
        assert isinstance(count, int)
        text = ngettext(observation.message, observation.plural, count)
    else:
        text = gettext(observation.message)
    return text.format(**params)


def _says(notes: Sequence[Observation]) -> list[str]:
    return [say(note) for note in notes]


def _week_label(day: dt.date) -> str:
    """ "3 Nov": short enough under a bar, and the same in every chart and table."""
    return _short_date(day, get_language())


@lru_cache(maxsize=1024)
def _short_date(day: dt.date, language: str | None) -> str:
    # Formatting a date costs more than drawing its bar; a page asks for the same
    # few dozen dates again and again. ``language`` keys the month names' language.
    return dateformat.format(day, "j M")


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else number_format(value, digits)


# --- One chart each ------------------------------------------------------------------


def days_chart(insights: Insights, notes: list[str]) -> Chart:
    """The calendar: one column per week (Monday on top), one square per day."""
    marks = insights.days
    columns = [marks[i : i + DAYS_PER_WEEK] for i in range(0, len(marks), DAYS_PER_WEEK)]
    cells = [
        [DAY_CLASSES[week[r].status] if r < len(week) else None for week in columns]
        for r in range(DAYS_PER_WEEK)
    ]
    months = [
        (c, date_format(day.day, "M"))
        for c, week in enumerate(columns)
        for day in week
        if day.day.day == 1 and c < len(columns) - 1
    ]
    row_labels = [str(WEEKDAYS_ABBR[r]) if r % 2 == 0 else "" for r in range(DAYS_PER_WEEK)]
    title = gettext("Your days, the last %(weeks)s weeks") % {"weeks": HEATMAP_WEEKS}
    description = gettext(
        "A calendar with one column per week and one square per day, Monday on top. "
        "The colour says whether the day was without contact, whether you checked on them, "
        "or whether there was a slip."
    )
    rows = []
    for week in columns:
        lived = [d for d in week if d.status is not DayStatus.BEFORE]
        rows.append(
            [
                _week_label(week[0].day),
                str(sum(1 for d in lived if d.status is not DayStatus.SLIP)),
                str(sum(1 for d in lived if d.status is DayStatus.CHECKED)),
                str(sum(1 for d in lived if d.status is DayStatus.SLIP)),
            ]
        )
    return Chart(
        key="days",
        title=title,
        description=description,
        svg=charts.grid("days", title, description, cells, row_labels, months),
        columns=[
            gettext("Week of"),
            gettext("Days without contact"),
            gettext("Checked on them"),
            gettext("Slips"),
        ],
        rows=rows,
        notes=notes,
        legend=[
            ("day-clean", gettext("No contact")),
            ("day-checked", gettext("Checked on them")),
            ("day-slip", gettext("Slip")),
            ("day-before", gettext("Before the breakup")),
        ],
    )


def urges_chart(insights: Insights, notes: list[str]) -> Chart:
    weeks = insights.urge_weeks
    title = gettext("Urges per week")
    description = gettext(
        "Bars: how many urges you logged each week, the last %(weeks)s weeks. "
        "Line: how intense they felt on average, out of %(top)s."
    ) % {"weeks": WEEKS, "top": rules.URGE_INTENSITY_RANGE[1]}
    return Chart(
        key="urges",
        title=title,
        description=description,
        svg=charts.bars(
            "urges",
            title,
            description,
            [w.count for w in weeks],
            [_week_label(w.start) for w in weeks],
            overlay=[w.mean_intensity for w in weeks],
            overlay_top=rules.URGE_INTENSITY_RANGE[1],
        ),
        columns=[
            gettext("Week of"),
            gettext("Urges"),
            gettext("Ridden out"),
            gettext("Average intensity"),
        ],
        rows=[
            [_week_label(w.start), str(w.count), str(w.resisted), _number(w.mean_intensity)]
            for w in weeks
        ],
        notes=notes,
        legend=[("chart-bar", gettext("Urges")), ("chart-line", gettext("Average intensity"))],
    )


def clock_chart(insights: Insights, notes: list[str]) -> Chart:
    counts = insights.urge_clock.counts
    top = max((max(row) for row in counts), default=0)

    def level(count: int) -> str:
        return f"lvl-{0 if not count else max(1, round(CLOCK_LEVELS * count / top))}"

    cells = [[level(count) for count in row] for row in counts]
    hours = [(h, str(h)) for h in range(0, HOURS_PER_DAY, 6)]
    title = gettext("When urges come")
    description = gettext(
        "A grid of the last %(weeks)s weeks: one row per weekday, Monday on top, one "
        "column per hour of the day on your clock, from 0 to 23. Darker means more urges."
    ) % {"weeks": WEEKS}
    row_labels = [str(WEEKDAYS_ABBR[r]) for r in range(DAYS_PER_WEEK)]
    return Chart(
        key="clock",
        title=title,
        description=description,
        svg=charts.grid("clock", title, description, cells, row_labels, hours),
        columns=[gettext("Hour"), *(str(WEEKDAYS_ABBR[d]) for d in range(DAYS_PER_WEEK))],
        rows=[
            [
                time_format(dt.time(h), "TIME_FORMAT"),
                *(str(counts[d][h]) for d in range(DAYS_PER_WEEK)),
            ]
            for h in range(HOURS_PER_DAY)
        ],
        notes=notes,
    )


def wellbeing_charts(insights: Insights, notes: dict[str, list[str]]) -> list[Chart]:
    weeks = insights.wellbeing
    labels = [_week_label(w.start) for w in weeks]
    mood_low, mood_high = rules.MOOD_RANGE
    desp_low, desp_high = rules.DESPERATION_RANGE
    specs: list[tuple[str, str, str, list[float | None], Any]] = [
        (
            "mood",
            gettext("Mood"),
            gettext("Your average mood each week, from %(low)s (very low) to %(high)s (good).")
            % {"low": mood_low, "high": mood_high},
            [w.mean_mood for w in weeks],
            (mood_low, mood_high, [(v, str(v)) for v in range(mood_low, mood_high + 1)]),
        ),
        (
            "desperation",
            gettext("Desperation"),
            gettext(
                "How desperate you felt on average each week, from %(low)s (not at all) to %(high)s."
            )
            % {"low": desp_low, "high": desp_high},
            [w.mean_desperation for w in weeks],
            (desp_low, desp_high, [(v, str(v)) for v in (desp_low, desp_high // 2, desp_high)]),
        ),
    ]
    result = []
    for key, title, description, values, (low, high, ticks) in specs:
        result.append(
            Chart(
                key=key,
                title=title,
                description=description,
                svg=charts.line(
                    key, title, description, values, labels, low=low, high=high, ticks=ticks
                ),
                columns=[gettext("Week of"), gettext("Days checked in"), title],
                rows=[
                    [label, str(w.checkin_days), _number(v)]
                    for label, w, v in zip(labels, weeks, values, strict=True)
                ],
                notes=notes[key],
            )
        )
    title = gettext("Crying days")
    description = gettext("On how many days of each week you said you cried.")
    result.append(
        Chart(
            key="crying",
            title=title,
            description=description,
            svg=charts.bars(
                "crying",
                title,
                description,
                [w.crying_days for w in weeks],
                labels,
                top=DAYS_PER_WEEK,
            ),
            columns=[gettext("Week of"), gettext("Days checked in"), gettext("Crying days")],
            rows=[
                [label, str(w.checkin_days), str(w.crying_days)]
                for label, w in zip(labels, weeks, strict=True)
            ],
            notes=notes["crying"],
        )
    )
    return result


def triggers_chart(insights: Insights, notes: list[str]) -> Chart:
    title = gettext("What set urges off")
    description = gettext(
        "The triggers you named most often in the last %(weeks)s weeks, most frequent first."
    ) % {"weeks": WEEKS}
    values = [(t.trigger, t.count) for t in insights.triggers]
    return Chart(
        key="triggers",
        title=title,
        description=description,
        svg=charts.hbars("triggers", title, description, values),
        columns=[gettext("Trigger"), gettext("Urges")],
        rows=[[name, str(count)] for name, count in values],
        notes=notes,
    )


def program_charts(insights: Insights, notes: dict[str, list[str]]) -> list[Chart]:
    points = insights.program
    labels = [_week_label(p.start) for p in points]
    title = gettext("Strength")
    description = gettext(
        "Your no-contact strength at the end of each week, from 0 to 100%. "
        "Clean days raise it; a slip or checking on them dents it."
    )
    strength = Chart(
        key="strength",
        title=title,
        description=description,
        svg=charts.line(
            "strength",
            title,
            description,
            [strength_percent(p.strength) for p in points],
            labels,
            low=0,
            high=100,
            ticks=[(0, "0%"), (50, "50%"), (100, "100%")],
        ),
        columns=[gettext("Week of"), title],
        rows=[[_week_label(p.start), f"{strength_percent(p.strength)}%"] for p in points],
        notes=notes["strength"],
    )
    title = gettext("Am I ready?")
    description = gettext(
        "The readiness verdict at the end of each week: not yet, almost, or ready."
    )
    levels = sorted(VERDICT_LEVEL.items(), key=lambda item: -item[1])  # ready on top
    cells = [
        [f"verdict-{v.value}" if p.verdict is v else "verdict-other" for p in points]
        for v, _level in levels
    ]
    last = len(points) - 1
    weeks = [(c, label) for c, label in enumerate(labels) if (last - c) % 4 == 0]
    readiness = Chart(
        key="readiness",
        title=title,
        description=description,
        svg=charts.grid(
            "readiness",
            title,
            description,
            cells,
            [str(VERDICT_LABELS[v]) for v, _level in levels],
            weeks,
            label_width=62,
        ),
        columns=[gettext("Week of"), pgettext("readiness", "Verdict")],
        rows=[[_week_label(p.start), str(VERDICT_LABELS[p.verdict])] for p in points],
        notes=notes["readiness"],
    )
    return [strength, readiness]


def insights_charts(insights: Insights) -> dict[str, Any]:
    notes = {key: _says(found) for key, found in observations(insights).items()}
    return {
        # The first thing each of these charts says, together at the top.
        "glance": [notes[key][0] for key in GLANCE],
        "calendar": [days_chart(insights, notes["days"])],
        "urges": [
            urges_chart(insights, notes["urges"]),
            clock_chart(insights, notes["clock"]),
            triggers_chart(insights, notes["triggers"]),
        ],
        "feelings": wellbeing_charts(insights, notes),
        "program": program_charts(insights, notes),
    }


@require_GET
@breakup_required
def insights(request: HttpRequest) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    tz = repository.user_tz(breakup.user)
    today = dt.datetime.now(tz).date()
    found = build_insights(
        repository.to_profile(breakup), repository.insights_events(breakup, today), today, tz
    )
    context: dict[str, Any] = {"nav": "today", "insights": found, "weeks": WEEKS}
    if found.has_data:
        context["sections"] = insights_charts(found)
    return render(request, "web/insights.html", context)
