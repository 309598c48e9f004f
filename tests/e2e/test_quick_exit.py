"""Quick exit in a real browser: first in the tab order, and nothing of the app left on screen.

What quick exit cannot do, and these tests do not claim: the browser's history keeps the
visit, and "Back" can show the app again (unless the app lock is on).
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.test_no_contact_journey import PASSWORD, describe_breakup, sign_up

APP_WORDS = ("nocontact", "Today", "Journal", "SOS", "Leave quickly", "Sam")


def signed_in(page: Page, base: str, username: str = "willow") -> None:
    sign_up(page, base, username)
    describe_breakup(page, days_ago=9)
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def assert_neutral(page: Page, base: str) -> None:
    expect(page).to_have_url(base + "/away/")
    expect(page).to_have_title("New tab")
    text = page.evaluate("document.documentElement.innerText")
    for word in APP_WORDS:
        assert word not in text
    assert page.evaluate("document.querySelectorAll('body *').length") == 0


def test_it_puts_quick_exit_first_in_the_tab_order(page: Page, live_server: Any) -> None:
    signed_in(page, live_server.url)
    for path in ("/", "/journal/", "/settings/", "/sos/"):
        page.goto(live_server.url + path)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "Leave quickly", path
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert_neutral(page, live_server.url)


def test_it_leaves_nothing_of_the_app_on_screen(
    page: Page, live_server: Any, screenshot: Any
) -> None:
    signed_in(page, live_server.url)
    page.goto(live_server.url + "/journal/")
    page.get_by_role("link", name="Leave quickly").click()
    assert_neutral(page, live_server.url)
    screenshot("away")


def test_it_leaves_on_escape_pressed_three_times(page: Page, live_server: Any) -> None:
    signed_in(page, live_server.url)
    page.goto(live_server.url + "/settings/")
    for _ in range(3):
        page.keyboard.press("Escape")
    assert_neutral(page, live_server.url)


def test_it_works_without_javascript(browser: Any, live_server: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/account/login/")
        page.get_by_role("link", name="Leave quickly").click()
        assert_neutral(page, live_server.url)
    finally:
        context.close()


def test_it_can_be_undone_by_back_without_a_lock(page: Page, live_server: Any) -> None:
    # Honest: without the app lock, the browser's Back button brings the app back.
    signed_in(page, live_server.url)
    page.goto(live_server.url + "/journal/")
    page.goto(live_server.url + "/reasons/")
    page.get_by_role("link", name="Leave quickly").click()
    assert_neutral(page, live_server.url)
    page.go_back()
    expect(page).to_have_url(live_server.url + "/journal/")


def test_it_locks_the_app_when_a_pin_is_set(page: Page, live_server: Any) -> None:
    signed_in(page, live_server.url)
    page.goto(live_server.url + "/settings/lock/")
    page.get_by_label("New PIN").fill("2468")
    page.get_by_label("The same PIN again").fill("2468")
    page.get_by_label("Your current password").fill(PASSWORD)
    page.get_by_role("button", name="Turn the lock on").click()
    expect(page).to_have_url(live_server.url + "/settings/")
    page.goto(live_server.url + "/journal/")
    page.get_by_role("link", name="Leave quickly").click()
    assert_neutral(page, live_server.url)
    page.go_back()
    expect(page.get_by_role("heading", name="The app is locked")).to_be_visible()
    page.get_by_label("Your PIN").fill("2468")
    page.get_by_role("button", name="Unlock").click()
    expect(page).to_have_url(live_server.url + "/settings/")


def test_it_goes_to_the_lock_page_when_idle(page: Page, live_server: Any) -> None:
    signed_in(page, live_server.url)
    page.goto(live_server.url + "/settings/lock/")
    page.get_by_label("New PIN").fill("2468")
    page.get_by_label("The same PIN again").fill("2468")
    page.get_by_label("Lock after this many quiet minutes").fill("1")
    page.get_by_label("Your current password").fill(PASSWORD)
    page.get_by_role("button", name="Turn the lock on").click()
    page.clock.install()
    page.goto(live_server.url + "/journal/")
    page.clock.fast_forward("00:30")
    expect(page).to_have_url(live_server.url + "/journal/")
    page.clock.fast_forward("00:40")
    expect(page.get_by_role("heading", name="The app is locked")).to_be_visible()
    page.get_by_label("Your PIN").fill("2468")
    page.get_by_role("button", name="Unlock").click()
    expect(page).to_have_url(live_server.url + "/journal/")
