from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from nocontact.journey.models import Event
from tests.integration.program_helpers import (
    assert_login_redirect,
    assert_onboarding_redirect,
    counts,
)

pytestmark = pytest.mark.django_db
URL = reverse("checkin")
GOOD = {
    "mood": "2",
    "desperation": "6",
    "cried": "yes",
    "sleep_hours": "6.5",
    "control": "3",
    "note": "Hard morning.",
}


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "checkin")
    assert_login_redirect(client.post(URL, GOOD), "checkin")
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(URL))
    assert_onboarding_redirect(owner_client.post(URL, GOOD))
    assert Event.objects.count() == 0


def test_it_shows_the_form(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("mood", "desperation", "cried", "sleep_hours", "control", "note"):
        assert f'name="{name}"' in html
    assert 'min="0" max="10"' in html


def test_it_saves_a_checkin(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    event = Event.objects.get()
    assert event.breakup == owner_breakup
    assert event.kind == "checkin"
    assert event.data == {
        "mood": 2,
        "desperation": 6,
        "cried": True,
        "sleep_hours": 6.5,
        "control": 3,
        "note": "Hard morning.",
    }


def test_it_marks_today_as_done_on_the_dashboard(owner_client: Any, owner_breakup: Any) -> None:
    owner_client.post(URL, GOOD)
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "Done for today" in html
    assert "Checked in. Thank you" in html


def test_it_keeps_optional_fields_optional(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, {"mood": "4", "desperation": "0", "cried": "no"})
    assert response.status_code == 302
    assert Event.objects.get().data == {"mood": 4, "desperation": 0, "cried": False}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("mood", "9", "Please give a whole number from 1 to 5."),
        ("desperation", "11", "Please give a whole number from 0 to 10."),
        ("desperation", "a lot", "Please give a whole number from 0 to 10."),
        ("sleep_hours", "30", "Please give a number from 0 to 24."),
        ("control", "0", "Please give a whole number from 1 to 5."),
        ("cried", "maybe", "Please answer yes or no."),
    ],
)
def test_it_refuses_bad_input_kindly(
    owner_client: Any, owner_breakup: Any, field: str, value: str, message: str
) -> None:
    response = owner_client.post(URL, {**GOOD, field: value})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert Event.objects.count() == 0
    # What the user typed is still there.
    assert "Hard morning." in html


def test_it_asks_for_the_mood(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, {"desperation": "3", "cried": "no"})
    assert response.status_code == 400
    assert Event.objects.count() == 0


def test_it_saves_another_users_checkin_in_their_own_breakup(
    other_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    other_client.post(URL, GOOD)
    assert Event.objects.get().breakup == other_breakup
    assert not owner_breakup.events.exists()


def test_it_never_writes_on_get(owner_client: Any, owner_breakup: Any) -> None:
    before = counts()
    owner_client.get(URL, GOOD)
    assert counts() == before
