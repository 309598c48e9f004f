from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from nocontact.core.model import Goal
from nocontact.journey import repository
from nocontact.journey.models import Event
from tests.conftest import local_today
from tests.integration.program_helpers import (
    add_event,
    assert_login_redirect,
    assert_onboarding_redirect,
    days_ago,
)

pytestmark = pytest.mark.django_db
URL = reverse("strategy")


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "strategy")
    client.post(URL, {"strategy": "move_on"})
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(URL))


def test_it_explains_each_strategy_in_plain_words(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reconnect, step by step" in html
    assert "Say it once, clearly" in html
    assert "Move on" in html
    # A reconnect goal implies reconnect until the user chooses otherwise.
    assert 'data-strategy="reconnect"' in html
    assert html.count('type="radio"') == 3


def test_it_records_each_change_as_an_event(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, {"strategy": "intent_statement"})
    assert response.status_code == 302
    assert response["Location"] == reverse("program")
    assert repository.program_state(owner_breakup).strategy == "intent_statement"
    owner_client.post(URL, {"strategy": "move_on"})
    owner_client.post(URL, {"strategy": "reconnect"})
    kinds = [e.data["strategy"] for e in Event.objects.filter(kind="strategy").order_by("pk")]
    assert kinds == ["intent_statement", "move_on", "reconnect"]
    assert repository.program_state(owner_breakup).lock_reason != "not_contact_strategy"


def test_it_does_not_record_the_same_choice_twice(owner_client: Any, owner_breakup: Any) -> None:
    owner_client.post(URL, {"strategy": "move_on"})
    response = owner_client.post(URL, {"strategy": "move_on"}, follow=True)
    assert "already your way forward" in response.content.decode()
    assert Event.objects.filter(kind="strategy").count() == 1


def test_moving_on_locks_contact_tools(owner_client: Any, owner_breakup: Any) -> None:
    owner_client.post(URL, {"strategy": "move_on"})
    assert repository.program_state(owner_breakup).lock_reason == "not_contact_strategy"


@pytest.mark.parametrize("value", ["", "friends", "reconnect' or 1=1"])
def test_it_refuses_a_bad_choice_with_400_and_saves_nothing(
    owner_client: Any, owner_breakup: Any, value: str
) -> None:
    response = owner_client.post(URL, {"strategy": value})
    assert response.status_code == 400
    assert "Please choose one of the options." in response.content.decode()
    assert Event.objects.count() == 0


def test_it_saves_to_the_users_own_breakup_only(
    owner_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    owner_client.post(URL, {"strategy": "move_on"})
    assert owner_breakup.events.filter(kind="strategy").count() == 1
    assert other_breakup.events.count() == 0


def test_it_tells_a_not_sure_user_kindly_where_to_update_the_goal(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    make_breakup(owner, goal=Goal.UNSURE)
    html = owner_client.get(URL).content.decode()
    assert "update your goal in your profile" in html
    assert reverse("profile") in html
    assert 'type="radio"' not in html
    response = owner_client.post(URL, {"strategy": "reconnect"})
    assert response.status_code == 400
    assert Event.objects.count() == 0


def test_it_never_offers_a_strategy_on_the_safety_track(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    make_breakup(owner, unsafe=True)
    html = owner_client.get(URL).content.decode()
    assert "Reconnect, step by step" not in html
    assert reverse("support") in html
    assert owner_client.post(URL, {"strategy": "reconnect"}).status_code == 400
    assert Event.objects.count() == 0


def test_it_offers_no_choice_once_they_asked_for_no_contact(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    breakup = make_breakup(owner, breakup_date=local_today() - dt.timedelta(days=80))
    add_event(breakup, "attempt", days_ago(2), route="reach_out", outcome="asked_no_contact")
    html = owner_client.get(URL).content.decode()
    assert 'type="radio"' not in html
    assert owner_client.post(URL, {"strategy": "reconnect"}).status_code == 400
    assert Event.objects.filter(kind="strategy").count() == 0
