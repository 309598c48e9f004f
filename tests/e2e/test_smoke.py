from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def test_it_lets_a_new_person_sign_up_and_lands_them_on_onboarding(
    page: Any, live_server: Any, screenshot: Any
) -> None:
    page.goto(live_server.url + "/account/signup/")
    screenshot("signup")
    page.get_by_label("Username").fill("river")
    page.get_by_label("Password", exact=True).fill("a calm long passphrase 42")
    page.get_by_label("Password confirmation").fill("a calm long passphrase 42")
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(live_server.url + "/start/")
