"""The event log through the API: each kind, its checks, and every guardrail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from nocontact.journey.models import Event
from tests.integration.api_helpers import ApiClient, api_for, assert_error
from tests.integration.program_helpers import add_event, days_ago
from tests.integration.routes_helpers import attempt, ready


@pytest.fixture
def api(owner: Any, owner_breakup: Any) -> ApiClient:
    return api_for(owner)


@pytest.fixture
def open_tools(owner: Any, make_breakup: Callable[..., Any]) -> ApiClient:
    """Ready, with the reconnect strategy: the contact tools are open today."""
    breakup = ready(make_breakup, owner)
    add_event(breakup, "strategy", days_ago(1), strategy="reconnect")
    return api_for(owner)


def test_it_logs_a_checkin_and_lists_it(api: ApiClient) -> None:
    response = api.post("/events/checkin", {"mood": 3, "desperation": 4, "cried": True})
    assert response.status_code == 201
    event = response.json()
    assert (event["kind"], event["mood"], event["cried"]) == ("checkin", 3, True)
    listed = api.get("/events?kind=checkin").json()
    assert listed["count"] == 1
    assert listed["results"][0]["id"] == event["id"]
    assert api.get(f"/events/{event['id']}").json() == event


def test_it_accepts_a_whole_number_written_as_3_point_0(api: ApiClient) -> None:
    response = api.post("/events/checkin", {"mood": 3.0, "desperation": 0, "cried": False})
    assert response.status_code == 201
    assert Event.objects.get().data["mood"] == 3


@pytest.mark.parametrize(
    "body",
    [
        {"mood": 9, "desperation": 4, "cried": True},  # out of the core's range
        {"mood": "3", "desperation": 4, "cried": True},  # a string is not a number
        {"mood": 3, "desperation": 4, "cried": "yes"},
        {"mood": 3, "desperation": 4},  # missing
        {"mood": 3, "desperation": 4, "cried": True, "sleep_hours": True},
        {"mood": 3, "desperation": 4, "cried": True, "colour": "blue"},  # unknown field
        {"mood": 3, "desperation": 4, "cried": True, "note": "nul \x00 here"},
    ],
)
def test_it_refuses_a_bad_checkin_with_422_and_saves_nothing(
    api: ApiClient, body: dict[str, Any]
) -> None:
    error = assert_error(api.post("/events/checkin", body), 422)
    assert error["details"]
    assert error["details"][0]["field"]
    assert not Event.objects.exists()


def test_it_logs_the_slip_of_an_urge_that_slipped(api: ApiClient) -> None:
    response = api.post(
        "/events/urge",
        {"intensity": 8, "outcome": "slipped", "channel": "text", "triggers": ["Late  Night"]},
    )
    assert response.status_code == 201
    assert response.json()["triggers"] == ["late night"]  # normalised by the core
    assert sorted(Event.objects.values_list("kind", flat=True)) == ["slip", "urge"]
    assert api.get("/state").json()["day_count"] == 0


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/events/slip", {"channel": "call"}),
        ("/events/checked_on_them", {"how": "profile"}),
        ("/events/ex_contact", {"channel": "text", "tone": "warm", "text": "hi"}),
        ("/events/readiness_answers", {"answers": [4] * 10}),
        ("/events/strategy", {"strategy": "move_on"}),
        ("/events/signal", {"signal": "short_replies"}),
        ("/events/meeting", {"again_both_sides": True, "feeling": 4}),
        ("/events/outcome", {"outcome": "moved_on"}),
    ],
)
def test_it_logs_each_kind(api: ApiClient, path: str, body: dict[str, Any]) -> None:
    response = api.post(path, body)
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == path.rsplit("/", 1)[-1]


def test_it_pages_the_log(api: ApiClient, owner_breakup: Any) -> None:
    for n in range(55):
        add_event(owner_breakup, "slip", days_ago(n % 10))
    first, second = api.get("/events").json(), api.get("/events?page=2").json()
    assert (first["count"], first["pages"], len(first["results"])) == (55, 2, 50)
    assert len(second["results"]) == 5
    assert api.get("/events?page=3").json()["results"] == []
    assert_error(api.get("/events?page=0"), 422)
    assert_error(api.get("/events?kind=journal"), 422)  # writings have their own resource


def test_it_needs_a_breakup_first(owner: Any) -> None:
    body = assert_error(api_for(owner).post("/events/slip", {}), 409)
    assert "breakup" in body["error"]


# --- Guardrails ---------------------------------------------------------------------


def test_it_refuses_an_attempt_while_the_minimum_is_running(api: ApiClient) -> None:
    body = assert_error(
        api.post("/events/attempt", {"route": "reach_out", "outcome": "neutral"}), 403
    )
    assert body["lock_reason"] == "minimum_not_reached"
    assert not Event.objects.filter(kind="attempt").exists()


def test_it_logs_an_attempt_with_its_signals_when_the_tools_are_open(open_tools: ApiClient) -> None:
    response = open_tools.post(
        "/events/attempt",
        {"route": "reach_out", "outcome": "positive", "signals": ["long_replies"]},
    )
    assert response.status_code == 201, response.json()
    signal = Event.objects.get(kind="signal")
    assert signal.data == {"signal": "long_replies"}
    assert signal.at == Event.objects.get(kind="attempt").at


def test_it_refuses_every_contact_tool_after_asked_no_contact(
    open_tools: ApiClient, owner: Any
) -> None:
    from nocontact.journey import repository

    attempt(repository.active_breakup(owner), "asked_no_contact", 1)
    body = assert_error(
        open_tools.post("/events/attempt", {"route": "reach_out", "outcome": "positive"}), 403
    )
    assert body["lock_reason"] == "asked_no_contact"
    coach = assert_error(open_tools.post("/coach", {"text": "Hey", "route": "first_contact"}), 403)
    assert coach["lock_reason"] == "asked_no_contact"
    assert_error(open_tools.post("/events/outcome", {"outcome": "reunited"}), 403)
    assert open_tools.post("/events/outcome", {"outcome": "moved_on"}).status_code == 201
    assert Event.objects.filter(kind="attempt").count() == 1


def test_it_refuses_a_route_outside_the_strategy_with_409(open_tools: ApiClient) -> None:
    body = {"route": "intent_statement", "outcome": "neutral"}
    assert_error(open_tools.post("/events/attempt", body), 409)


def test_it_takes_the_self_check_once_a_day(api: ApiClient) -> None:
    assert api.post("/events/readiness_answers", {"answers": [3] * 10}).status_code == 201
    assert_error(api.post("/events/readiness_answers", {"answers": [5] * 10}), 409)
    assert_error(api.post("/events/readiness_answers", {"answers": [5] * 9}), 422)


def test_it_refuses_an_unchanged_strategy_with_409(api: ApiClient) -> None:
    assert api.post("/events/strategy", {"strategy": "move_on"}).status_code == 201
    assert_error(api.post("/events/strategy", {"strategy": "move_on"}), 409)


def test_it_keeps_the_safety_track_free_of_contact_tools(
    owner: Any, make_breakup: Callable[..., Any]
) -> None:
    make_breakup(owner, unsafe=True)
    api = api_for(owner)
    for path, body in (
        ("/events/readiness_answers", {"answers": [5] * 10}),
        ("/events/strategy", {"strategy": "reconnect"}),
        ("/events/signal", {"signal": "long_replies"}),
        ("/events/meeting", {"feeling": 3}),
        ("/events/attempt", {"route": "reach_out", "outcome": "positive"}),
        ("/events/outcome", {"outcome": "reunited"}),
    ):
        assert_error(api.post(path, body), 403)
    assert not Event.objects.exists()
    assert (
        api.post("/events/checkin", {"mood": 2, "desperation": 5, "cried": False}).status_code
        == 201
    )
