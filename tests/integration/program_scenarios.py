"""Event logs for the program pages: fresh, ready, cooling down, closed, ended."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from nocontact.core.model import Goal
from tests.conftest import local_today
from tests.integration.program_helpers import add_event, days_ago


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


def cooling_down(make_breakup: Callable[..., Any], user: Any) -> Any:
    breakup = ready(make_breakup, user)
    attempt(breakup, "no_reply", 3)
    return breakup


def asked_no_contact(make_breakup: Callable[..., Any], user: Any) -> Any:
    breakup = ready(make_breakup, user)
    attempt(breakup, "asked_no_contact", 1)
    return breakup


def after_a_slip(make_breakup: Callable[..., Any], user: Any) -> Any:
    breakup = make_breakup(user, breakup_date=local_today() - dt.timedelta(days=30))
    add_event(breakup, "slip", days_ago(10), channel="text")
    add_event(breakup, "checked_on_them", days_ago(4), how="profile")
    for n in range(1, 4):
        add_event(breakup, "checkin", days_ago(n), mood=2, desperation=6, cried=n == 1)
    return breakup


def safety_track(make_breakup: Callable[..., Any], user: Any) -> Any:
    return make_breakup(user, unsafe=True, breakup_date=local_today() - dt.timedelta(days=70))


def reunited(make_breakup: Callable[..., Any], user: Any) -> Any:
    breakup = ready(make_breakup, user)
    attempt(breakup, "positive", 5)
    add_event(breakup, "meeting", days_ago(3), again_both_sides=True, feeling=5)
    add_event(breakup, "outcome", days_ago(1), outcome="reunited")
    return breakup


def distressed(make_breakup: Callable[..., Any], user: Any) -> Any:
    breakup = ready(make_breakup, user)
    add_event(breakup, "checkin", days_ago(0, hour=0), mood=1, desperation=9, cried=True)
    return breakup


def not_sure(make_breakup: Callable[..., Any], user: Any) -> Any:
    return make_breakup(user, goal=Goal.UNSURE, breakup_date=local_today() - dt.timedelta(days=80))


# Every link, button or form that is a contact tool carries ``data-contact-tool``.
CONTACT_TOOL = re.compile(r"\sdata-contact-tool(?=[\s>=/])")


def offers_contact_tool(html: str) -> bool:
    return CONTACT_TOOL.search(html) is not None
