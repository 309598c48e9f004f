"""API tokens: bearer only, hashed at rest, revocable; every error is JSON."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.test import Client

from nocontact.api.models import ApiToken
from nocontact.api.tokens import create_token, revoke_token
from tests.integration.api_helpers import ROOT, ApiClient, api_for, assert_error


@pytest.fixture
def api(owner: Any, owner_breakup: Any) -> ApiClient:
    return api_for(owner)


def test_it_answers_a_valid_token(api: ApiClient) -> None:
    response = api.get("/state")
    assert response.status_code == 200
    assert response.json()["phase"] == "no_contact"


def test_it_refuses_a_missing_token_with_json_401(client: Client, owner_breakup: Any) -> None:
    body = assert_error(client.get(f"{ROOT}/state"), 401)
    assert "Bearer" in body["error"]


def test_it_refuses_a_wrong_token(client: Client, owner_breakup: Any) -> None:
    response = client.get(f"{ROOT}/state", headers={"Authorization": "Bearer nc_not-a-token"})
    assert_error(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_a_revoked_token(owner: Any, owner_breakup: Any) -> None:
    api = api_for(owner)
    token = ApiToken.objects.get(user=owner)
    assert revoke_token(owner, token.pk)
    assert_error(api.get("/state"), 401)


def test_it_does_not_accept_a_session_instead_of_a_token(owner_client: Client) -> None:
    # A signed-in browser is no credential here: no cookie auth, so no CSRF to forge.
    assert_error(owner_client.get(f"{ROOT}/state"), 401)
    assert_error(owner_client.post(f"{ROOT}/events/checkin", {}), 401)


def test_it_stores_only_the_hash_of_a_token(owner: Any) -> None:
    token, raw = create_token(owner, "laptop")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert raw.startswith("nc_")
    assert len(raw) > 40


def test_it_notes_when_a_token_was_last_used(api: ApiClient, owner: Any) -> None:
    assert ApiToken.objects.get(user=owner).last_used_at is None
    api.get("/state")
    assert ApiToken.objects.get(user=owner).last_used_at is not None


def test_it_refuses_the_token_of_a_deactivated_user(api: ApiClient, owner: Any) -> None:
    owner.is_active = False
    owner.save()
    assert_error(api.get("/state"), 401)


def test_it_answers_json_404_for_unknown_addresses(api: ApiClient) -> None:
    for path in ("/nothing-here", "/events/abc", "/", "/writings/1/extra"):
        response = api.get(path)
        assert_error(response, 404)
        assert "no-store" in response["Cache-Control"]


def test_it_answers_json_405_with_allow_for_a_method_not_taken(api: ApiClient) -> None:
    response = api.call("put", "/state")
    assert_error(response, 405)
    assert response["Allow"] == "GET"


def test_it_answers_json_400_for_a_body_that_is_not_json(api: ApiClient) -> None:
    response = api.client.post(
        f"{ROOT}/events/checkin",
        data="{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert_error(response, 400)


def test_it_answers_json_500_when_something_breaks(
    api: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nocontact.journey import repository

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(repository, "program_state", broken)
    body = assert_error(api.get("/state"), 500)
    assert "boom" not in body["error"]
