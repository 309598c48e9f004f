"""In the browser: turn on reminders and subscribe to the calendar from the settings page."""

from __future__ import annotations

from typing import Any

import icalendar
from playwright.sync_api import Page, expect

from tests.e2e.test_no_contact_journey import describe_breakup, sign_up


def test_it_sets_reminders_and_hands_out_a_calendar_link_once(
    page: Page, live_server: Any, screenshot: Any
) -> None:
    base = live_server.url
    sign_up(page, base, "wren")
    describe_breakup(page, days_ago=12)
    page.goto(base + "/settings/")
    page.get_by_role("link", name="Reminders and your calendar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders and your calendar")

    # A reminder with nowhere to go: a clear message, nothing saved.
    page.get_by_label("A daily nudge to check in").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Reminders need an address")).to_be_visible()
    page.get_by_label("Your e-mail address for reminders").fill("wren@nocontact.test")
    page.get_by_label("At what time?").fill("21:30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. Your reminders are set.")).to_be_visible()

    page.get_by_role("button", name="Make a calendar link").click()
    link = page.get_by_label("Your new calendar link (shown once: copy it now)")
    url = link.input_value()
    screenshot("1-calendar-link")
    feed = page.request.get(url)
    assert feed.status == 200
    summaries = [
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    ]
    assert "Day 30: a milestone" in summaries

    page.reload()
    expect(page.get_by_text("For your privacy it is shown only once")).to_be_visible()
    page.get_by_role("button", name="Turn the calendar link off").click()
    expect(page.get_by_text("The calendar link is off. It shows nothing any more.")).to_be_visible()
    assert page.request.get(url).status == 404
