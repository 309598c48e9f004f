"""The breakup, the state, the coach and the export through the API."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest

from nocontact.cli.base import Output
from nocontact.cli.main import run
from nocontact.core.coach import analyse
from nocontact.journey import portability, repository
from nocontact.journey.models import Breakup
from tests.conftest import local_today
from tests.integration.api_helpers import ApiClient, api_for, assert_error


@pytest.fixture
def api(owner: Any, owner_breakup: Any) -> ApiClient:
    return api_for(owner)


NEW = {
    "ex_nickname": "Robin",
    "breakup_date": (local_today() - dt.timedelta(days=3)).isoformat(),
    "relationship_months": 14,
    "ended_by": "mutual",
    "intensity": 2,
    "goal": "unsure",
}


def test_it_creates_a_breakup_only_when_there_is_none(owner: Any) -> None:
    api = api_for(owner)
    assert_error(api.get("/breakup"), 404)
    created = api.post("/breakup", NEW)
    assert created.status_code == 201
    assert created.json()["ex_nickname"] == "Robin"
    assert api.get("/breakup").json()["id"] == created.json()["id"]
    assert_error(api.post("/breakup", NEW), 409)
    assert Breakup.objects.filter(user=owner).count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("breakup_date", (local_today() + dt.timedelta(days=2)).isoformat()),
        ("breakup_date", "2001-01-01"),
        ("ex_nickname", "sam@example.org"),
        ("ex_nickname", "Sam 0176 1234567"),
        ("intensity", 4),
        ("goal", "revenge"),
    ],
)
def test_it_checks_a_new_breakup_like_the_profile_form(owner: Any, field: str, value: Any) -> None:
    error = assert_error(api_for(owner).post("/breakup", {**NEW, field: value}), 422)
    assert error["details"][0]["field"] == field
    assert not Breakup.objects.exists()


def test_it_updates_the_profile_and_keeps_what_is_left_out(api: ApiClient) -> None:
    response = api.patch("/breakup", {"goal": "move_on", "intensity": 3})
    assert response.status_code == 200
    body = response.json()
    assert (body["goal"], body["intensity"], body["ex_nickname"]) == ("move_on", 3, "Sam")
    assert api.get("/state").json()["minimum_days"] == 30 + 7 + 21
    assert_error(api.patch("/breakup", {"ex_nickname": "www.sam.com"}), 422)
    assert_error(api.patch("/breakup", {"unsafe": False}), 422)  # changed on the web only


def test_it_gives_the_same_state_as_the_cli(api: ApiClient, owner: Any, tmp_path: Any) -> None:
    api.post("/events/slip", {"channel": "text"})
    state = api.get("/state").json()
    export = tmp_path / "export.json"
    export.write_text(json.dumps(api.get("/export").json()))
    breakup = repository.active_breakup(owner)
    assert breakup is not None
    today = repository.today_for(owner).isoformat()
    stdout = io.StringIO()
    argv = ["state", "--input", str(export), "--today", today, "--breakup", str(breakup.pk)]
    code = run([*argv, "--json"], Output(stdout, io.StringIO(), None))
    assert code == 0
    assert json.loads(stdout.getvalue()) == state


def test_it_refuses_the_coach_while_contact_tools_are_closed(api: ApiClient) -> None:
    body = assert_error(api.post("/coach", {"text": "Hi, how are you?", "route": "reply"}), 403)
    assert body["lock_reason"] == "minimum_not_reached"


def test_it_reads_an_unsent_letter_under_the_soft_lock(api: ApiClient) -> None:
    draft = "I miss you so much, please come back"
    response = api.post(
        "/coach", {"text": draft, "route": "first_contact", "letter": True, "send_at": "12:00"}
    )
    assert response.status_code == 200
    body = response.json()
    expected = analyse(draft, "first_contact", send_at=dt.time(12, 0)).to_json()
    assert body["score"] == expected["score"]
    assert [f["code"] for f in body["flags"]] == [f["code"] for f in expected["flags"]]
    assert body["stop_coaching"] is False


def test_it_stops_coaching_and_shows_crisis_resources_for_self_harm(api: ApiClient) -> None:
    response = api.post("/coach", {"text": "I want to kill myself", "route": "reply"})
    assert response.status_code == 200  # whatever the lock: support comes first
    body = response.json()
    assert body["stop_coaching"] is True
    assert [f["code"] for f in body["flags"]] == ["self_harm"]
    assert body["crisis_resources"]


def test_it_refuses_a_bad_draft_with_422(api: ApiClient) -> None:
    for body in (
        {"text": "hi", "route": "nowhere"},
        {"text": "hi", "route": "reply", "send_at": "25:00"},
        {"text": "hi", "route": "reply", "unanswered": 51},
        {"text": "x" * 10_001, "route": "reply"},
    ):
        assert_error(api.post("/coach", body), 422)


def test_it_exports_the_same_document_as_the_web(api: ApiClient, owner: Any) -> None:
    api.post("/writings", {"kind": "journal", "text": "exported words"})
    exported = api.get("/export").json()
    assert exported["format"] == "nocontact"
    events = exported["breakups"][0]["events"]
    assert [e["kind"] for e in events] == ["journal"]
    assert events[0]["text"] == "exported words"
    web = portability.export_for(owner)
    assert {k: v for k, v in exported.items() if k != "exported_at"} == {
        k: v for k, v in json.loads(portability.to_json(web)).items() if k != "exported_at"
    }
