"""Shared fixtures: three users for every view (owner, another user, anonymous)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

import pytest

# The test users' clock (``make_user``): their "today" is not the machine's near midnight.
TEST_ZONE = "Europe/Berlin"


def local_today() -> dt.date:
    """Today for the test users, on their own clock (``TEST_ZONE``)."""
    from nocontact.core import clock

    return clock.local_now(clock.timezone(TEST_ZONE)).date()


@pytest.fixture(autouse=True)
def _fast_password_hashing(request: pytest.FixtureRequest) -> None:
    """Argon2id is deliberately slow; tests that do not test hashing use a fast hasher."""
    if "real_hashing" in request.keywords or "django_db_setup" not in request.fixturenames:
        return
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "real_hashing: keep the production password hashers")


_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failure in disguise: make it fail the run."""
    if os.environ.get("CI") and _skipped and exitstatus == 0:
        session.exitstatus = 1
        print(f"\nCI is set and {len(_skipped)} test(s) skipped: {_skipped[:10]}")


PASSWORD = "a calm long passphrase 42"


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    from django.contrib.auth import get_user_model

    from nocontact.accounts.models import settings_for

    def make(username: str, timezone: str = TEST_ZONE) -> Any:
        user = get_user_model().objects.create_user(username=username, password=PASSWORD)
        user_settings = settings_for(user)
        user_settings.timezone = timezone
        user_settings.save()
        return user

    return make


@pytest.fixture
def make_breakup() -> Callable[..., Any]:
    from nocontact.core import model as core
    from nocontact.journey import repository

    def make(user: Any, **overrides: Any) -> Any:
        fields: dict[str, Any] = {
            "ex_nickname": "Sam",
            "breakup_date": local_today() - dt.timedelta(days=12),
            "relationship_months": 26,
            "ended_by": core.EndedBy.THEM,
            "intensity": 1,
            "goal": core.Goal.RECONNECT,
        }
        fields.update(overrides)
        return repository.create_breakup(user, core.Profile(**fields))

    return make


@pytest.fixture
def owner(make_user: Callable[..., Any]) -> Any:
    return make_user("owner")


@pytest.fixture
def other(make_user: Callable[..., Any]) -> Any:
    return make_user("other")


@pytest.fixture
def owner_breakup(owner: Any, make_breakup: Callable[..., Any]) -> Any:
    return make_breakup(owner)


@pytest.fixture
def other_breakup(other: Any, make_breakup: Callable[..., Any]) -> Any:
    return make_breakup(other, ex_nickname="Alex")


@pytest.fixture
def owner_client(client: Any, owner: Any) -> Any:
    client.force_login(owner)
    return client


@pytest.fixture
def other_client(client: Any, other: Any) -> Any:
    client.force_login(other)
    return client
