"""Export, import and hard delete of one account: shared by the web and the CLI.

The export is the JSON document of DESIGN.md (``core/export.py`` writes and
reads it); CSV and Markdown are views of that same document. Import goes into
an empty account only, in one transaction. Delete removes every row of the user
and, on SQLite, leaves no trace of the text in the database files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any, Final

from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone as dj_timezone

from nocontact.accounts.models import settings_for
from nocontact.core import model as core
from nocontact.core.export import (
    BreakupRecord,
    ExportFormatError,
    export_document,
    parse_export,
)
from nocontact.core.program import WRITING_KINDS
from nocontact.journey import repository, sealing
from nocontact.journey.models import Breakup, Reason, Writing

MAX_IMPORT_BYTES: Final = 20 * 1024 * 1024
MAX_REASON_CHARS: Final = 300
MAX_FRIEND_NAME_CHARS: Final = 60
MAX_FRIEND_MESSAGE_CHARS: Final = 1000
# Extra fields of an unsent letter: its place in the cool-off queue.
COOL_OFF_TIMES: Final = ("might_send_at", "reviewed_at")


class AccountNotEmpty(Exception):
    """Import goes into an account with no breakup only."""


# --- export -------------------------------------------------------------------------------


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds") if value else None


def _breakup_record(breakup: Breakup) -> BreakupRecord:
    events = [repository.to_core_event(row) for row in breakup.events.all()]
    for writing in breakup.writings.all():
        data: dict[str, Any] = {"text": writing.text}
        if writing.kind == Writing.Kind.UNSENT_LETTER:
            if writing.might_send_at:
                data["might_send_at"] = _iso(writing.might_send_at)
            if writing.coach_route:
                data["coach_route"] = writing.coach_route
            if writing.reviewed_at:
                data["reviewed_at"] = _iso(writing.reviewed_at)
        events.append(core.Event(core.EventKind(writing.kind), writing.at, data))
    events.sort(key=lambda e: e.at)
    return BreakupRecord(
        str(breakup.pk),
        repository.to_profile(breakup),
        tuple(events),
        {"archived_at": _iso(breakup.archived_at)},
    )


def export_for(user: User, now: dt.datetime | None = None) -> dict[str, Any]:
    """Every breakup of the user (active and archived), writings included."""
    user_settings = settings_for(user)
    breakups = Breakup.objects.filter(user=user).order_by("created_at", "pk")
    document = export_document(
        user_settings.timezone,
        [_breakup_record(b) for b in breakups],
        now or dj_timezone.now(),
    )
    document["user"].update(
        {
            "friend_name": user_settings.friend_name,
            "friend_message": user_settings.friend_message,
            "reasons": [r.text for r in Reason.objects.filter(user=user)],
        }
    )
    return document


def to_json(document: Mapping[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    # A cell starting with these runs as a formula in a spreadsheet.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def to_csv_zip(document: Mapping[str, Any]) -> bytes:
    """One CSV per event kind, plus one for the breakups, in a zip."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    breakup_rows = []
    for breakup in document["breakups"]:
        breakup_rows.append(
            {
                key: value
                for key, value in breakup.items()
                if key not in {"events", "occasions", "hard_dates", "items_left"}
            }
        )
        for event in breakup["events"]:
            by_kind.setdefault(event["kind"], []).append({"breakup_id": breakup["id"], **event})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("breakups.csv", _csv(breakup_rows, ["id"]))
        for kind in sorted(by_kind):
            archive.writestr(f"{kind}.csv", _csv(by_kind[kind], ["breakup_id", "kind", "at"]))
    return buffer.getvalue()


def _csv(rows: list[dict[str, Any]], first: list[str]) -> str:
    columns = list(first)
    for row in rows:
        columns += [key for key in row if key not in columns]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def to_markdown(document: Mapping[str, Any], titles: Mapping[str, str]) -> str:
    """The journal and the letters, oldest first, one section per breakup.

    ``titles`` holds the translated words (the core stays free of Django).
    """
    lines = [f"# {titles['title']}", ""]
    for breakup in document["breakups"]:
        writings = [e for e in breakup["events"] if e["kind"] in {k.value for k in WRITING_KINDS}]
        lines += [
            f"## {titles['breakup'].format(name=breakup['ex_nickname'], date=breakup['breakup_date'])}",
            "",
        ]
        if not writings:
            lines += [titles["empty"], ""]
        for event in writings:
            heading = titles[event["kind"]]
            lines += [f"### {heading}, {event['at'].replace('T', ' ')}", "", event["text"], ""]
    return "\n".join(lines).rstrip() + "\n"


# --- import -------------------------------------------------------------------------------


