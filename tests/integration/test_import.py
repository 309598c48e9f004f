"""Import: an export goes into an empty account, whole or not at all."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nocontact.accounts.models import settings_for
from nocontact.journey import portability, repository
from nocontact.journey.models import Breakup, Event, Reason, Writing

AT = dt.datetime(2026, 9, 2, 19, 0, tzinfo=dt.UTC)


def document(**overrides: Any) -> dict[str, Any]:
    breakup: dict[str, Any] = {
        "id": "b1",
        "ex_nickname": "Sam",
        "breakup_date": "2026-09-01",
        "relationship_months": 26,
        "ended_by": "them",
        "intensity": 1,
        "goal": "reconnect",
        "occasions": [{"name": "Sam's graduation", "date": "2027-06-20"}],
        "items_left": [{"name": "guitar", "substantial": True}],
        "events": [
            {
                "kind": "checkin",
                "at": "2026-09-02T21:00:00+02:00",
                "mood": 2,
                "desperation": 7,
                "cried": True,
            },
            {"kind": "journal", "at": "2026-09-02T22:00:00+02:00", "text": "A long day."},
        ],
    }
    breakup.update(overrides)
    return {
        "format": "nocontact",
        "version": 1,
        "user": {"timezone": "America/New_York", "reasons": ["Sleep again"]},
        "breakups": [breakup],
    }


def upload(client: Any, content: bytes | str, name: str = "export.json") -> Any:
    data = content.encode() if isinstance(content, str) else content
    return client.post(reverse("import_data"), {"file": SimpleUploadedFile(name, data)})


def test_it_imports_an_export_into_an_empty_account(owner: Any, owner_client: Any) -> None:
    response = upload(owner_client, json.dumps(document()))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    breakup = Breakup.objects.get(user=owner)
    assert breakup.ex_nickname == "Sam"
    assert breakup.archived_at is None
    assert list(breakup.items_left.values_list("name", flat=True)) == ["guitar"]
    assert list(Event.objects.filter(breakup=breakup).values_list("kind", flat=True)) == ["checkin"]
    assert Writing.objects.get(breakup=breakup).text == "A long day."
    assert settings_for(owner).timezone == "America/New_York"
    assert list(Reason.objects.filter(user=owner).values_list("text", flat=True)) == ["Sleep again"]


def test_it_keeps_moments_written_with_any_offset(owner: Any, owner_client: Any) -> None:
    """An offset beyond what PostgreSQL takes (15:59) is the same moment on UTC."""
    events = [
        {"kind": "urge", "at": "2026-09-03T09:30:00+18:25", "intensity": 4, "outcome": "resisted"},
        {"kind": "journal", "at": "2026-09-03T10:00:00-19:00", "text": "Far away."},
    ]
    response = upload(owner_client, json.dumps(document(events=events)))
    assert response.status_code == 302
    urge = Event.objects.get(breakup__user=owner)
    assert urge.at == dt.datetime(2026, 9, 2, 15, 5, tzinfo=dt.UTC)
    assert Writing.objects.get(breakup__user=owner).at == dt.datetime(2026, 9, 4, 5, tzinfo=dt.UTC)


def test_it_refuses_an_account_that_has_a_breakup(owner_client: Any, owner_breakup: Any) -> None:
    response = upload(owner_client, json.dumps(document()))
    assert response.status_code == 400
    assert "already has a breakup" in response.content.decode()
    assert Breakup.objects.filter(user=owner_breakup.user).count() == 1


def test_it_names_the_place_of_a_bad_field(owner: Any, owner_client: Any) -> None:
    bad = document()
    bad["breakups"][0]["events"][0]["mood"] = 9
    response = upload(owner_client, json.dumps(bad))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "breakups[0].events[0].mood" in page
    assert not Breakup.objects.filter(user=owner).exists()


def test_it_imports_nothing_when_the_last_event_is_bad(owner: Any, owner_client: Any) -> None:
    bad = document()
    bad["breakups"][0]["events"].append({"kind": "urge", "at": "2026-09-03T10:00:00Z"})
    bad["user"]["reasons"] = ["A reason"]
    assert upload(owner_client, json.dumps(bad)).status_code == 400
    assert not Breakup.objects.filter(user=owner).exists()
    assert not Reason.objects.filter(user=owner).exists()


def test_it_says_when_the_file_is_not_json(owner: Any, owner_client: Any) -> None:
    response = upload(owner_client, '{"format": "nocontact",\n  oops')
    assert response.status_code == 400
    assert "line 2" in response.content.decode()
    assert "not valid JSON" in response.content.decode()


def test_it_says_when_the_file_is_not_a_nocontact_export(owner_client: Any) -> None:
    response = upload(owner_client, json.dumps({"hello": "world"}))
    assert response.status_code == 400
    assert "not a nocontact export" in response.content.decode()


def test_it_says_when_the_file_is_not_text(owner_client: Any) -> None:
    response = upload(owner_client, b"\xff\xfe\x00PNG", name="photo.png")
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()


def test_it_asks_for_a_file(owner_client: Any) -> None:
    response = owner_client.post(reverse("import_data"), {})
    assert response.status_code == 400
    assert "Please choose the file to import." in response.content.decode()


def test_it_refuses_a_file_over_the_size_limit(
    owner: Any, owner_client: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(portability, "MAX_IMPORT_BYTES", 1024 * 1024)
    big = json.dumps(document()) + " " * (1024 * 1024)
    response = upload(owner_client, big)
    assert response.status_code == 400
    assert "larger than 1 MB" in response.content.decode()
    assert not Breakup.objects.filter(user=owner).exists()


def test_it_refuses_an_upload_without_csrf_token(owner: Any) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = upload(client, json.dumps(document()))
    assert response.status_code == 403
    assert not Breakup.objects.filter(user=owner).exists()


def test_it_sends_anonymous_people_to_login(client: Any, db: Any) -> None:
    response = upload(client, json.dumps(document()))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert not Breakup.objects.exists()


def test_it_imports_into_the_uploaders_account_only(
    owner: Any, other_client: Any, other: Any
) -> None:
    assert upload(other_client, json.dumps(document())).status_code == 302
    assert not Breakup.objects.filter(user=owner).exists()
    assert Breakup.objects.filter(user=other).count() == 1


def test_it_refuses_get(owner_client: Any) -> None:
    assert owner_client.get(reverse("import_data")).status_code == 405


def test_it_hides_the_form_once_there_is_a_breakup(owner_client: Any, owner_breakup: Any) -> None:
    page = owner_client.get(reverse("export")).content.decode()
    assert reverse("import_data") not in page
    assert "new, empty account" in page


def test_a_round_trip_gives_back_the_same_export(
    owner: Any, make_user: Any, make_breakup: Any
) -> None:
    old = make_breakup(owner, ex_nickname="Old")
    repository.record_event(old, "slip", {"channel": "call"}, at=AT)
    current = make_breakup(owner)
    repository.record_event(
        current, "checkin", {"mood": 3, "desperation": 4, "cried": False}, at=AT
    )
    repository.record_event(
        current, "urge", {"intensity": 8, "outcome": "resisted", "triggers": ["song"]}, at=AT
    )
    Writing.objects.create(breakup=current, kind="journal", text="Entry ✨", at=AT)
    Writing.objects.create(
        breakup=current,
        kind="unsent_letter",
        text="Dear Sam",
        at=AT + dt.timedelta(minutes=5),
        might_send_at=AT + dt.timedelta(hours=1),
        coach_route="reach_out",
        reviewed_at=AT + dt.timedelta(days=1),
    )
    Reason.objects.create(user=owner, text="Sleep")
    first = portability.export_for(owner)

    newcomer = make_user("newcomer")
    portability.import_into(newcomer, json.loads(json.dumps(first)))
    second = portability.export_for(newcomer)

    def comparable(doc: dict[str, Any]) -> dict[str, Any]:
        doc = json.loads(json.dumps(doc))
        doc.pop("exported_at")
        for breakup in doc["breakups"]:
            breakup.pop("id")
            breakup["archived"] = breakup.pop("archived_at") is not None
        return doc

    assert comparable(first) == comparable(second)
    assert len(first["breakups"]) == 2
    assert Breakup.objects.active().get(user=newcomer).ex_nickname == "Sam"
