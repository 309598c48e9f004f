"""An event's ``at`` through the API: logged later than it happened, checked like the web's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nocontact.journey.models import Event
from tests.integration.api_helpers import ApiClient, api_for, assert_error
from tests.integration.program_helpers import BERLIN, days_ago

CHECKIN = {"mood": 2, "desperation": 6, "cried": True}


@pytest.fixture
def api(owner: Any, owner_breakup: Any) -> ApiClient:
    return api_for(owner)


def moment(value: dt.datetime) -> dt.datetime:
    return dt.datetime.fromisoformat(value.isoformat())


def test_it_logs_an_urge_resisted_an_hour_ago(api: ApiClient) -> None:
    an_hour_ago = (dt.datetime.now(BERLIN) - dt.timedelta(hours=1)).replace(microsecond=0)
    response = api.post(
        "/events/urge", {"intensity": 7, "outcome": "resisted", "at": an_hour_ago.isoformat()}
    )
    assert response.status_code == 201, response.json()
    assert dt.datetime.fromisoformat(response.json()["at"]) == an_hour_ago
    assert Event.objects.get().at == an_hour_ago


def test_any_offset_rfc_3339_allows_is_kept_as_the_same_moment(api: ApiClient) -> None:
    """PostgreSQL refuses offsets beyond 15:59; the moment is stored on UTC."""
    far_east = dt.timezone(dt.timedelta(hours=18, minutes=25))
    an_hour_ago = (dt.datetime.now(far_east) - dt.timedelta(hours=1)).replace(microsecond=0)
    response = api.post(
        "/events/urge", {"intensity": 3, "outcome": "resisted", "at": an_hour_ago.isoformat()}
    )
    assert response.status_code == 201, response.json()
    assert dt.datetime.fromisoformat(response.json()["at"]) == an_hour_ago
    assert Event.objects.get().at == an_hour_ago


def test_it_logs_last_nights_checkin_behind_todays(api: ApiClient) -> None:
    today = api.post("/events/checkin", CHECKIN).json()
    last_night = days_ago(1, hour=22)
    response = api.post("/events/checkin", {**CHECKIN, "at": last_night.isoformat()})
    assert response.status_code == 201
    listed = api.get("/events?kind=checkin").json()["results"]
    assert [e["id"] for e in listed] == [today["id"], response.json()["id"]]  # newest first
    assert dt.datetime.fromisoformat(listed[1]["at"]) == last_night


def test_a_slip_three_days_ago_counts_three_clean_days_since(api: ApiClient) -> None:
    response = api.post("/events/slip", {"channel": "text", "at": days_ago(3).isoformat()})
    assert response.status_code == 201
    assert api.get("/state").json()["day_count"] == 3


def test_an_urge_that_slipped_earlier_logs_its_slip_at_that_moment(api: ApiClient) -> None:
    earlier = days_ago(2, hour=23)
    response = api.post(
        "/events/urge", {"intensity": 9, "outcome": "slipped", "at": earlier.isoformat()}
    )
    assert response.status_code == 201
    assert {(e.kind, e.at) for e in Event.objects.all()} == {
        ("urge", earlier),
        ("slip", earlier),
    }
    assert api.get("/state").json()["day_count"] == 2


def test_it_reads_z_as_utc(api: ApiClient) -> None:
    at = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=30)).replace(microsecond=0)
    text = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert api.post("/events/ex_contact", {"tone": "warm", "at": text}).status_code == 201
    assert Event.objects.get().at == at


@pytest.mark.parametrize(
    ("at", "words"),
    [
        ("2026-11-22T21:30:00", "time zone offset"),  # naive: whose 21:30?
        ("2026-11-22 21:30", "offset"),
        ("yesterday evening", "ISO 8601"),
        ("2026-11-22T21:30:00+01:00\n", "ISO 8601"),
        ("2026-02-30T10:00:00+01:00", "no such day"),
        (1732300000, ""),  # a number is not a moment
    ],
)
def test_it_refuses_a_moment_it_cannot_read_with_422_and_saves_nothing(
    api: ApiClient, at: Any, words: str
) -> None:
    body = assert_error(api.post("/events/checkin", {**CHECKIN, "at": at}), 422)
    assert words in body["error"]
    assert body["details"][0]["field"] == "at"
    assert not Event.objects.exists()


def test_it_refuses_a_moment_still_ahead_kindly(api: ApiClient) -> None:
    in_an_hour = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    body = assert_error(api.post("/events/slip", {"at": in_an_hour.isoformat()}), 422)
    assert "hasn't come yet" in body["error"]
    assert not Event.objects.exists()


def test_it_forgives_a_clock_a_minute_fast_and_records_now(api: ApiClient) -> None:
    a_minute_ahead = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    response = api.post("/events/checkin", {**CHECKIN, "at": a_minute_ahead.isoformat()})
    assert response.status_code == 201
    assert Event.objects.get().at <= dt.datetime.now(dt.UTC)


def test_it_refuses_a_moment_before_the_breakup_day_on_the_users_clock(
    api: ApiClient, owner_breakup: Any
) -> None:
    day = owner_breakup.breakup_date
    the_evening_before = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(23, 30), BERLIN)
    body = assert_error(api.post("/events/slip", {"at": the_evening_before.isoformat()}), 422)
    assert "before the breakup" in body["error"]
    # Half past midnight in Berlin on the day itself is still the day before in UTC: fine.
    just_after_midnight = dt.datetime.combine(day, dt.time(0, 30), BERLIN)
    utc = just_after_midnight.astimezone(dt.UTC)
    assert utc.date() < day
    assert api.post("/events/slip", {"at": utc.isoformat()}).status_code == 201
    assert Event.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/events/outcome", {"outcome": "moved_on"}),
        ("/events/strategy", {"strategy": "move_on"}),
        ("/events/readiness_answers", {"answers": [4] * 10}),
    ],
)
def test_a_decision_is_logged_as_it_is_made_and_takes_no_at(
    api: ApiClient, path: str, body: dict[str, Any]
) -> None:
    error = assert_error(api.post(path, {**body, "at": days_ago(1).isoformat()}), 422)
    assert error["details"][0]["field"] == "at"
    assert not Event.objects.exists()


def test_the_schema_documents_at_on_the_entries_that_take_it(client: Any) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("CheckinIn", "UrgeIn", "SlipIn", "CheckedOnThemIn", "ExContactIn", "MeetingIn"):
        at = schemas[name]["properties"]["at"]
        text = at["anyOf"][0]
        assert (text["type"], text["format"]) == ("string", "date-time"), name
        assert "offset" in at["description"]
        assert "at" not in schemas[name].get("required", [])
    for name in ("OutcomeIn", "StrategyIn", "AttemptIn", "ReadinessAnswersIn"):
        assert "at" not in schemas[name]["properties"], name
