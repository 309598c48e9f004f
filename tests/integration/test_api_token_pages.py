"""The API token pages in the settings: owner, another user, anonymous."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from nocontact.api.models import ApiToken
from nocontact.api.tokens import create_token
from tests.integration.api_helpers import ROOT


def test_it_links_the_token_page_from_the_settings(owner_client: Client) -> None:
    html = owner_client.get(reverse("settings")).content.decode()
    assert reverse("api_tokens") in html


def test_it_shows_a_new_token_once_and_stores_only_its_hash(
    owner_client: Client, owner: Any
) -> None:
    response = owner_client.post(reverse("api_tokens"), {"name": "my laptop"})
    assert response.status_code == 200
    shown = re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode())
    assert shown is not None
    raw = shown.group(1)
    token = ApiToken.objects.get(user=owner)
    assert token.name == "my laptop"
    assert raw not in token.token_hash
    again = owner_client.get(reverse("api_tokens")).content.decode()
    assert raw not in again
    assert "my laptop" in again
    assert "never used" in again
    used = Client().get(f"{ROOT}/export", headers={"Authorization": f"Bearer {raw}"})
    assert used.status_code == 200


def test_it_asks_for_a_name(owner_client: Client) -> None:
    response = owner_client.post(reverse("api_tokens"), {"name": "  "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token(owner_client: Client, owner: Any) -> None:
    token, raw = create_token(owner, "old script")
    response = owner_client.post(reverse("revoke_api_token", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    refused = Client().get(f"{ROOT}/export", headers={"Authorization": f"Bearer {raw}"})
    assert refused.status_code == 401


def test_it_does_not_show_or_revoke_another_users_token(owner: Any, other_client: Client) -> None:
    token, _raw = create_token(owner, "owner's script")
    assert "owner&#x27;s script" not in other_client.get(reverse("api_tokens")).content.decode()
    response = other_client.post(reverse("revoke_api_token", kwargs={"pk": token.pk}))
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_it_sends_anonymous_to_login(client: Client, owner: Any) -> None:
    token, _raw = create_token(owner, "script")
    for response in (
        client.get(reverse("api_tokens")),
        client.post(reverse("api_tokens"), {"name": "x"}),
        client.post(reverse("revoke_api_token", kwargs={"pk": token.pk})),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert ApiToken.objects.count() == 1
