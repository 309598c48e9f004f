"""Today: the day count and everything that keeps it going.

Every number comes from ``repository.program_state``; this view only chooses
what to show. It stays fast as the history grows: the state is derived once per
change and day (``journey/state_cache.py``), and today's check-in and the latest
urge are two index lookups.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from nocontact.accounts.prepared import ID, LATER_MOMENT, MOMENT, Prepared
from nocontact.core import model as core
from nocontact.core import rules
from nocontact.core.model import EventKind, Goal, Phase
from nocontact.core.program import ProgramState
from nocontact.journey import repository, state_cache
from nocontact.journey.models import Breakup, Event
from nocontact.web.views.common import breakup_required
from nocontact.web.views.program_texts import PHASE_TEXTS, contact_tools_offered, lock_note_for
from nocontact.web.views.program_texts import VERDICT_TEXTS as VERDICT_TEXTS  # the coach uses it


def local_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Midnight to midnight of ``day`` on the user's clock (the active time zone)."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time(), tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tz)
    return start, end


_CHECKINS_BETWEEN = Prepared(
    lambda breakup_id, start, end: (
        Event.objects.filter(
            breakup_id=breakup_id, kind=EventKind.CHECKIN.value, at__gte=start, at__lt=end
        )
        .order_by()
        .only("pk")[:1]
    ),
    ID,
    MOMENT,
    LATER_MOMENT,
)
_LATEST_URGE = Prepared(
    lambda breakup_id: (
        Event.objects.filter(breakup_id=breakup_id, kind=EventKind.URGE.value)
        .order_by("-at", "-pk")
        .only("at", "data")[:1]
    ),
    ID,
)


def checked_in_on(breakup: Breakup, day: dt.date) -> bool:
    """Whether ``day`` (on the user's clock) has a check-in. When ``breakup`` was read
    in this request with nothing written to it since, the events this process keeps
    for its version answer, if it keeps them (``repository.kept_log``)."""
    start, end = local_day_bounds(day)
    up_to_date = state_cache.unchanged_since_loaded(breakup)
    log = repository.kept_log(breakup, day) if up_to_date else None
    if log is not None:
        return log.has_between(EventKind.CHECKIN, start, end)
    return bool(_CHECKINS_BETWEEN.rows(breakup.pk, start, end))


def latest_urge(breakup: Breakup) -> Event | None:
    found = _LATEST_URGE.rows(breakup.pk)
    return found[0] if found else None


def _readiness(state: ProgramState) -> dict[str, Any]:
    return {
        "verdict": state.readiness.verdict.value,
        "verdict_text": gettext(VERDICT_TEXTS[state.readiness.verdict]),
        "reasons": [
            {
                "status": reason.status.value,
                "text": gettext(reason.template).format(**reason.params),
            }
            for reason in state.readiness.reasons
        ],
    }


@require_GET
@breakup_required
def dashboard(request: HttpRequest) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    breakup.user = request.user  # type: ignore[assignment]  # already loaded: spare a query
    # Read by ``breakup_required`` (``active_breakup``) in this request: its version is
    # not read again while nothing is written to it.
    state = repository.program_state(breakup)
    # The latest urge: in the events the state was derived from, when this process keeps
    # them and the window has one (any older urge is older than all of the window's).
    log = repository.kept_log(breakup, state.today)
    urge: Event | core.Event | None = log.latest(EventKind.URGE) if log else None
    percent = (
        min(100, round(100 * state.day_count / state.minimum_days)) if state.minimum_days else 100
    )
    # Reconnect wording is for those who hope to reconnect and are safe to.
    show_readiness = not breakup.unsafe and breakup.goal != Goal.MOVE_ON.value
    context = {
        "nav": "today",
        "breakup": breakup,
        "state": state,
        "unsafe": breakup.unsafe,
        "progress_value": min(state.day_count, state.minimum_days),
        "progress_percent": percent,
        "strength_percent": round(100 * state.strength),
        "milestone_today": rules.reached_milestone(state.day_count),
        "checked_in_today": checked_in_on(breakup, state.today),
        "latest_urge": urge or latest_urge(breakup),
        "urge_max": rules.URGE_INTENSITY_RANGE[1],
        "show_readiness": show_readiness,
        "readiness": _readiness(state) if show_readiness else None,
        "phase": state.phase.value,
        "phase_after": state.phase in (Phase.REUNITED, Phase.MOVED_ON, Phase.CLOSED),
        # The program at a glance; the numbers carry data-* twins of `nocontact state`.
        "phase_title": gettext(PHASE_TEXTS[state.phase][0]),
        "strength_value": round(state.strength, 2),
        "lock_note": None if breakup.unsafe else lock_note_for(state),
        "tools_offered": contact_tools_offered(state),
        # Attempts mean something once reaching out is near, not on day one.
        "show_attempts": show_readiness
        and breakup.goal == Goal.RECONNECT.value
        and (
            state.minimum_reached
            or state.next_attempt_on is not None
            or state.attempts_left < rules.MAX_ATTEMPTS_WITHOUT_POSITIVE_REPLY
        ),
    }
    return render(request, "web/dashboard.html", context)
