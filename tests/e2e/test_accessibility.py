"""axe-core (from the npm registry, `make axe`) finds no accessibility violation on any page.

The strict CSP forbids inline scripts, so axe is run with ``page.evaluate`` (which CSP does
not govern) rather than ``add_script_tag``: the pages are tested with their real policy.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.test_no_contact_journey import describe_breakup, sign_up

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

SIGNED_OUT_PAGES = ("/account/login/", "/account/signup/", "/api/v1/docs/")
PAGES = (
    "/",
    "/checkin/",
    "/urge/",
    "/slip/",
    "/checked-on-them/",
    "/they-reached-out/",
    "/history/",
    "/insights/",
    "/sos/",
    "/journal/",
    "/journal/new/",
    "/letters/new/",
    "/reasons/",
    "/settings/",
    "/settings/lock/",
    "/reminders/",
    "/settings/words/",
    "/profile/",
    "/support/",
    "/account/password/",
)
NAMED_PAGES = (
    "readiness",
    "strategy",
    "program",
    "coach",
    "routes",
    "export",
    "delete_account",
    "api_tokens",
    "api_docs",
)


@cache
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make axe` (npm install in tests/e2e).")
    return AXE.read_text(encoding="utf-8")


def violations(page: Page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    found = []
    for item in result["violations"]:
        targets = [node["target"] for node in item["nodes"]][:5]
        found.append(f"{item['id']} ({item['impact']}): {item['help']} at {json.dumps(targets)}")
    return found


def check(page: Page, url: str, problems: dict[str, list[str]], scheme: str = "light") -> None:
    response = page.goto(url)
    assert response is not None, url
    assert response.status < 400, url
    page.wait_for_load_state("load")
    found = violations(page)
    if found:
        problems[f"{url} ({scheme})"] = found


def test_it_finds_no_accessibility_violation_signed_out(page: Page, live_server: Any) -> None:
    problems: dict[str, list[str]] = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for path in SIGNED_OUT_PAGES:
            check(page, live_server.url + path, problems, scheme)
    assert not problems, json.dumps(problems, indent=2)


def test_it_finds_no_accessibility_violation_on_any_page(page: Page, live_server: Any) -> None:
    base = live_server.url
    problems: dict[str, list[str]] = {}
    sign_up(page, base, "fern")
    check(page, base + "/start/", problems)
    describe_breakup(page, days_ago=12)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    paths = list(PAGES) + [reverse(name) for name in NAMED_PAGES]
    # Both colour schemes: contrast is checked in light and in dark mode.
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for path in paths:
            check(page, base + path, problems, scheme)
    assert not problems, json.dumps(problems, indent=2)


def test_it_would_catch_a_violation(page: Page, live_server: Any) -> None:
    # The check is not vacuous: an image without a text alternative is reported.
    page.goto(live_server.url + "/account/login/")
    page.evaluate(
        "() => { const img = document.createElement('img');"
        " img.src = '/static/nocontact/icon.svg'; document.querySelector('main').append(img); }"
    )
    assert any(found.startswith("image-alt") for found in violations(page))
