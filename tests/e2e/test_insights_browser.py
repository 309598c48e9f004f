"""The insights page on a phone, for someone a few weeks into No Contact."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from nocontact.core import model as core
from nocontact.core.events import validate_event_data
from nocontact.journey import repository
from tests.conftest import local_today
from tests.e2e.test_accessibility import violations
from tests.e2e.test_no_contact_journey import describe_breakup, sign_up

BERLIN = ZoneInfo("Europe/Berlin")
PHONE = {"width": 360, "height": 740}
CHARTS = (
    "days",
    "urges",
    "clock",
    "triggers",
    "mood",
    "desperation",
    "crying",
    "strength",
    "readiness",
)


def a_few_weeks(username: str, days: int) -> None:
    """Evening check-ins getting a little better, urges mostly late at night, one slip."""
    rng = random.Random(3)
    breakup = repository.active_breakup(User.objects.get(username=username))
    assert breakup is not None
    today = local_today()
    events = []

    def add(kind: core.EventKind, day: dt.date, hour: float, **data: Any) -> None:
        at = dt.datetime.combine(day, dt.time(), BERLIN) + dt.timedelta(hours=hour)
        events.append(core.Event(kind, at, validate_event_data(kind, data)))

    for ago in range(days, 0, -1):
        day = today - dt.timedelta(days=ago)
        better = 1 - ago / days
        add(
            core.EventKind.CHECKIN,
            day,
            21,
            mood=round(2 + 2 * better),
            desperation=round(7 - 5 * better),
            cried=rng.random() < 0.6 - 0.5 * better,
        )
        for _ in range(rng.randint(1, 3)):
            add(
                core.EventKind.URGE,
                day,
                rng.uniform(22, 24.9) if rng.random() < 0.7 else rng.uniform(9, 18),
                intensity=rng.randint(3, 9),
                outcome="resisted",
                triggers=rng.sample(["lonely", "late night", "a song", "photos"], 1),
            )
    add(core.EventKind.SLIP, today - dt.timedelta(days=days - 5), 23, channel="text")
    add(core.EventKind.CHECKED_ON_THEM, today - dt.timedelta(days=10), 20, how="profile")
    repository.add_events(breakup, events)


def test_it_tells_the_story_of_the_last_weeks_on_a_phone(
    page: Page, live_server: Any, screenshot: Any
) -> None:
    base = live_server.url
    page.set_viewport_size(PHONE)
    sign_up(page, base, "wren")
    describe_breakup(page, days_ago=40)
    a_few_weeks("wren", days=35)

    page.get_by_role("link", name="See your insights").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights")
    for key in CHARTS:
        chart = page.locator(f"[data-chart='{key}'] svg[role='img']")
        expect(chart).to_be_visible()
        expect(chart.locator("title")).not_to_be_empty()
    # Urges come late at night here, and the page says so in words.
    glance = page.get_by_role("region", name="At a glance")
    expect(glance.get_by_text("Your urges come mostly between")).to_be_visible()
    expect(
        page.locator("#chart-clock").get_by_text("Your urges come mostly between")
    ).to_be_visible()
    expect(page.locator("#chart-triggers").get_by_text("came up most")).to_be_visible()
    # The numbers behind a chart, for a screen reader or a curious eye.
    page.get_by_text("The numbers: Urges per week").click()
    expect(page.get_by_role("region", name="Urges per week").get_by_role("table")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    screenshot("phone-light")
    assert violations(page) == []
    page.emulate_media(color_scheme="dark")
    screenshot("phone-dark")
    assert violations(page) == []
