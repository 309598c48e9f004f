"""The JSON API and encryption at rest: a token carries no passphrase, so the API
neither opens nor seals the words of an account that encrypts them. It says so with
a 403, never writes plain text, never hands out ciphertext, and the rest keeps working."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from nocontact.accounts import vault
from nocontact.journey import repository
from nocontact.journey.models import Event, Writing
from tests.integration.api_helpers import ApiClient, api_for, assert_error
from tests.integration.encryption_helpers import MARKER, cheap_kdf, turn_on

__all__ = ["cheap_kdf"]  # the fixture, used by every test here


@pytest.fixture
def api(owner: Any, owner_client: Any, owner_breakup: Any) -> ApiClient:
    Writing.objects.create(
        breakup=owner_breakup, kind="journal", text=f"{MARKER} journal", at=timezone.now()
    )
    repository.record_event(
        owner_breakup, "checkin", {"mood": 2, "desperation": 5, "cried": False, "note": MARKER}
    )
    turn_on(owner_client)
    return api_for(owner)


def sealed_rows() -> tuple[list[str], list[Any]]:
    texts = list(Writing.objects.values_list("text", flat=True))
    notes = [data.get("note") for data in Event.objects.values_list("data", flat=True)]
    return texts, notes


def test_it_refuses_to_read_or_write_encrypted_words(api: ApiClient) -> None:
    writing_id = Writing.objects.get().pk
    for response in (
        api.get("/writings"),
        api.get(f"/writings/{writing_id}"),
        api.post("/writings", {"kind": "journal", "text": "new words"}),
        api.patch(f"/writings/{writing_id}", {"text": "plain words"}),
        api.delete(f"/writings/{writing_id}"),
        api.get("/export"),
    ):
        body = assert_error(response, 403)
        assert "encrypted" in body["error"]
        assert MARKER not in response.content.decode()
    assert Writing.objects.count() == 1
    texts, _notes = sealed_rows()
    assert all(vault.is_sealed(text) for text in texts)


def test_it_refuses_a_new_note_and_saves_nothing(api: ApiClient) -> None:
    before = Event.objects.count()
    response = api.post(
        "/events/checkin", {"mood": 3, "desperation": 2, "cried": False, "note": "plain note"}
    )
    assert_error(response, 403)
    assert Event.objects.count() == before
    assert "plain note" not in str(list(Event.objects.values_list("data", flat=True)))


def test_it_keeps_logging_and_listing_without_words(api: ApiClient) -> None:
    response = api.post("/events/checkin", {"mood": 3, "desperation": 2, "cried": False})
    assert response.status_code == 201, response.content[:300]
    listed = api.get("/events")
    assert listed.status_code == 200
    page = listed.content.decode()
    assert MARKER not in page
    assert "nc1:" not in page  # no ciphertext handed out either
    assert api.get("/state").status_code == 200
