"""Encryption at rest, seen from the disk and the terminal.

The raw SQLite files (main file and -wal) hold none of the user's words once
encryption is on; ``nocontact export`` still gives the owner plain text, with the
passphrase; the CLI never writes a note in plain for an encrypted account.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from nocontact.accounts import vault
from nocontact.cli.base import Output
from nocontact.cli.main import run
from nocontact.journey import encryption
from nocontact.journey.models import Event, Writing
from tests.integration.encryption_helpers import (
    MARKER,
    PASSPHRASE,
    cheap_kdf,  # noqa: F401  (autouse)
)
from tests.integration.raw_sqlite import nocontact, raw_bytes


def nocontact_here(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(list(argv), Output(stdout, stderr, io.StringIO(stdin)))
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(autouse=True)
def _no_user_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOCONTACT_USER", raising=False)


@pytest.fixture
def encrypted(owner: Any, owner_breakup: Any) -> Any:
    Writing.objects.create(
        breakup=owner_breakup, kind="journal", text=f"{MARKER} journal", at=owner_breakup.created_at
    )
    encryption.turn_on(owner.pk, PASSPHRASE)
    return owner_breakup


@pytest.mark.django_db
def test_the_cli_export_needs_the_passphrase(encrypted: Any) -> None:
    code, stdout, stderr = nocontact_here("export", "--user", "owner")
    assert code == 2
    assert "your words are encrypted" in stderr
    assert stdout == ""
    code, stdout, stderr = nocontact_here("export", "--user", "owner", stdin="not it\n")
    assert code == 2
    assert "doesn't open your words" in stderr
    code, stdout, stderr = nocontact_here("export", "--user", "owner", stdin=PASSPHRASE + "\n")
    assert (code, stderr) == (0, "")
    texts = [e.get("text") for e in json.loads(stdout)["breakups"][0]["events"]]
    assert f"{MARKER} journal" in texts


@pytest.mark.django_db
def test_the_cli_never_writes_a_note_in_plain(encrypted: Any) -> None:
    checkin = ("checkin", "--user", "owner", "--mood", "2", "--desperation", "5", "--cried", "no")
    code, _stdout, stderr = nocontact_here(*checkin, "--note", MARKER)
    assert code == 1
    assert "nothing was saved" in stderr
    assert not Event.objects.filter(kind="checkin").exists()
    assert nocontact_here(*checkin)[0] == 0  # no note: nothing to encrypt


@pytest.mark.django_db
def test_the_cli_import_into_an_encrypted_account_encrypts(
    owner: Any, make_user: Any, tmp_path: Path
) -> None:
    encryption.turn_on(owner.pk, PASSPHRASE)
    export = tmp_path / "export.json"
    export.write_text(export_with(MARKER))
    code, _stdout, stderr = nocontact_here("import", "-", "--user", "owner", stdin="{}")
    assert code == 2
    assert "give the export as a FILE" in stderr
    code, _stdout, stderr = nocontact_here(
        "import", str(export), "--user", "owner", stdin=PASSPHRASE + "\n"
    )
    assert (code, stderr) == (0, "")
    raw = list(Writing.objects.values_list("text", flat=True))
    assert len(raw) == 2
    assert all(vault.is_sealed(text) for text in raw)
    note = Event.objects.values_list("data", flat=True).get(kind="checkin")["note"]
    assert vault.is_sealed(note)


def export_with(marker: str) -> str:
    return json.dumps(
        {
            "format": "nocontact",
            "version": 1,
            "user": {"timezone": "UTC"},
            "breakups": [
                {
                    "ex_nickname": "Sam",
                    "breakup_date": "2026-09-01",
                    "relationship_months": 6,
                    "ended_by": "them",
                    "intensity": 0,
                    "goal": "unsure",
                    "events": [
                        {"kind": "journal", "at": "2026-09-02T21:00:00Z", "text": f"{marker} j"},
                        {
                            "kind": "unsent_letter",
                            "at": "2026-09-03T21:00:00Z",
                            "text": f"{marker} letter",
                        },
                        {
                            "kind": "checkin",
                            "at": "2026-09-03T22:00:00Z",
                            "mood": 2,
                            "desperation": 6,
                            "cried": True,
                            "note": f"{marker} note",
                        },
                    ],
                }
            ],
        }
    )


# --- the raw database files (real CLI, real SQLite file) ------------------------------------


# Turns encryption on, then looks at the files while its connection is still open,
# when SQLite keeps a -wal file next to the database.
TURN_ON_AND_LOOK = f"""
from pathlib import Path
from django.conf import settings
from django.contrib.auth.models import User
from nocontact.journey.encryption import turn_on
turn_on(User.objects.get(username='amy').pk, {PASSPHRASE!r})
files = sorted(Path(settings.DATA_DIR).glob('nocontact.sqlite3*'))
print(sorted(f.name for f in files))
print({MARKER.encode()!r} in b''.join(f.read_bytes() for f in files))
"""


def test_the_words_are_absent_from_the_sqlite_files(tmp_path: Path) -> None:
    nocontact(tmp_path, "manage", "migrate", "--verbosity", "0")
    nocontact(
        tmp_path, "manage", "createsuperuser", "--noinput", "--username", "amy", "--email", ""
    )
    nocontact(tmp_path, "import", "-", "--user", "amy", stdin=export_with(MARKER))
    status = nocontact(tmp_path, "status", "--json")
    before = raw_bytes(tmp_path)
    for where in ("j", "letter", "note"):  # the test can see each text while it is plain
        assert f"{MARKER} {where}".encode() in before

    shell = ("manage", "shell", "--no-imports", "--command", TURN_ON_AND_LOOK)
    names, found = nocontact(tmp_path, *shell).splitlines()[-2:]
    assert "nocontact.sqlite3-wal" in names  # the -wal file is read too
    assert found == "False"

    after = raw_bytes(tmp_path)
    assert MARKER.encode() not in after
    assert b"nc1:" in after  # sealed, not lost
    # ``nocontact status`` reads the file without Django: the same state, no passphrase.
    assert nocontact(tmp_path, "status", "--json") == status
    exported = nocontact(tmp_path, "export", "--user", "amy", stdin=PASSPHRASE + "\n")
    assert f"{MARKER} letter" in exported
    assert MARKER.encode() not in raw_bytes(tmp_path)
