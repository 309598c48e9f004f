"""Event logs and checks shared by the tests of the reconnect routes and signals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils.formats import date_format

from nocontact.journey import repository
from tests.conftest import local_today
from tests.integration.program_helpers import add_event, days_ago

CONTACT_TOOL = "data-contact-tool"


def ready(make_breakup: Callable[..., Any], user: Any, **overrides: Any) -> Any:
    """Minimum long past, calm check-ins, a confident self-check: contact tools open."""
    fields: dict[str, Any] = {"breakup_date": local_today() - dt.timedelta(days=80)}
    fields.update(overrides)
    breakup = make_breakup(user, **fields)
    for n in range(1, 8):
        add_event(breakup, "checkin", days_ago(n), mood=4, desperation=2, cried=False)
    add_event(breakup, "readiness_answers", days_ago(1), answers=[5] * 10)
    return breakup


def attempt(breakup: Any, outcome: str, days: int, route: str = "reach_out") -> None:
    add_event(breakup, "attempt", days_ago(days), route=route, outcome=outcome)


def html_of(response: Any) -> str:
    return str(response.content.decode())


def shown_date(day: dt.date) -> str:
    return str(date_format(day, "DATE_FORMAT"))


def today_of(breakup: Any) -> dt.date:
    return repository.today_for(breakup.user)
