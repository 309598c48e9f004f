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
URL = reverse("urge")
GOOD = {
    "intensity": "7",
    "triggers": ["lonely", "late night"],
    "channel": "text",
    "outcome": "resisted",
}


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "urge")
    assert_login_redirect(client.post(URL, GOOD), "urge")
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.post(URL, GOOD))
    assert Event.objects.count() == 0


def test_it_offers_the_suggested_triggers(owner_client: Any, owner_breakup: Any) -> None:
    html = owner_client.get(URL).content.decode()
    assert 'value="late night"' in html
    assert 'name="other_trigger"' in html
    assert 'value="in_person"' in html


def test_it_logs_a_resisted_urge(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(
        URL, {**GOOD, "other_trigger": "  Rainy  Sunday ", "note": "Went for a walk."}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    event = Event.objects.get()
    assert event.kind == "urge"
    assert event.breakup == owner_breakup
    assert event.data["triggers"] == ["lonely", "late night", "rainy sunday"]
    assert event.data["outcome"] == "resisted"
    assert event.data["intensity"] == 7
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "well done" in html
    assert "intensity 7 of 10" in html


def test_it_thanks_someone_coming_from_sos(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, {**GOOD, "from": "sos"}, follow=True)
    assert "You rode the wave and it passed" in response.content.decode()


def test_a_slipped_urge_also_records_a_slip(owner_client: Any, owner_breakup: Any) -> None:
    before = repository.program_state(owner_breakup)
    response = owner_client.post(URL, {**GOOD, "outcome": "slipped", "note": "I feel raw."})
    assert response.status_code == 302
    assert response["Location"] == reverse("slip") + "?kept=1"
    slip, urge = Event.objects.order_by("kind")
    assert (slip.kind, urge.kind) == ("slip", "urge")
    assert slip.at == urge.at
    assert slip.data == {"channel": "text", "note": "I feel raw."}
    page = owner_client.get(response["Location"]).content.decode()
    assert "Thank you for being honest" in page
    assert f"<strong>{before.longest_streak} days</strong> <span>longest streak" in page
    assert "Day 0" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"intensity": "11"}, "Please give a whole number from 1 to 10."),
        ({"intensity": "0"}, "Please give a whole number from 1 to 10."),
        ({"outcome": "maybe"}, "Please choose one of: resisted, slipped."),
        ({"channel": "carrier pigeon"}, "Please choose one of:"),
        ({"other_trigger": "x" * 41}, "at most 40 characters"),
    ],
)
def test_it_refuses_bad_input_kindly(
    owner_client: Any, owner_breakup: Any, change: dict[str, str], message: str
) -> None:
    response = owner_client.post(URL, {**GOOD, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Event.objects.count() == 0


def test_it_refuses_an_unknown_suggested_trigger(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, {**GOOD, "triggers": ["not a choice"]})
    assert response.status_code == 400
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
