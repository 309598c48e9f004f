"""Encryption at rest in a real browser: set up, write, sign out, sign in, unlock, read.

Also axe-core on the pages that only exist while encryption is on (the recovery
code, the unlock page, the settings page with encryption on, recovery).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from nocontact.accounts import vault
from tests.e2e.test_accessibility import violations
from tests.e2e.test_no_contact_journey import PASSWORD, describe_breakup, sign_up

PASSPHRASE = "willow creek lantern nine"
ENTRY = "The first quiet evening in weeks."


@pytest.fixture(autouse=True)
def _cheap_kdf() -> Iterator[None]:
    # The live server runs in this process: a cheap Argon2id keeps the test quick.
    before = vault.KDF_DEFAULT
    vault.KDF_DEFAULT = vault.KdfParams(1, 8, 1)
    yield
    vault.KDF_DEFAULT = before


def no_violations(page: Page, problems: dict[str, list[str]]) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        found = violations(page)
        if found:
            problems[f"{page.url} ({scheme})"] = found
    page.emulate_media(color_scheme="light")


def test_it_keeps_a_journal_entry_encrypted_and_readable(page: Page, live_server: Any) -> None:
    base = live_server.url
    problems: dict[str, list[str]] = {}
    sign_up(page, base, "rowan")
    describe_breakup(page, days_ago=10)
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # 1. Set up: the warning is on the page; the recovery code is shown once.
    page.goto(base + "/settings/")
    page.get_by_role("link", name="Encrypt your words with a passphrase").click()
    expect(page.get_by_text("nobody, not even the app, can read them")).to_be_visible()
    page.get_by_label("A passphrase for your words").fill(PASSPHRASE)
    page.get_by_label("The same passphrase again").fill(PASSPHRASE)
    page.get_by_label("Your current password").fill(PASSWORD)
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Encrypt my words").click()
    code = page.locator("[data-recovery-code]")
    expect(code).to_have_text(re.compile(r"^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$"))
    no_violations(page, problems)
    page.get_by_role("link", name="I've written it down").click()
    expect(page.get_by_role("heading", name="Encryption is on")).to_be_visible()
    no_violations(page, problems)

    # 2. Write a journal entry.
    page.goto(base + "/journal/new/")
    page.get_by_label("What is on your mind?").fill(ENTRY)
    page.get_by_role("button", name=re.compile("Save|Keep")).first.click()
    expect(page.get_by_text(ENTRY)).to_be_visible()

    # 3. Sign out and in: the app asks for the passphrase first.
    page.get_by_role("button", name="Log out").click()
    page.goto(base + "/account/login/")
    page.get_by_label("Username").fill("rowan")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Unlock your words")).to_be_visible()
    no_violations(page, problems)
    page.get_by_label("Your passphrase").fill("not the passphrase")
    page.get_by_role("button", name="Unlock", exact=True).click()
    expect(page.get_by_text("doesn't open your words")).to_be_visible()
    page.get_by_label("Your passphrase").fill(PASSPHRASE)
    page.get_by_role("button", name="Unlock", exact=True).click()

    # 4. Read it.
    page.goto(base + "/journal/")
    expect(page.get_by_text(ENTRY)).to_be_visible()
    page.goto(base + "/settings/words/recover/")
    no_violations(page, problems)
    assert not problems, json.dumps(problems, indent=2)
