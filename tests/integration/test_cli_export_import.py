"""``nocontact export``, ``import`` and ``delete-account``, driven through ``run(argv, out)``."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest

from nocontact.cli.base import Output
from nocontact.cli.main import run
from nocontact.journey import repository
from nocontact.journey.models import Breakup, Writing

AT = dt.datetime(2026, 9, 2, 19, 0, tzinfo=dt.UTC)


class BinaryOut(io.StringIO):
    """stdout with a byte buffer underneath, like sys.stdout."""

    def __init__(self) -> None:
        super().__init__()
        self.buffer = io.BytesIO()


def nocontact(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(list(argv), Output(stdout, stderr, io.StringIO(stdin)))
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(autouse=True)
def _no_user_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOCONTACT_USER", raising=False)


@pytest.fixture
def filled(owner_breakup: Any) -> Any:
    repository.record_event(owner_breakup, "slip", {"channel": "call"}, at=AT)
    Writing.objects.create(breakup=owner_breakup, kind="journal", text="Hard night", at=AT)
    return owner_breakup


def test_it_exports_json_to_stdout(filled: Any, other_breakup: Any) -> None:
    code, stdout, stderr = nocontact("export", "--user", "owner")
    assert (code, stderr) == (0, "")
    document = json.loads(stdout)
    assert [b["ex_nickname"] for b in document["breakups"]] == ["Sam"]
    assert {e["kind"] for e in document["breakups"][0]["events"]} == {"slip", "journal"}


def test_it_writes_a_file_only_the_owner_can_read(filled: Any, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    code, _stdout, stderr = nocontact("export", "--user", "owner", "--output", str(path))
    assert code == 0
    assert "exported to" in stderr
    assert json.loads(path.read_text())["format"] == "nocontact"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_it_exports_markdown(filled: Any) -> None:
    code, stdout, _stderr = nocontact("export", "--format", "markdown", "--user", "owner")
    assert code == 0
    assert stdout.startswith("# Journal and letters")
    assert "Hard night" in stdout


def test_it_exports_a_csv_zip(filled: Any, tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    code, _stdout, _stderr = nocontact(
        "export", "--format", "csv", "--user", "owner", "--output", str(path)
    )
    assert code == 0
    assert sorted(zipfile.ZipFile(path).namelist()) == ["breakups.csv", "journal.csv", "slip.csv"]


def test_it_writes_a_csv_zip_to_a_binary_stdout(filled: Any) -> None:
    stdout = BinaryOut()
    code = run(["export", "--format", "csv", "--user", "owner"], Output(stdout, io.StringIO()))
    assert code == 0
    assert zipfile.ZipFile(io.BytesIO(stdout.buffer.getvalue())).namelist()


def test_the_round_trip_through_the_cli_gives_back_the_same_export(
    filled: Any, make_user: Any, tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    assert nocontact("export", "--user", "owner", "--output", str(path))[0] == 0
    make_user("newcomer")
    code, stdout, stderr = nocontact("import", str(path), "--user", "newcomer")
    assert (code, stdout, stderr) == (0, "Imported 1 breakup.\n", "")
    again = json.loads(nocontact("export", "--user", "newcomer")[1])
    first = json.loads(path.read_text())
    for doc in (first, again):
        doc.pop("exported_at")
        for breakup in doc["breakups"]:
            breakup.pop("id")
    assert first == again


def test_it_refuses_to_import_into_an_account_with_a_breakup(filled: Any, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    nocontact("export", "--user", "owner", "--output", str(path))
    code, _stdout, stderr = nocontact("import", str(path), "--user", "owner")
    assert code == 2
    assert "already has a breakup" in stderr
    assert Breakup.objects.filter(user=filled.user).count() == 1


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "line 1, column 2"),
        ('{"hello": 1}', "not a nocontact export"),
        (
            '{"format": "nocontact", "version": 1, "breakups": [{"ex_nickname": "S", '
            '"breakup_date": "2026-13-01", "relationship_months": 1, "ended_by": "me", '
            '"intensity": 0, "goal": "unsure"}]}',
            "breakups[0].breakup_date",
        ),
    ],
)
def test_it_names_what_is_wrong_and_imports_nothing(
    owner: Any, tmp_path: Path, content: str, words: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    code, stdout, stderr = nocontact("import", str(path), "--user", "owner")
    assert (code, stdout) == (2, "")
    assert stderr.startswith("nocontact: nothing was imported")
    assert words in stderr
    assert stderr.count("\n") == 1
    assert not Breakup.objects.filter(user=owner).exists()


def test_it_says_when_the_file_is_missing(owner: Any, tmp_path: Path) -> None:
    code, _stdout, stderr = nocontact("import", str(tmp_path / "nope.json"), "--user", "owner")
    assert code == 2
    assert "cannot read" in stderr


def test_it_deletes_an_account_only_with_yes(owner_breakup: Any, other_breakup: Any) -> None:
    code, _stdout, stderr = nocontact("delete-account", "--user", "owner")
    assert code == 2
    assert "--yes" in stderr
    assert Breakup.objects.filter(pk=owner_breakup.pk).exists()

    code, stdout, stderr = nocontact("delete-account", "--user", "owner", "--yes")
    assert (code, stderr) == (0, "")
    assert "deleted" in stdout
    assert not Breakup.objects.filter(pk=owner_breakup.pk).exists()
    assert Breakup.objects.filter(pk=other_breakup.pk).exists()


def test_it_names_an_unknown_account(db: Any) -> None:
    code, _stdout, stderr = nocontact("delete-account", "--user", "nobody", "--yes")
    assert code == 2
    assert "nobody" in stderr
