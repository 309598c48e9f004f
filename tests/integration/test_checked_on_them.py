from __future__ import annotations

import datetime as dt
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
URL = reverse("checked_on_them")


def test_it_sends_anonymous_to_login(client: Any) -> None:
    assert_login_redirect(client.get(URL), "checked_on_them")
    assert_login_redirect(client.post(URL, {"how": "profile"}), "checked_on_them")
    assert Event.objects.count() == 0


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.post(URL, {"how": "profile"}))
    assert Event.objects.count() == 0


def test_it_explains_what_it_does_to_the_count(owner_client: Any, owner_breakup: Any) -> None:
    html = owner_client.get(URL).content.decode()
    assert "does not restart your day count" in html
    assert "dent your strength" in html
    assert 'value="mutual_friends"' in html


def test_it_logs_it_without_restarting_the_count(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, {"how": "profile", "note": "Saw their new photos."})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    event = Event.objects.get()
    assert event.kind == "checked_on_them"
    assert event.data == {"how": "profile", "note": "Saw their new photos."}
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "Your day count keeps going" in html
    assert "Day 12<" in html


def test_it_dents_strength_but_keeps_the_count(
    owner_client: Any, owner: Any, owner_breakup: Any
) -> None:
    # Today's strength covers the days up to yesterday; tomorrow's includes today.
    tomorrow = repository.today_for(owner) + dt.timedelta(days=1)
    before = repository.program_state(owner_breakup, today=tomorrow)
    owner_client.post(URL, {"how": "other"})
    after = repository.program_state(owner_breakup, today=tomorrow)
    assert after.day_count == before.day_count
    assert after.longest_streak == before.longest_streak
    assert 0 < after.strength < before.strength


def test_it_refuses_bad_input_kindly(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(URL, {"how": "followed them"})
    assert response.status_code == 400
    assert "Please choose one of: profile, mutual_friends, other." in response.content.decode()
    assert Event.objects.count() == 0


def test_another_user_logs_into_their_own_breakup(
    other_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    other_client.post(URL, {"how": "profile"})
    assert Event.objects.get().breakup == other_breakup


def test_it_never_writes_on_get(owner_client: Any, owner_breakup: Any) -> None:
    before = counts()
    owner_client.get(URL, {"how": "profile"})
    assert counts() == before
