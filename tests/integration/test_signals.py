"""Signals logged any time, and the interest trend with its evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from nocontact.journey.models import Event
from tests.integration.program_helpers import (
    add_event,
    assert_login_redirect,
    assert_onboarding_redirect,
    days_ago,
)
from tests.integration.routes_helpers import (
    CONTACT_TOOL,
    attempt,
    html_of,
    ready,
    shown_date,
    today_of,
)

pytestmark = pytest.mark.django_db
SIGNAL = reverse("log_signal")
INTEREST = reverse("interest")


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(SIGNAL), "log_signal")
    assert_login_redirect(client.post(SIGNAL, {"signal": "long_replies"}), "log_signal")
    assert_login_redirect(client.get(INTEREST), "interest")
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(INTEREST))
    assert_onboarding_redirect(owner_client.post(SIGNAL, {"signal": "long_replies"}))
    assert Event.objects.count() == 0


def test_it_logs_a_signal_any_time(owner_client: Any, owner: Any, make_breakup: Any) -> None:
    breakup = make_breakup(owner)  # still in no contact: signals are not contact tools
    html = html_of(owner_client.get(SIGNAL))
    assert 'name="signal" value="offered_friendship"' in html
    assert CONTACT_TOOL not in html
    response = owner_client.post(SIGNAL, {"signal": "offered_to_meet", "note": "Over coffee."})
    assert response.status_code == 302
    assert response["Location"] == INTEREST
    event = Event.objects.get(kind="signal")
    assert event.breakup == breakup
    assert event.data == {"signal": "offered_to_meet", "note": "Over coffee."}
    html = html_of(owner_client.get(INTEREST))
    assert "They offered to meet" in html
    assert shown_date(today_of(breakup)) in html
    assert CONTACT_TOOL not in html


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"note": "hi"},
        {"signal": "where_they_live"},
        {"signal": "long_replies", "note": "x" * 5001},
    ],
    ids=["empty", "missing", "unknown", "long_note"],
)
def test_it_answers_400_to_bad_input_and_saves_nothing(
    owner_client: Any, owner: Any, make_breakup: Any, data: dict[str, Any]
) -> None:
    make_breakup(owner)
    response = owner_client.post(SIGNAL, data)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html_of(response)
    assert Event.objects.count() == 0


def test_it_shows_a_warming_trend_with_its_evidence(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    add_event(breakup, "ex_contact", days_ago(6), channel="text", tone="warm")
    add_event(breakup, "signal", days_ago(2), signal="offered_to_meet")
    html = html_of(owner_client.get(INTEREST))
    assert 'data-direction="warming"' in html
    assert "Warming" in html
    assert "Recent signs point towards interest" in html
    today = today_of(breakup)
    first = html.index("They offered to meet")
    second = html.index("They got in touch first")
    assert first < second  # newest first
    assert shown_date(today - dt.timedelta(days=2)) in html
    assert shown_date(today - dt.timedelta(days=6)) in html
    assert "a warm sign" in html
    assert "Score today:" in html


def test_it_shows_a_cooling_trend_after_a_clear_no(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    add_event(breakup, "signal", days_ago(10), signal="long_replies")
    add_event(breakup, "signal", days_ago(1), signal="asks_for_space")
    html = html_of(owner_client.get(INTEREST))
    assert 'data-direction="cooling"' in html
    assert "give them room" in html
    assert "a sign to respect" in html


def test_it_says_when_there_is_too_little_to_tell(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    make_breakup(owner)
    html = html_of(owner_client.get(INTEREST))
    assert 'data-direction="unclear"' in html
    assert "Nothing noted in the last three months" in html


def test_it_never_shows_another_users_signals(
    owner_client: Any, owner: Any, other: Any, make_breakup: Any
) -> None:
    make_breakup(owner)
    theirs = make_breakup(other, ex_nickname="Alex")
    add_event(theirs, "signal", days_ago(1), signal="mentions_new_partner")
    html = html_of(owner_client.get(INTEREST))
    assert "They mentioned someone new" not in html
    assert 'data-direction="unclear"' in html


def test_it_links_to_the_routes_only_while_they_are_open(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = ready(make_breakup, owner)
    assert CONTACT_TOOL in html_of(owner_client.get(INTEREST))
    attempt(breakup, "blocked", 1)
    html = html_of(owner_client.get(INTEREST))
    assert CONTACT_TOOL not in html
    assert "They blocked you" in html


def test_it_shows_support_on_the_safety_track_and_saves_nothing(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    make_breakup(owner, unsafe=True)
    for url in (SIGNAL, INTEREST):
        html = html_of(owner_client.get(url))
        assert 'data-lock-note="safety_track"' in html
        assert reverse("support") in html
        assert "Signs of interest" not in html
    assert owner_client.post(SIGNAL, {"signal": "long_replies"}).status_code == 403
    assert Event.objects.count() == 0
