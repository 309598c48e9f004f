"""A real person types a draft and watches the coach answer, in real Chromium."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.integration.coach_helpers import make_ready

DRAFT = "I miss you so much, please answer me"


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def test_it_flags_a_draft_while_the_person_types(
    page: Any,
    live_server: Any,
    screenshot: Any,
    owner: Any,
    make_breakup: Callable[..., Any],
) -> None:
    make_ready(owner, make_breakup)
    sign_in(page, live_server, owner)
    # Mid-afternoon on the page's clock: late at night the coach rightly flags the hour.
    page.clock.set_fixed_time(dt.datetime(2026, 7, 1, 15, 0, tzinfo=ZoneInfo("Europe/Berlin")))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(live_server.url + "/coach/?route=first_contact")
    expect(page.get_by_role("heading", name="Message coach")).to_be_visible()
    # With JavaScript the live panel replaces the "Check this draft" button.
    expect(page.get_by_role("button", name="Check this draft")).to_be_hidden()

    draft = page.get_by_label("Your draft")
    draft.press_sequentially(DRAFT, delay=15)
    panel = page.locator("[data-coach-panel]")
    expect(panel).to_have_attribute("data-coach-length", str(len(DRAFT)))
    expect(page.locator(".coach-flag-declares_feelings")).to_be_visible()
    expect(page.locator(".coach-flag")).not_to_have_count(0)
    marks = page.locator("[data-coach-mirror] mark.coach-mark")
    expect(marks.first).to_be_visible()
    assert "miss you" in " ".join(marks.all_inner_texts())
    expect(page.locator("[data-coach-summary]")).to_contain_text("Score")
    expect(page.locator(".coach-flag q").first).to_be_visible()
    screenshot("flags")

    # Rewritten kindly, the flags go away.
    draft.fill("")
    draft.press_sequentially("Hey, it's been a while. Hope the new job is going well.")
    expect(page.locator("[data-coach-summary]")).to_contain_text("Nothing to change")
    expect(page.locator(".coach-flag")).to_have_count(0)
    expect(page.locator("[data-coach-mirror]")).to_be_hidden()
    screenshot("clean")

    # Self-harm words: coaching stops and help shows instead.
    draft.fill("")
    draft.press_sequentially("I want to end it all")
    expect(page.locator("[data-coach-crisis]")).to_be_visible()
    expect(page.locator("[data-coach-crisis]")).to_contain_text("Find a Helpline")
    expect(page.locator(".coach-flag")).to_have_count(0)
    screenshot("crisis")
    assert not errors, errors


def test_it_coaches_a_letter_i_might_send_while_contact_is_closed(
    page: Any, live_server: Any, owner: Any, owner_breakup: Any
) -> None:
    sign_in(page, live_server, owner)
    page.goto(live_server.url + "/letters/new/?might_send=1&route=reply")
    page.get_by_label("Your letter").press_sequentially(DRAFT, delay=5)
    expect(page.locator(".coach-flag-declares_feelings")).to_be_visible()
    expect(page.get_by_label("I might send this")).to_be_checked()
