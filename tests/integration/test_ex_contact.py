from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from nocontact.journey import repository
from nocontact.journey.models import Event
from tests.integration.program_helpers import (
    assert_login_redirect,
    assert_onboarding_redirect,
    counts,
)

pytestmark = pytest.mark.django_db
URL = reverse("ex_contact")
GOOD = {"channel": "text", "tone": "warm", "text": "Hey, hope you're doing okay."}


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "ex_contact")
    assert_login_redirect(client.post(URL, GOOD), "ex_contact")
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.post(URL, GOOD))
    assert Event.objects.count() == 0


def test_it_explains_it_is_not_a_slip(owner_client: Any, owner_breakup: Any) -> None:
    html = owner_client.get(URL).content.decode()
    assert "This is not a slip" in html
    assert 'value="cold"' in html


def test_it_logs_their_message_and_keeps_the_count(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, GOOD)
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.kind == "ex_contact"
    assert event.data == GOOD
    assert repository.program_state(owner_breakup).day_count == 12
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "not a slip: your count goes on" in html
    assert "Day 12<" in html


def test_it_points_the_safety_track_to_support(
    owner_client: Any, owner: Any, make_breakup: Any
) -> None:
    make_breakup(owner, unsafe=True)
    html = owner_client.get(URL).content.decode()
    assert "You don't owe them a reply" in html
    assert reverse("support") in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"tone": "flirty"}, "Please choose one of: warm, neutral, cold."),
        ({"channel": "fax"}, "Please choose one of:"),
        ({"text": "x" * 5001}, "5000 characters"),
    ],
)
def test_it_refuses_bad_input_kindly(
    owner_client: Any, owner_breakup: Any, change: dict[str, str], message: str
) -> None:
    response = owner_client.post(URL, {**GOOD, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Event.objects.count() == 0


def test_another_user_logs_into_their_own_breakup(
    other_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    other_client.post(URL, GOOD)
    assert Event.objects.get().breakup == other_breakup


def test_it_never_writes_on_get(owner_client: Any, owner_breakup: Any) -> None:
    before = counts()
    owner_client.get(URL, GOOD)
    assert counts() == before
