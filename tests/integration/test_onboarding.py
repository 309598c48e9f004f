"""Onboarding: the breakup profile, asked once, kindly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from nocontact.accounts.models import settings_for
from nocontact.journey.models import Breakup
from tests.conftest import local_today

pytestmark = pytest.mark.django_db

URL = reverse("onboarding")


def valid_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ex_nickname": "Sam",
        "breakup_date": (local_today() - dt.timedelta(days=3)).isoformat(),
        "relationship_months": "26",
        "ended_by": "them",
        "intensity": "1",
        "goal": "reconnect",
        "unsafe": "no",
        "timezone": "America/New_York",
    }
    data.update(overrides)
    return data


def test_it_shows_the_form_to_a_new_user(owner_client: Any) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Their nickname" in page
    assert "no surname, photo or contact details" in page
    assert "Was the relationship abusive, or did you feel unsafe?" in page
    assert 'data-guess-timezone="always"' in page
    assert '<option value="Europe/Berlin" selected>' in page


def test_it_explains_each_level_of_how_it_ended(owner_client: Any) -> None:
    page = owner_client.get(URL).content.decode()
    for words in ("Calm", "Tense", "Heated", "Severe"):
        assert words in page


def test_it_creates_the_breakup_and_opens_the_dashboard(owner_client: Any, owner: Any) -> None:
    response = owner_client.post(URL, valid_post())
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    breakup = Breakup.objects.get(user=owner)
    assert breakup.ex_nickname == "Sam"
    assert breakup.relationship_months == 26
    assert breakup.ended_by == "them"
    assert breakup.intensity == 1
    assert breakup.goal == "reconnect"
    assert breakup.unsafe is False
    assert settings_for(owner).timezone == "America/New_York"


def test_it_sends_a_safety_track_user_to_support_first(owner_client: Any, owner: Any) -> None:
    response = owner_client.post(URL, valid_post(unsafe="yes"))
    assert response.status_code == 302
    assert response.url == reverse("support")
    assert Breakup.objects.get(user=owner).unsafe is True


def test_it_tidies_the_nickname(owner_client: Any, owner: Any) -> None:
    owner_client.post(URL, valid_post(ex_nickname="  Sam   B  "))
    assert Breakup.objects.get(user=owner).ex_nickname == "Sam B"


def test_it_redirects_to_the_dashboard_when_a_breakup_exists(
    owner_client: Any, owner_breakup: Any
) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_it_never_creates_a_second_breakup_on_a_double_submit(
    owner_client: Any, owner: Any
) -> None:
    owner_client.post(URL, valid_post())
    response = owner_client.post(URL, valid_post(ex_nickname="Other"))
    assert response.status_code == 302
    assert Breakup.objects.filter(user=owner).count() == 1
    assert Breakup.objects.get(user=owner).ex_nickname == "Sam"


def test_another_users_breakup_does_not_skip_onboarding(
    owner_client: Any, other_breakup: Any
) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    assert "Alex" not in response.content.decode()


def test_it_sends_anonymous_visitors_to_log_in(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    response = client.post(URL, valid_post())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Breakup.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("breakup_date", (local_today() + dt.timedelta(days=2)).isoformat(), "in the future"),
        ("breakup_date", "1999-01-01", "Please check the year"),
        ("breakup_date", "yesterday", "Please give a date like"),
        ("intensity", "7", "closest to how it ended"),
        ("intensity", "", "closest to how it ended"),
        ("timezone", "Mars/Olympus_Mons", "Please choose your time zone from the list"),
        ("ended_by", "the cat", "Please choose one of the options"),
        ("goal", "revenge", "Please choose one of the options"),
        ("relationship_months", "-3", "whole number of months"),
        ("relationship_months", "5000", "too long"),
        ("ex_nickname", "   ", "even just an initial"),
        ("ex_nickname", "sam@example.org", "A name is enough"),
        ("ex_nickname", "Sam +49 170 1234567", "A name is enough"),
        ("unsafe", "maybe", "Please answer yes or no"),
    ],
)
def test_it_rejects_bad_input_with_a_clear_message(
    owner_client: Any, owner: Any, field: str, value: str, message: str
) -> None:
    response = owner_client.post(URL, valid_post(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Breakup.objects.filter(user=owner).exists()
    assert settings_for(owner).timezone == "Europe/Berlin"


def test_it_keeps_what_was_typed_after_an_error(owner_client: Any) -> None:
    response = owner_client.post(URL, valid_post(intensity="7", ex_nickname="Robin"))
    page = response.content.decode()
    assert 'value="Robin"' in page
    assert 'aria-invalid="true"' in page


def test_it_judges_the_future_in_the_chosen_time_zone(owner_client: Any, owner: Any) -> None:
    # Today in Kiritimati (UTC+14) may be tomorrow in UTC: it is never "the future".
    kiritimati_today = dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()
    response = owner_client.post(
        URL, valid_post(breakup_date=kiritimati_today.isoformat(), timezone="Pacific/Kiritimati")
    )
    assert response.status_code == 302
    assert Breakup.objects.get(user=owner).breakup_date == kiritimati_today


def test_it_only_accepts_post_and_get(owner_client: Any) -> None:
    assert owner_client.delete(URL).status_code == 405


def test_it_keeps_the_chosen_zone_after_an_error(owner_client: Any) -> None:
    response = owner_client.post(URL, valid_post(intensity="7", timezone="Asia/Tokyo"))
    page = response.content.decode()
    assert '<option value="Asia/Tokyo" selected>' in page
    assert 'data-guess-timezone="always"' not in page
