"""A new person, start to finish, in a real browser: the No Contact phase of issue 2."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.conftest import local_today

PASSWORD = "a calm long passphrase 42"


def sign_up(page: Page, base: str, username: str) -> None:
    page.goto(base + "/account/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(base + "/start/")


def describe_breakup(page: Page, days_ago: int) -> None:
    breakup = local_today() - dt.timedelta(days=days_ago)
    page.get_by_label("Their nickname").fill("Sam")
    page.get_by_label("When did you break up?").fill(breakup.isoformat())
    page.get_by_label("How many months were you together?").fill("26")
    page.get_by_role("group", name="Who ended it?").get_by_label("They ended it").check()
    page.get_by_role("group", name="How did it end?").get_by_label("Tense").check()
    page.get_by_role("group", name="What do you hope for, right now?").get_by_label(
        "I hope we get back together"
    ).check()
    page.get_by_role("group", name=re.compile("abusive")).get_by_label("No").check()
    page.get_by_role("button", name="Save and start").click()


def test_it_carries_a_new_person_through_their_first_days_of_no_contact(
    page: Page, live_server: Any, screenshot: Any
) -> None:
    base = live_server.url
    # 1. Sign up and describe the breakup: 12 days ago, 26 months, a tense ending.
    sign_up(page, base, "river")
    screenshot("1-onboarding")
    describe_breakup(page, days_ago=12)
    expect(page).to_have_url(base + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Day 12")
    # 30 days + 7 (more than a year together) + 7 (a tense ending).
    expect(page.get_by_text("Your minimum period is 44 days.")).to_be_visible()
    expect(page.get_by_text("Not done yet. It takes a minute.")).to_be_visible()
    screenshot("2-dashboard")

    # 2. The daily check-in.
    page.get_by_role("link", name="Check in now").click()
    page.get_by_role("group", name="How is your mood today?").get_by_label("2", exact=True).check()
    page.get_by_label("How desperate do you feel to reach them?").fill("6")
    page.get_by_role("group", name="Did you cry today?").get_by_label("Yes").check()
    screenshot("3-checkin")
    page.get_by_role("button", name="Save my check-in").click()
    expect(page).to_have_url(base + "/")
    expect(page.get_by_text("Done for today.")).to_be_visible()

    # 3. The urge strikes: SOS, the timer, and resisting.
    page.get_by_role("link", name="SOS", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Breathe")
    expect(page.locator(".timer")).to_contain_text(re.compile(r"\d+:\d\d"))
    screenshot("4-sos")
    after = page.locator("section", has=page.get_by_role("heading", name="How did it go?"))
    after.get_by_label("How strong is (or was) the urge?").fill("8")
    after.get_by_label("Late night").check()
    after.get_by_role("group", name="How were you tempted to reach them?").get_by_label(
        "A text"
    ).check()
    after.get_by_role("group", name="What happened?").get_by_label("I didn't contact them").check()
    after.get_by_role("button", name="Save").click()

    # 4. The dashboard shows the unbroken count and the urge that was ridden out.
    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Day 12")
    urge = page.locator("section", has=page.get_by_role("heading", name="Your latest urge"))
    expect(urge).to_contain_text("intensity 8 of 10")
    expect(urge).to_contain_text("You rode it out.")
    screenshot("5-dashboard-after-sos")


def test_it_records_a_slip_without_shame_and_shows_what_was_kept(
    page: Page, live_server: Any, screenshot: Any
) -> None:
    base = live_server.url
    sign_up(page, base, "lake")
    describe_breakup(page, days_ago=20)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Day 20")

    page.get_by_role("link", name="I slipped").first.click()
    screenshot("1-slip-form")
    page.get_by_role("button", name=re.compile("Save|Log")).first.click()
    # What was kept: the 20-day streak and the days without contact.
    expect(page.get_by_text(re.compile("20 days"))).not_to_have_count(0)
    screenshot("2-what-was-kept")
    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Day 0")
    built = page.locator("section", has=page.get_by_role("heading", name="What you have built"))
    expect(built).to_contain_text("20 days")
