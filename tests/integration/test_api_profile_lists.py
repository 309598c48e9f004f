"""Occasions, hard dates and items left behind through the API: the profile page's lists."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from nocontact.journey.models import ItemLeft, Occasion
from tests.integration.api_helpers import ROOT, ApiClient, api_for, assert_error


@pytest.fixture
def api(owner: Any, owner_breakup: Any) -> ApiClient:
    return api_for(owner)


def test_an_occasion_added_shows_in_the_breakup_and_goes_when_deleted(api: ApiClient) -> None:
    response = api.post("/breakup/occasions", {"name": "Their  birthday ", "date": "2027-03-14"})
    assert response.status_code == 201, response.json()
    occasion = response.json()
    assert (occasion["name"], occasion["date"]) == ("Their birthday", "2027-03-14")
    assert api.get("/breakup").json()["occasions"] == [occasion]
    assert api.get("/breakup/occasions").json() == [occasion]
    assert api.get(f"/breakup/occasions/{occasion['id']}").json() == occasion
    assert api.delete(f"/breakup/occasions/{occasion['id']}").status_code == 204
    assert api.get("/breakup").json()["occasions"] == []
    assert_error(api.get(f"/breakup/occasions/{occasion['id']}"), 404)


def test_hard_dates_keep_their_plan_and_come_in_calendar_order(api: ApiClient) -> None:
    later = api.post("/breakup/hard_dates", {"name": "New Year's Eve", "date": "2026-12-31"})
    sooner = api.post(
        "/breakup/hard_dates",
        {"name": "Our 5th anniversary", "date": "2026-12-05", "coping_plan": "Dinner with Mia."},
    )
    assert (later.status_code, sooner.status_code) == (201, 201)
    listed = api.get("/breakup/hard_dates").json()
    assert [d["name"] for d in listed] == ["Our 5th anniversary", "New Year's Eve"]
    assert listed[0]["coping_plan"] == "Dinner with Mia."
    assert listed[1]["coping_plan"] == ""
    assert api.get("/breakup").json()["hard_dates"] == listed
    assert api.get("/breakup/occasions").json() == []  # a hard date is not an occasion of theirs


def test_items_left_are_listed_and_deleted(api: ApiClient) -> None:
    guitar = api.post("/breakup/items_left", {"name": "My guitar", "substantial": True}).json()
    brush = api.post("/breakup/items_left", {"name": "A toothbrush"}).json()
    assert (guitar["substantial"], brush["substantial"]) == (True, False)
    assert api.get("/breakup").json()["items_left"] == [guitar, brush]
    assert api.delete(f"/breakup/items_left/{brush['id']}").status_code == 204
    assert api.get("/breakup/items_left").json() == [guitar]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/breakup/occasions", {"name": "mail me at sam@example", "date": "2027-03-14"}, "name"),
        ("/breakup/occasions", {"name": "see www.sam.example", "date": "2027-03-14"}, "name"),
        ("/breakup/occasions", {"name": "x" * 121, "date": "2027-03-14"}, "name"),
        ("/breakup/occasions", {"name": "   ", "date": "2027-03-14"}, "name"),
        ("/breakup/occasions", {"date": "2027-03-14"}, "name"),
        ("/breakup/occasions", {"name": "Birthday", "date": "1899-12-31"}, "date"),
        ("/breakup/occasions", {"name": "Birthday", "date": "2027-02-30"}, "date"),
        ("/breakup/occasions", {"name": "Birthday", "date": "14/03/2027"}, "date"),
        (
            "/breakup/occasions",
            {"name": "Birthday", "date": "2027-03-14", "coping_plan": ""},
            "coping_plan",
        ),
        (
            "/breakup/hard_dates",
            {"name": "Day", "date": "2027-03-14", "coping_plan": "x" * 2001},
            "coping_plan",
        ),
        ("/breakup/items_left", {"name": "https://sam.example/jumper"}, "name"),
        ("/breakup/items_left", {"name": "Jumper", "substantial": "yes"}, "substantial"),
        ("/breakup/items_left", {"name": "Jumper", "where": "their flat"}, "where"),
    ],
)
def test_it_refuses_what_the_profile_page_refuses_with_422(
    api: ApiClient, path: str, body: dict[str, Any], field: str
) -> None:
    error = assert_error(api.post(path, body), 422)
    assert error["details"]
    assert field in error["details"][0]["field"]
    assert not Occasion.objects.exists()
    assert not ItemLeft.objects.exists()


def test_it_refuses_a_character_the_database_cannot_store(api: ApiClient) -> None:
    raw = '{"name": "Birthday \\ud800", "date": "2027-03-14"}'  # a lone surrogate
    response = api.client.post(
        ROOT + "/breakup/occasions",
        data=raw,
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert assert_error(response, 422)["details"][0]["field"] == "name"
    assert json.loads(raw)["name"].endswith("\ud800")
    assert not Occasion.objects.exists()


def test_another_users_rows_answer_404_and_stay(
    owner: Any, owner_breakup: Any, other: Any, other_breakup: Any
) -> None:
    mine = api_for(owner)
    occasion = mine.post("/breakup/occasions", {"name": "Birthday", "date": "2027-03-14"}).json()
    hard = mine.post("/breakup/hard_dates", {"name": "Anniversary", "date": "2027-05-01"}).json()
    item = mine.post("/breakup/items_left", {"name": "Passport", "substantial": True}).json()
    theirs = api_for(other)
    for path in (
        f"/breakup/occasions/{occasion['id']}",
        f"/breakup/hard_dates/{hard['id']}",
        f"/breakup/items_left/{item['id']}",
    ):
        for response in (theirs.get(path), theirs.delete(path)):
            body = assert_error(response, 404)
            assert "Birthday" not in str(body)
    assert theirs.get("/breakup/occasions").json() == []
    assert theirs.get("/breakup/items_left").json() == []
    assert Occasion.objects.count() == 2
    assert ItemLeft.objects.count() == 1
    # Nor does a hard date answer as an occasion, or the other way round.
    assert_error(mine.delete(f"/breakup/occasions/{hard['id']}"), 404)
    assert_error(mine.get(f"/breakup/hard_dates/{occasion['id']}"), 404)
    assert Occasion.objects.count() == 2


def test_the_safety_track_keeps_hard_dates_but_no_occasions_or_items(
    owner: Any, make_breakup: Callable[..., Any]
) -> None:
    make_breakup(owner, unsafe=True)
    api = api_for(owner)
    for path, body in (
        ("/breakup/occasions", {"name": "Birthday", "date": "2027-03-14"}),
        ("/breakup/items_left", {"name": "Passport", "substantial": True}),
    ):
        error = assert_error(api.post(path, body), 403)
        assert error["lock_reason"] == "safety_track"
    assert not Occasion.objects.exists()
    assert not ItemLeft.objects.exists()
    hard = api.post("/breakup/hard_dates", {"name": "Anniversary", "date": "2027-05-01"})
    assert hard.status_code == 201
    assert [d["name"] for d in api.get("/breakup").json()["hard_dates"]] == ["Anniversary"]


def test_it_needs_a_breakup_first(owner: Any) -> None:
    api = api_for(owner)
    assert_error(api.get("/breakup/occasions"), 409)
    assert_error(api.post("/breakup/items_left", {"name": "Jumper"}), 409)
