"""Export: the JSON document of DESIGN.md, CSV per event kind, Markdown journal."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from django.urls import reverse

from nocontact.core.export import parse_export
from nocontact.journey import repository
from nocontact.journey.models import Reason, Writing

AT = dt.datetime(2026, 9, 2, 19, 0, tzinfo=dt.UTC)


def fill(breakup: Any) -> None:
    repository.record_event(breakup, "checkin", {"mood": 2, "desperation": 7, "cried": True}, at=AT)
    repository.record_event(breakup, "urge", {"intensity": 8, "outcome": "resisted"}, at=AT)
    Writing.objects.create(breakup=breakup, kind="journal", text="Owner's entry", at=AT)
    Writing.objects.create(
        breakup=breakup,
        kind="unsent_letter",
        text="Dear Sam",
        at=AT + dt.timedelta(hours=1),
        might_send_at=AT + dt.timedelta(hours=2),
        coach_route="reach_out",
    )


def download(client: Any, fmt: str) -> Any:
    return client.get(reverse("export_download", args=[fmt]))


def test_it_shows_the_page_to_the_owner(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.get(reverse("export"))
    assert response.status_code == 200
    assert reverse("export_download", args=["json"]) in response.content.decode()
    assert reverse("delete_account") in response.content.decode()


def test_it_sends_anonymous_people_to_login(client: Any) -> None:
    for url in (reverse("export"), reverse("export_download", args=["json"])):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_it_is_linked_from_the_settings_page(owner_client: Any) -> None:
    page = owner_client.get(reverse("settings")).content.decode()
    assert reverse("export") in page
    assert reverse("delete_account") in page


def test_it_downloads_the_json_document_as_an_attachment(
    owner_client: Any, owner_breakup: Any
) -> None:
    fill(owner_breakup)
    response = download(owner_client, "json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    assert (document["format"], document["version"]) == ("nocontact", 1)
    assert document["user"]["timezone"] == "Europe/Berlin"
    [breakup] = document["breakups"]
    assert breakup["ex_nickname"] == "Sam"
    kinds = [e["kind"] for e in breakup["events"]]
    assert sorted(kinds) == ["checkin", "journal", "unsent_letter", "urge"]
    letter = next(e for e in breakup["events"] if e["kind"] == "unsent_letter")
    assert letter["text"] == "Dear Sam"
    assert letter["coach_route"] == "reach_out"
    assert letter["might_send_at"] == "2026-09-02T21:00:00+00:00"
    parse_export(document)  # readable again


def test_it_exports_archived_breakups_too(owner: Any, owner_client: Any, make_breakup: Any) -> None:
    make_breakup(owner, ex_nickname="Old")
    make_breakup(owner, ex_nickname="New")
    document = json.loads(download(owner_client, "json").content)
    names = [(b["ex_nickname"], b["archived_at"] is None) for b in document["breakups"]]
    assert names == [("Old", False), ("New", True)]


def test_it_exports_reasons_and_the_friend(owner: Any, owner_client: Any) -> None:
    Reason.objects.create(user=owner, text="I want to sleep again")
    document = json.loads(download(owner_client, "json").content)
    assert document["user"]["reasons"] == ["I want to sleep again"]
    assert document["breakups"] == []


def test_it_never_exports_another_users_data(
    owner_client: Any, owner_breakup: Any, other: Any, other_breakup: Any
) -> None:
    fill(owner_breakup)
    Writing.objects.create(breakup=other_breakup, kind="journal", text="OTHER-SECRET", at=AT)
    Reason.objects.create(user=other, text="OTHER-REASON")
    for fmt in ("json", "csv", "markdown"):
        body = download(owner_client, fmt).content
        if fmt == "csv":
            archive = zipfile.ZipFile(io.BytesIO(body))
            body = b"".join(archive.read(name) for name in archive.namelist())
        assert b"OTHER-SECRET" not in body
        assert b"OTHER-REASON" not in body
        assert b"Alex" not in body


def test_another_user_gets_their_own_export(
    other_client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    fill(owner_breakup)
    document = json.loads(download(other_client, "json").content)
    assert [b["ex_nickname"] for b in document["breakups"]] == ["Alex"]
    assert document["breakups"][0]["events"] == []


def test_it_downloads_one_csv_per_event_kind(owner_client: Any, owner_breakup: Any) -> None:
    fill(owner_breakup)
    response = download(owner_client, "csv")
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('.zip"')
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "breakups.csv",
        "checkin.csv",
        "journal.csv",
        "unsent_letter.csv",
        "urge.csv",
    ]
    checkin = archive.read("checkin.csv").decode().splitlines()
    assert checkin[0].split(",")[:3] == ["breakup_id", "kind", "at"]
    assert "mood" in checkin[0]
    assert ",2," in checkin[1]


def test_it_keeps_spreadsheet_formulas_inert(owner_client: Any, owner_breakup: Any) -> None:
    Writing.objects.create(breakup=owner_breakup, kind="journal", text="=HYPERLINK(1)", at=AT)
    archive = zipfile.ZipFile(io.BytesIO(download(owner_client, "csv").content))
    assert "'=HYPERLINK(1)" in archive.read("journal.csv").decode()


def test_it_downloads_the_journal_and_letters_as_markdown(
    owner_client: Any, owner_breakup: Any
) -> None:
    fill(owner_breakup)
    response = download(owner_client, "markdown")
    assert response["Content-Type"].startswith("text/markdown")
    text = response.content.decode()
    assert text.startswith("# Journal and letters")
    assert "Owner's entry" in text
    assert "Dear Sam" in text
    assert text.index("Owner's entry") < text.index("Dear Sam")
    assert "mood" not in text


def test_it_answers_404_for_an_unknown_format(owner_client: Any) -> None:
    assert download(owner_client, "pdf").status_code == 404


def test_it_refuses_to_change_anything_on_post(owner_client: Any) -> None:
    assert owner_client.post(reverse("export_download", args=["json"])).status_code == 405
