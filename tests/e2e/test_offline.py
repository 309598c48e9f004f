"""Offline in real Chromium: the SOS page, the reasons and the friend's text open with the
network switched off, and an urge logged offline reaches the log exactly once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from nocontact.journey.models import Event
from tests.e2e.offline_helpers import cached_paths, put_back, queued_urges, wait_until_kept
from tests.e2e.test_no_contact_journey import PASSWORD, describe_breakup, sign_up

REASONS = ("They never listened when it mattered", "I sleep better without waiting")
FRIEND = "Can you call me? I want to text my ex and I don't want to."
SENT = "What you logged offline is now in your log."
KEPT = ("/sos/", "/reasons/", "/static/nocontact/css/app.css", "/static/nocontact/js/sos.js")


def ready_for_offline(page: Page, base: str, username: str) -> User:
    """A signed-in person with reasons and a friend's text, who opened the app once.

    Everything goes through the pages: the service worker fetches in the background, and a
    write from the test thread could meet its read in SQLite.
    """
    sign_up(page, base, username)
    describe_breakup(page, days_ago=6)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for text in REASONS:
        page.goto(base + "/reasons/")
        page.get_by_label("A reason of yours").fill(text)
        page.get_by_role("button", name="Add reason").click()
        expect(page.get_by_text(text)).to_be_visible()
    page.goto(base + "/settings/")
    page.get_by_label("A friend you trust").fill("Robin")
    page.get_by_label("Your message to them").fill(FRIEND)
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator(".messages")).to_be_visible()
    # Opening SOS online refreshes its offline copy at once.
    page.goto(base + "/sos/")
    wait_until_kept(page, KEPT, sos_text="I don&#x27;t want to.")
    return User.objects.get(username=username)


def urges(user: User) -> int:
    return Event.objects.filter(breakup__user=user, kind="urge").count()


def test_it_opens_sos_reasons_and_the_friend_text_offline(
    page: Page, live_server: Any, screenshot: Any
) -> None:
    base = live_server.url
    ready_for_offline(page, base, "rowan")
    page.context.set_offline(True)
    page.goto(base + "/sos/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Breathe. You don't have to act on this."
    )
    for reason in REASONS:
        expect(page.locator(".sos-reasons")).to_contain_text(reason)
    expect(page.locator("#friend-message")).to_have_text(FRIEND)
    expect(page.locator("[data-sos-timer]")).not_to_have_text("10:00")  # its script runs
    # The copy was rendered earlier: the end of the wait is counted from now, on this clock.
    page.clock.install()
    page.clock.set_fixed_time("2026-06-01T23:50:00+02:00")
    page.reload()
    ends = re.compile(r"The wait ends at 12:00\W?AM")  # 10 minutes after 23:50, in English
    expect(page.locator("[data-sos-status]")).to_have_text(ends)
    screenshot("sos-offline")
    page.goto(base + "/reasons/")
    for reason in REASONS:
        expect(page.get_by_text(reason)).to_be_visible()
    # Opened from the home screen (the start page), it falls back to SOS.
    page.goto(base + "/")
    expect(page).to_have_url(base + "/sos/")
    expect(page.locator("#friend-message")).to_have_text(FRIEND)


def test_it_keeps_a_letter_typed_offline_on_the_page(page: Page, live_server: Any) -> None:
    base = live_server.url
    ready_for_offline(page, base, "elm")
    page.context.set_offline(True)
    page.goto(base + "/sos/")
    letter = page.get_by_label("Write to them here instead. This is never sent.")
    letter.fill("Everything I wanted to say at 2 a.m.")
    page.get_by_role("button", name="Keep my letter (never sent)").click()
    expect(page.get_by_text("You are offline, so this can't be saved yet.")).to_be_visible()
    expect(letter).to_have_value("Everything I wanted to say at 2 a.m.")
    expect(page).to_have_url(base + "/sos/")


def test_it_sends_an_urge_logged_offline_exactly_once(page: Page, live_server: Any) -> None:
    base = live_server.url
    user = ready_for_offline(page, base, "hazel")
    page.context.set_offline(True)
    page.goto(base + "/sos/")
    form = page.locator("form.urge-form")
    form.get_by_label("How strong is (or was) the urge?").fill("8")
    form.get_by_label("Lonely", exact=True).check()
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved on this device.")).to_be_visible()
    queue = queued_urges(page)
    assert len(queue) == 1
    assert urges(user) == 0

    page.context.set_offline(False)
    expect(page.get_by_text(SENT)).to_be_visible(timeout=15_000)
    assert queued_urges(page) == []
    assert urges(user) == 1

    # The same entry sent again (a response lost on the way back): still one urge.
    put_back(page, queue)
    assert len(queued_urges(page)) == 1
    page.evaluate("window.nocontactReplay()")
    wait_for_empty_queue(page)
    assert urges(user) == 1
    page.goto(base + "/history/")
    expect(page.get_by_text("Urge, resisted")).to_have_count(1)
    expect(page.get_by_text("intensity 8 of 10")).to_be_visible()


def wait_for_empty_queue(page: Page) -> None:
    for _ in range(50):
        if not queued_urges(page):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the queue was never sent")


@pytest.mark.parametrize("leave", ["logout", "quick exit"])
def test_it_forgets_the_offline_copies_when_leaving(
    page: Page, live_server: Any, leave: str
) -> None:
    base = live_server.url
    ready_for_offline(page, base, "alder")
    assert cached_paths(page)
    if leave == "logout":
        page.get_by_role("button", name="Log out").click()
        expect(page).to_have_url(re.compile(r"/account/login/"))
    else:
        # The blank page runs no script of ours: only Clear-Site-Data can have cleared it.
        page.get_by_role("link", name="Leave quickly").click()
        expect(page).to_have_url(base + "/away/")
        assert page.evaluate("navigator.serviceWorker.getRegistrations()") == []
    assert cached_paths(page) == []
    assert queued_urges(page) == []


def test_it_keeps_the_urge_queued_until_signed_in_again(page: Page, live_server: Any) -> None:
    # The session ended while offline: the replay is refused (no session, an old CSRF
    # token), the urge stays on the device, and goes in once the person signs in again.
    base = live_server.url
    user = ready_for_offline(page, base, "linden")
    page.context.set_offline(True)
    page.goto(base + "/sos/")
    page.locator("form.urge-form").get_by_label("How strong is (or was) the urge?").fill("5")
    page.locator("form.urge-form").get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved on this device.")).to_be_visible()
    page.context.clear_cookies()
    page.context.set_offline(False)
    page.goto(base + "/")
    expect(page).to_have_url(re.compile(r"/account/login/"))
    expect(page.get_by_text("still waiting on this device")).to_be_visible()
    assert len(queued_urges(page)) == 1
    assert urges(user) == 0
    page.get_by_label("Username").fill("linden")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(SENT)).to_be_visible(timeout=15_000)
    assert urges(user) == 1


def test_it_is_installable(page: Page, live_server: Any) -> None:
    # Chromium's own check: a manifest with icons, a service worker that handles fetch.
    page.goto(live_server.url + "/account/login/")
    page.wait_for_function("async () => !!(await navigator.serviceWorker.ready).active")
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's browser contexts are incognito ones: the only reason allowed.
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert not manifest.get("errors")
