from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from nocontact.web.views.logging import HISTORY_PAGE_SIZE
from tests.integration.program_helpers import (
    BERLIN,
    add_event,
    assert_login_redirect,
    assert_onboarding_redirect,
    counts,
    days_ago,
)

pytestmark = pytest.mark.django_db
URL = reverse("history")


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "history")


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(URL))


def test_it_says_when_nothing_is_logged(owner_client: Any, owner_breakup: Any) -> None:
    assert "Nothing logged yet" in owner_client.get(URL).content.decode()


def test_it_lists_the_log_newest_first(owner_client: Any, owner_breakup: Any) -> None:
    add_event(
        owner_breakup, "checkin", days_ago(3), mood=2, desperation=7, cried=True, note="Older"
    )
    add_event(
        owner_breakup, "urge", days_ago(2), intensity=6, outcome="resisted", triggers=["lonely"]
    )
    add_event(owner_breakup, "slip", days_ago(1), channel="call", note="Newest")
    html = owner_client.get(URL).content.decode()
    assert html.index("Contact (a slip)") < html.index("Urge, resisted") < html.index("Check-in")
    assert "mood 2 of 5" in html
    assert "Lonely" in html
    assert html.index("Newest") < html.index("Older")


def test_it_shows_times_in_the_users_time_zone(owner_client: Any, owner_breakup: Any) -> None:
    at = dt.datetime(2026, 7, 1, 23, 30, tzinfo=BERLIN)  # 21:30 UTC
    owner_breakup.breakup_date = dt.date(2026, 6, 1)
    owner_breakup.save()
    add_event(owner_breakup, "checkin", at, mood=3, desperation=3, cried=False)
    html = owner_client.get(URL).content.decode()
    assert 'datetime="2026-07-01T23:30:00+02:00"' in html
    assert "11:30" in html


def test_it_pages_a_long_log(owner_client: Any, owner_breakup: Any) -> None:
    for n in range(HISTORY_PAGE_SIZE + 5):
        add_event(
            owner_breakup,
            "urge",
            days_ago(10) + dt.timedelta(minutes=n),
            intensity=3,
            outcome="resisted",
        )
    first = owner_client.get(URL).content.decode()
    assert first.count("Urge, resisted") == HISTORY_PAGE_SIZE
    assert "Page 1 of 2" in first
    second = owner_client.get(URL, {"page": 2}).content.decode()
    assert second.count("Urge, resisted") == 5
    assert owner_client.get(URL, {"page": "nonsense"}).status_code == 200


def test_a_new_entry_makes_a_new_page(owner_client: Any, owner_breakup: Any) -> None:
    for n in range(HISTORY_PAGE_SIZE):
        add_event(
            owner_breakup,
            "checkin",
            days_ago(10) + dt.timedelta(minutes=n),
            mood=3,
            desperation=2,
            cried=False,
        )
    assert "Page 1 of" not in owner_client.get(URL).content.decode()
    add_event(owner_breakup, "checkin", days_ago(1), mood=4, desperation=1, cried=False)
    assert "Page 1 of 2" in owner_client.get(URL).content.decode()


def test_it_shows_another_user_only_their_own_log(
    other_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    add_event(owner_breakup, "slip", days_ago(1), note="Owner's private note")
    html = other_client.get(URL).content.decode()
    assert "Owner&#x27;s private note" not in html
    assert "Nothing logged yet" in html


def test_it_offers_no_editing_and_never_writes(owner_client: Any, owner_breakup: Any) -> None:
    add_event(owner_breakup, "slip", days_ago(1))
    before = counts()
    html = owner_client.get(URL).content.decode()
    assert '<form method="post" action="/history' not in html
    assert owner_client.post(URL).status_code == 405
    assert counts() == before
