"""Another user's data answers 404 through the API, exactly like a missing object."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from nocontact.journey import repository
from nocontact.journey.models import Writing
from tests.integration.api_helpers import api_for, assert_error


def test_it_answers_404_for_another_users_writing_and_changes_nothing(
    owner: Any, owner_breakup: Any, other: Any, other_breakup: Any
) -> None:
    mine = Writing.objects.create(
        breakup=owner_breakup, kind="journal", text="owner's own words", at=timezone.now()
    )
    theirs = api_for(other)
    for response in (
        theirs.get(f"/writings/{mine.pk}"),
        theirs.patch(f"/writings/{mine.pk}", {"text": "taken over"}),
        theirs.delete(f"/writings/{mine.pk}"),
        theirs.get("/writings/987654321"),
    ):
        body = assert_error(response, 404)
        assert "owner's own words" not in str(body)
    mine.refresh_from_db()
    assert mine.text == "owner's own words"


def test_it_answers_404_for_another_users_event(
    owner: Any, owner_breakup: Any, other: Any, other_breakup: Any
) -> None:
    event = repository.record_event(
        owner_breakup, "checkin", {"mood": 2, "desperation": 3, "cried": False, "note": "private"}
    )
    assert_error(api_for(other).get(f"/events/{event.pk}"), 404)
    assert api_for(owner).get(f"/events/{event.pk}").json()["note"] == "private"


def test_it_lists_only_the_users_own_data(
    owner: Any, owner_breakup: Any, other: Any, other_breakup: Any
) -> None:
    Writing.objects.create(breakup=owner_breakup, kind="journal", text="mine", at=timezone.now())
    repository.record_event(owner_breakup, "slip", {})
    theirs = api_for(other)
    assert theirs.get("/writings").json()["count"] == 0
    assert theirs.get("/events").json()["count"] == 0
    assert theirs.get("/breakup").json()["ex_nickname"] == "Alex"
    export = theirs.get("/export").json()
    assert [b["ex_nickname"] for b in export["breakups"]] == ["Alex"]
