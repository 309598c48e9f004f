"""Real headless Chromium (Debian's package) driven by Playwright, against live_server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from
# the test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("NOCONTACT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _chromium_present() -> None:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A phone-sized window: the app is mobile-first.
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "locale": "en-GB",
        "timezone_id": "Europe/Berlin",
    }


@pytest.fixture
def screenshot(page: Any, request: pytest.FixtureRequest) -> Any:
    """``screenshot("step")`` saves test-artifacts/<test>-<step>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    test = re.sub(r"[^a-zA-Z0-9_-]+", "-", request.node.name)

    def take(step: str) -> Path:
        path = ARTIFACTS / f"{test}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def _static_files_plain(settings: Any) -> None:
    # The manifest storage makes the test server 404 on hashed names (RECIPES.md).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_third_party_requests(page: Any, live_server: Any) -> Iterator[list[str]]:
    """Every page may load only from the app itself: anything else fails the test."""
    origin = live_server.url
    foreign: list[str] = []

    def check(request: Any) -> None:
        url = request.url
        if not (url.startswith(origin) or url.startswith(("data:", "blob:", "about:"))):
            foreign.append(url)

    page.on("request", check)
    yield foreign
    assert not foreign, f"requests to other origins: {foreign}"
