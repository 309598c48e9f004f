"""Journal entries and unsent letters through the API: list, write, read, edit, delete."""

from __future__ import annotations

from typing import Any

import pytest

from nocontact.journey.models import Writing
from tests.integration.api_helpers import ApiClient, api_for, assert_error


@pytest.fixture
def api(owner: Any, owner_breakup: Any) -> ApiClient:
    return api_for(owner)


def test_it_writes_reads_edits_and_deletes_a_journal_entry(api: ApiClient) -> None:
    created = api.post("/writings", {"kind": "journal", "text": "A quiet evening."})
    assert created.status_code == 201
    entry = created.json()
    assert entry["crisis_resources"] == []
    assert api.get(f"/writings/{entry['id']}").json()["text"] == "A quiet evening."

    edited = api.patch(f"/writings/{entry['id']}", {"text": "A quiet, good evening."})
    assert edited.json()["text"] == "A quiet, good evening."
    assert Writing.objects.get().text == "A quiet, good evening."

    assert api.delete(f"/writings/{entry['id']}").status_code == 204
    assert not Writing.objects.exists()
    assert_error(api.get(f"/writings/{entry['id']}"), 404)


def test_it_keeps_a_letter_unsent_and_lists_by_kind(api: ApiClient) -> None:
    api.post("/writings", {"kind": "unsent_letter", "text": "Dear Sam"})
    api.post("/writings", {"kind": "journal", "text": "Today"})
    letters = api.get("/writings?kind=unsent_letter").json()
    assert letters["count"] == 1
    assert letters["results"][0]["kind"] == "unsent_letter"
    assert api.get("/writings").json()["count"] == 2


def test_it_saves_words_of_self_harm_and_brings_the_crisis_resources(api: ApiClient) -> None:
    response = api.post("/writings", {"kind": "journal", "text": "I want to die tonight"})
    assert response.status_code == 201
    resources = response.json()["crisis_resources"]
    assert resources
    assert "emergency" in resources[0]["name"].lower()
    assert Writing.objects.count() == 1  # saved all the same


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "journal", "text": "   "},
        {"kind": "journal", "text": ""},
        {"kind": "checkin", "text": "hello"},
        {"kind": "journal"},
        {"kind": "journal", "text": "x" * 50_001},
        {"kind": "journal", "text": "ok", "at": "2020-01-01T00:00:00Z"},
    ],
)
def test_it_refuses_bad_writings_with_422(api: ApiClient, body: dict[str, Any]) -> None:
    assert_error(api.post("/writings", body), 422)
    assert not Writing.objects.exists()


def test_it_refuses_an_empty_edit_and_keeps_the_text(api: ApiClient) -> None:
    entry = api.post("/writings", {"kind": "journal", "text": "Kept"}).json()
    assert_error(api.patch(f"/writings/{entry['id']}", {"text": " "}), 422)
    assert Writing.objects.get().text == "Kept"
