"""The guardrail: after "they asked me not to contact them", no page offers contact.

Two walks, as the user could: every named URL of the site (each reconnect route
too), and every link reachable from the dashboard. No page may carry a contact
tool (a link, button or form marked ``data-contact-tool``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag, urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from nocontact.core.model import Route
from nocontact.journey.models import Event
from tests.integration import program_scenarios as scenario

pytestmark = pytest.mark.django_db

# Values to try for URL keyword arguments; a URL that needs anything else is skipped.
KWARG_VALUES: dict[str, list[Any]] = {"route": [route.value for route in Route]}
SKIP_NAMES = {"logout"}
SKIP_PREFIXES = ("/static/", "/account/logout")
HREF = r'(?:href|action)="([^"]+)"'


def named_patterns(
    patterns: list[URLPattern | URLResolver] | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from named_patterns(entry.url_patterns, namespace)
        elif entry.name:
            yield entry.name, entry


def site_urls() -> list[str]:
    urls: set[str] = set()
    for name, pattern in named_patterns():
        if name in SKIP_NAMES:
            continue
        keys = list(pattern.pattern.converters) or list(pattern.pattern.regex.groupindex)
        if not keys:
            urls.add(reverse(name))
            continue
        if len(keys) == 1 and keys[0] in KWARG_VALUES:
            for value in KWARG_VALUES[keys[0]]:
                with contextlib.suppress(NoReverseMatch):
                    urls.add(reverse(name, kwargs={keys[0]: value}))
    return sorted(urls)


def page(client: Any, url: str) -> str:
    response = client.get(url)
    # 401: the JSON API reads no session (its guardrails: test_api_events.py).
    assert response.status_code in (200, 302, 400, 401, 404, 405), (url, response.status_code)
    html = response.get("Content-Type", "").startswith("text/html")  # not a download
    return str(response.content.decode()) if response.status_code == 200 and html else ""


def offering(client: Any, urls: list[str]) -> list[str]:
    """The URLs among ``urls`` whose page offers a contact tool."""
    return [url for url in urls if scenario.offers_contact_tool(page(client, url))]


@pytest.fixture
def closed(owner: Any, make_breakup: Any) -> Any:
    return scenario.asked_no_contact(make_breakup, owner)


def test_the_walk_covers_the_program_and_every_reconnect_url() -> None:
    urls = site_urls()
    for name in ("dashboard", "program", "readiness", "strategy", "outcome"):
        assert reverse(name) in urls
    reconnect = [url for url in urls if url.startswith("/reconnect/")]
    try:
        reverse("routes")
    except NoReverseMatch:  # the reconnect routes are built in their own module
        return
    assert len(reconnect) >= len(Route) + 1


def test_no_named_url_offers_contact_after_asked_no_contact(owner_client: Any, closed: Any) -> None:
    before = Event.objects.count()
    assert offering(owner_client, site_urls()) == []
    assert Event.objects.count() == before  # and walking changed nothing


def test_no_page_reachable_by_links_offers_contact_after_asked_no_contact(
    owner_client: Any, closed: Any
) -> None:
    seen: set[str] = set()
    offered: list[str] = []
    queue = [reverse("dashboard")]
    while queue and len(seen) < 300:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        html = page(owner_client, url)
        if scenario.offers_contact_tool(html):
            offered.append(url)
        for link in re.findall(HREF, html):
            link = urldefrag(link.replace("&amp;", "&"))[0]
            parsed = urlparse(link)
            if parsed.scheme or parsed.netloc or not link.startswith("/"):
                continue
            if link.startswith(SKIP_PREFIXES) or link in seen:
                continue
            queue.append(link)
    assert offered == []
    assert reverse("program") in seen
    assert reverse("readiness") in seen


def test_no_named_url_offers_contact_on_the_safety_track(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    scenario.safety_track(make_breakup, owner)
    assert offering(owner_client, site_urls()) == []


def test_the_walk_would_notice_an_open_contact_tool(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    scenario.ready(make_breakup, owner)
    try:
        reverse("routes")
    except NoReverseMatch:
        pytest.xfail("the reconnect routes are not mounted yet")
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert scenario.offers_contact_tool(html)
