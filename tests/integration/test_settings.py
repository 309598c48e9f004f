"""Settings: time zone and the "message a friend instead" text."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from nocontact.accounts.models import settings_for

pytestmark = pytest.mark.django_db

URL = reverse("settings")


def valid_post(**overrides: str) -> dict[str, str]:
    data = {
        "timezone": "Asia/Tokyo",
        "friend_name": "Jo",
        "friend_message": "Hey Jo, tough night. Could you call me?",
    }
    data.update(overrides)
    return data


def test_it_shows_the_current_settings(owner: Any, owner_client: Any, owner_breakup: Any) -> None:
    user_settings = settings_for(owner)
    user_settings.friend_name = "Jo"
    user_settings.friend_message = "Could you call me?"
    user_settings.save()
    response = owner_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<option value="Europe/Berlin" selected>' in page
    assert 'value="Jo"' in page
    assert "Could you call me?" in page
    assert reverse("password_change") in page
    assert reverse("profile") in page
    assert 'aria-current="page"' in page


def test_it_saves_with_a_calm_confirmation(owner: Any, owner_client: Any) -> None:
    response = owner_client.post(URL, valid_post())
    assert response.status_code == 302
    assert response.url == URL
    saved = settings_for(owner)
    assert saved.timezone == "Asia/Tokyo"
    assert saved.friend_name == "Jo"
    assert saved.friend_message == "Hey Jo, tough night. Could you call me?"
    assert "Saved. Everything is up to date." in owner_client.get(URL).content.decode()


def test_the_friend_is_optional(owner: Any, owner_client: Any) -> None:
    response = owner_client.post(URL, valid_post(friend_name="", friend_message=""))
    assert response.status_code == 302
    assert settings_for(owner).friend_name == ""


def test_it_accepts_an_older_zone_name(owner: Any, owner_client: Any) -> None:
    assert owner_client.post(URL, valid_post(timezone="US/Eastern")).status_code == 302
    assert settings_for(owner).timezone == "US/Eastern"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("timezone", "Atlantis/Capital", "Please choose your time zone from the list."),
        ("timezone", "", "Please choose your time zone from the list."),
        ("friend_name", "x" * 61, "under 60 characters"),
        ("friend_message", "x" * 1001, "under 1000 characters"),
    ],
)
def test_it_rejects_bad_input_and_changes_nothing(
    owner: Any, owner_client: Any, field: str, value: str, message: str
) -> None:
    response = owner_client.post(URL, valid_post(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    saved = settings_for(owner)
    assert (saved.timezone, saved.friend_name, saved.friend_message) == ("Europe/Berlin", "", "")


def test_it_works_before_onboarding(owner_client: Any) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    assert reverse("profile") not in response.content.decode()


def test_it_changes_only_the_users_own_settings(owner: Any, other: Any, other_client: Any) -> None:
    other_client.post(URL, valid_post(friend_name="Kim"))
    assert settings_for(other).friend_name == "Kim"
    assert settings_for(owner).friend_name == ""
    assert settings_for(owner).timezone == "Europe/Berlin"


def test_it_never_shows_another_users_friend(owner: Any, other_client: Any) -> None:
    user_settings = settings_for(owner)
    user_settings.friend_name = "Jo"
    user_settings.save()
    assert 'value="Jo"' not in other_client.get(URL).content.decode()


def test_it_sends_anonymous_visitors_to_log_in(client: Any, owner: Any) -> None:
    for response in (client.get(URL), client.post(URL, valid_post())):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert settings_for(owner).timezone == "Europe/Berlin"