def decode(raw: bytes) -> Any:
    """The file's bytes as JSON; ``ExportFormatError`` names where it went wrong."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ExportFormatError("file", "is larger than 20 MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExportFormatError("file", "is not a text file in UTF-8") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportFormatError(
            f"line {exc.lineno}, column {exc.colno}", "this is not valid JSON"
        ) from None
    except RecursionError:
        raise ExportFormatError("file", "is nested too deeply") from None


def _optional_time(value: Any, where: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        at = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise ExportFormatError(where, "should be a time like 2026-09-02T21:00:00+00:00")
    return repository.in_utc(at)


def _optional_text(value: Any, where: str, max_chars: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > max_chars or "\x00" in value:
        raise ExportFormatError(where, f"should be text of at most {max_chars} characters")
    return value


def _user_extras(raw_user: Any) -> tuple[str, str, list[str]]:
    raw_user = raw_user if isinstance(raw_user, Mapping) else {}
    reasons = raw_user.get("reasons", [])
    if not isinstance(reasons, list):
        raise ExportFormatError("user.reasons", "should be a list")
    texts = []
    for i, reason in enumerate(reasons):
        text = _optional_text(reason, f"user.reasons[{i}]", MAX_REASON_CHARS).strip()
        if not text:
            raise ExportFormatError(f"user.reasons[{i}]", "should not be empty")
        texts.append(text)
    return (
        _optional_text(raw_user.get("friend_name"), "user.friend_name", MAX_FRIEND_NAME_CHARS),
        _optional_text(
            raw_user.get("friend_message"), "user.friend_message", MAX_FRIEND_MESSAGE_CHARS
        ),
        texts,
    )


def import_into(user: User, raw: Any) -> int:
    """Import a decoded export document into an account with no breakup yet.

    Everything is checked before the first row is written, and the writing is
    one transaction: a bad file leaves the account as it was. Returns how many
    breakups were imported. Raises ``ExportFormatError`` or ``AccountNotEmpty``.
    """
    document = parse_export(raw)
    friend_name, friend_message, reasons = _user_extras(raw.get("user"))
    archived = []
    for i, record in enumerate(document.breakups):
        archived.append(
            _optional_time(record.extra.get("archived_at"), f"breakups[{i}].archived_at")
        )
        for j, event in enumerate(record.events):
            if event.kind is core.EventKind.UNSENT_LETTER:
                for key in COOL_OFF_TIMES:
                    _optional_time(event.get(key), f"breakups[{i}].events[{j}].{key}")
                _optional_text(
                    event.get("coach_route"), f"breakups[{i}].events[{j}].coach_route", 20
                )
    with transaction.atomic():
        # Locks the user's row, so two imports at once cannot both pass the check.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if Breakup.objects.filter(user=user).exists():
            raise AccountNotEmpty
        user_settings = settings_for(user)
        user_settings.timezone = document.timezone
        user_settings.friend_name = friend_name or user_settings.friend_name
        user_settings.friend_message = friend_message or user_settings.friend_message
        user_settings.save()
        Reason.objects.bulk_create([Reason(user=user, text=text) for text in reasons])
        for record, archived_at in zip(document.breakups, archived, strict=True):
            breakup = repository.create_breakup(user, record.profile)
            breakup.archived_at = archived_at
            breakup.save(update_fields=["archived_at"])
            repository.add_events(
                breakup, [e for e in record.events if e.kind not in WRITING_KINDS]
            )
            sealing.bulk_create(
                Writing,
                [_writing(breakup, e) for e in record.events if e.kind in WRITING_KINDS],
                user.pk,
            )
    return len(document.breakups)


def _writing(breakup: Breakup, event: core.Event) -> Writing:
    return Writing(
        breakup=breakup,
        kind=event.kind.value,
        text=str(event.get("text", "")),
        at=repository.in_utc(event.at),
        might_send_at=_optional_time(event.get("might_send_at"), ""),
        coach_route=str(event.get("coach_route") or ""),
        reviewed_at=_optional_time(event.get("reviewed_at"), ""),
    )


# --- hard delete ----------------------------------------------------------------------------


def _delete_sessions(user: User) -> int:
    """Django's sessions do not point at users: decode each one and look."""
    if not apps.is_installed("django.contrib.sessions"):
        raise RuntimeError("deleting an account needs django.contrib.sessions installed")
    from django.contrib.sessions.models import Session

    ours = [
        session.pk
        for session in Session.objects.iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ours).delete()
    return len(ours)


def _delete_login_records(username: str) -> None:
    if not apps.is_installed("axes"):
        return
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=username).delete()


def delete_account(user: User) -> None:
    """Every row of the user, their sessions and their failed logins: gone for good."""
    with transaction.atomic():
        _delete_sessions(user)
        _delete_login_records(user.username)
        # Breakups, events, writings, settings and reasons follow by cascade.
        user.delete()
    scrub_sqlite()


def scrub_sqlite() -> None:
    """On SQLite, fold the write-ahead log into the database and empty it.

    ``secure_delete`` (on for every connection, see settings) zeroes what a
    delete frees; the checkpoint removes the old copies kept in the -wal file.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
