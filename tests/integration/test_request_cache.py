"""The user's settings are loaded once per request, and never kept past it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nocontact.accounts.models import settings_for

pytestmark = pytest.mark.django_db


def settings_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum('FROM "accounts_usersettings"' in q["sql"] for q in captured)


@pytest.mark.parametrize("name", ["dashboard", "sos", "checkin", "history", "settings"])
def test_it_loads_the_settings_once_per_page(
    owner_client: Any, owner_breakup: Any, name: str
) -> None:
    owner_client.get(reverse(name))
    assert settings_queries(owner_client, reverse(name)) == 1


def test_it_shows_a_new_time_zone_on_the_very_next_page(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    owner_client.get(reverse("dashboard"))
    user_settings = settings_for(owner)
    user_settings.timezone = "Asia/Tokyo"
    user_settings.save()
    page = owner_client.get(reverse("settings")).content.decode()
    assert '<option value="Asia/Tokyo" selected>' in page


def test_it_keeps_nothing_outside_a_request(owner: Any) -> None:
    first = settings_for(owner)
    first.friend_name = "Jo"
    first.save()
    assert settings_for(owner) is not first
    assert settings_for(owner).friend_name == "Jo"
