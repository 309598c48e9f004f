"""The support page: people who can help, and the safety track explained."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from nocontact.accounts.models import settings_for

pytestmark = pytest.mark.django_db

URL = reverse("support")


def test_it_lists_the_configured_resources(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    for resource in settings.CRISIS_RESOURCES:
        assert resource["name"] in page
    assert "You don't have to do this alone" in page


def test_it_follows_the_configured_list(
    owner_client: Any, owner_breakup: Any, settings: Any
) -> None:
    settings.CRISIS_RESOURCES = [{"name": "Harbour Line", "detail": "Call 0800 000 000."}]
    page = html.unescape(owner_client.get(URL).content.decode())
    assert "Harbour Line" in page
    assert "Find a Helpline" not in page


def test_it_explains_the_safety_track(owner: Any, owner_client: Any, make_breakup: Any) -> None:
    make_breakup(owner, unsafe=True)
    page = html.unescape(owner_client.get(URL).content.decode())
    assert "No Contact, for your safety" in page
    assert "not a tactic" in page
    assert "won't offer any tools to reconnect" in page


def test_it_keeps_the_safety_words_for_the_safety_track(
    owner_client: Any, owner_breakup: Any
) -> None:
    assert "not a tactic" not in html.unescape(owner_client.get(URL).content.decode())


def test_it_is_open_to_a_user_still_setting_up(owner_client: Any) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    assert reverse("onboarding") in response.content.decode()


def test_it_names_the_users_trusted_friend(owner: Any, owner_client: Any) -> None:
    user_settings = settings_for(owner)
    user_settings.friend_name = "Jo"
    user_settings.save()
    assert "Your friend Jo" in html.unescape(owner_client.get(URL).content.decode())


def test_it_never_shows_another_users_situation(
    owner_client: Any, owner_breakup: Any, other: Any, make_breakup: Any
) -> None:
    make_breakup(other, unsafe=True)
    settings_of_other = settings_for(other)
    settings_of_other.friend_name = "Kim"
    settings_of_other.save()
    page = html.unescape(owner_client.get(URL).content.decode())
    assert "not a tactic" not in page
    assert "Kim" not in page


def test_it_sends_anonymous_visitors_to_log_in(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_changes_nothing(owner_client: Any, owner_breakup: Any) -> None:
    assert owner_client.post(URL).status_code == 405
