"""A breakup whose contact tools are open, for the coach's pages and browser tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from nocontact.journey import repository
from tests.conftest import local_today
from tests.integration.program_helpers import days_ago


def make_ready(user: Any, make_breakup: Callable[..., Any]) -> Any:
    """60 days of no contact, a high self-check, calm check-ins, a reconnect strategy."""
    breakup = make_breakup(
        user,
        breakup_date=local_today() - dt.timedelta(days=60),
        relationship_months=6,
        intensity=0,
    )
    repository.record_event(breakup, "readiness_answers", {"answers": [5] * 10}, at=days_ago(3))
    for day in range(14, 0, -1):
        repository.record_event(
            breakup, "checkin", {"mood": 4, "desperation": 2, "cried": False}, at=days_ago(day)
        )
    repository.record_event(breakup, "strategy", {"strategy": "reconnect"}, at=days_ago(1))
    state = repository.program_state(breakup)
    assert state.lock_reason is None, state.lock_reason
    return breakup
