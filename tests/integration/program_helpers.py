"""Small helpers shared by the tests of the daily program's pages."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from nocontact.core import clock
from nocontact.journey import repository
from nocontact.journey.models import Event, Writing

BERLIN = ZoneInfo("Europe/Berlin")


def add_event(breakup: Any, kind: str, at: dt.datetime, **data: Any) -> Event:
    """Append an event through the repository, as any input path would."""
    return repository.record_event(breakup, kind, data, at=at)


def days_ago(days: int, hour: int = 12, tz: dt.tzinfo = BERLIN) -> dt.datetime:
    """Noon (by default) on a past local day."""
    today = clock.local_now(tz).date()
    return dt.datetime.combine(today - dt.timedelta(days=days), dt.time(hour), tz)


def counts() -> tuple[int, int]:
    return Event.objects.count(), Writing.objects.count()


def assert_login_redirect(response: Any, name: str, **kwargs: Any) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert reverse(name, kwargs=kwargs or None) in response["Location"]


def assert_onboarding_redirect(response: Any) -> None:
    assert response.status_code == 302
    assert response["Location"] == reverse("onboarding")
