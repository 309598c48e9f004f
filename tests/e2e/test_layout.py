"""Every page a person reaches, on a 320-pixel phone and on a desktop, light and dark:
no sideways scrolling, and every page (HTML, styles, scripts, images, plus the manifest
and the service worker) weighs less than 100 KB."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from nocontact.accounts.models import settings_for
from nocontact.journey.models import Reason
from tests.e2e.crawl import walk
from tests.e2e.test_no_contact_journey import describe_breakup, sign_up

MAX_PAGE_BYTES = 100 * 1024
SIZES = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 800}}
LONG_WORD = "Unbelievablyoverwhelmingfeelingswithoutanyspaces" * 2

OVERFLOW_JS = """() => {
  const root = document.scrollingElement;
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 3)
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
  return {scroll: root.scrollWidth, inner: window.innerWidth, wide};
}"""

# Bytes the page itself and everything it loaded took on the wire (uncompressed here, so
# an upper bound: the test server does not compress).
PAGE_BYTES_JS = """() => {
  const entries = [...performance.getEntriesByType("navigation"),
                   ...performance.getEntriesByType("resource")];
  return entries.map((e) => [e.name, e.encodedBodySize || e.transferSize || 0]);
}"""


def signed_in_with_words(page: Page, base: str, username: str) -> None:
    sign_up(page, base, username)
    describe_breakup(page, days_ago=15)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    user = User.objects.get(username=username)
    Reason.objects.create(user=user, text="They never listened. " + LONG_WORD)
    prefs = settings_for(user)
    prefs.friend_name, prefs.friend_message = "Robin", "Can you call me? " + LONG_WORD
    prefs.save()


def no_sideways_scroll(page: Page, path: str) -> list[str]:
    page.wait_for_load_state("load")
    found: dict[str, Any] = page.evaluate(OVERFLOW_JS)
    if found["scroll"] > found["inner"]:
        return [f"scrolls sideways: {found['scroll']} > {found['inner']} ({found['wide']})"]
    return []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_it_never_scrolls_sideways(
    browser: Browser, live_server: Any, size: str, scheme: str
) -> None:
    # No service worker: its background requests would race the test's own writes.
    context = browser.new_context(
        viewport=SIZES[size], color_scheme=scheme, locale="en-GB", service_workers="block"
    )
    page = context.new_page()
    try:
        signed_in_with_words(page, live_server.url, f"ash{size}{scheme}")
        result = walk(page, live_server.url, no_sideways_scroll)
        assert len(result.visited) > 25, result.visited
        assert not result.problems, json.dumps(result.problems, indent=2)
    finally:
        context.close()


def test_it_keeps_every_page_under_100_kb(browser: Browser, live_server: Any) -> None:
    base = live_server.url
    # No service worker in between: every byte comes from the server and is counted.
    context = browser.new_context(service_workers="block", viewport=SIZES["phone"])
    page = context.new_page()
    # Loaded once per visit, outside the page's own resource list.
    fixed = len(page.request.get(base + "/sw.js").body()) + len(
        page.request.get(base + "/manifest.webmanifest").body()
    )
    weights: dict[str, int] = {}

    def weigh(page: Page, path: str) -> list[str]:
        page.wait_for_load_state("load")
        entries = page.evaluate(PAGE_BYTES_JS)
        weights[path] = fixed + sum(int(size) for _name, size in entries)
        return []

    signed_in_with_words(page, base, "birch")
    # Routing turns the browser's cache off: each page is weighed with all it loads.
    page.route("**/*", lambda route: route.continue_())
    try:
        result = walk(page, base, weigh)
    finally:
        context.close()
    assert len(result.visited) > 25
    heaviest = max(weights, key=lambda path: weights[path])
    print(f"\nheaviest page: {heaviest} {weights[heaviest]} bytes of {len(weights)} pages")
    too_heavy = {path: size for path, size in weights.items() if size >= MAX_PAGE_BYTES}
    assert not too_heavy, too_heavy
