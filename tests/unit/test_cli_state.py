"""``nocontact state``: an export file in, the derived state out. No database.

The expected numbers are worked out by hand from DESIGN.md for a small export
(Berlin time, breakup on 2026-09-01, evaluated on 2026-11-22).
"""

from __future__ import annotations

import copy
import io
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nocontact.cli.base import Output
from nocontact.cli.main import run

TODAY = "2026-11-22"
# Loop's daily factor: a day's weight halves every 13 days.
M = 0.5 ** (1 / 13)


def export(slip_at: str) -> dict[str, Any]:
    """26 months together and a tense ending: 30 + 7 + 7 = 44 minimum days."""
    return {
        "format": "nocontact",
        "version": 1,
        "exported_at": "2026-11-22T10:00:00Z",
        "app_build": "kept and ignored",
        "user": {"timezone": "Europe/Berlin"},
        "breakups": [
            {
                "id": "b1",
                "ex_nickname": "Sam",
                "breakup_date": "2026-09-01",
                "relationship_months": 26,
                "ended_by": "them",
                "intensity": 1,
                "goal": "reconnect",
                "unsafe": False,
                "favourite_song": "kept and ignored",
                "events": [
                    {"kind": "slip", "at": slip_at, "channel": "text"},
                    {"kind": "checked_on_them", "at": "2026-11-01T12:00:00+01:00"},
                    {
                        "kind": "checkin",
                        "at": "2026-11-20T21:00:00+01:00",
                        "mood": 2,
                        "desperation": 6,
                        "cried": True,
                    },
                    {
                        "kind": "checkin",
                        "at": "2026-11-21T21:00:00+01:00",
                        "mood": 3,
                        "desperation": 4,
                        "cried": False,
                    },
                    {
                        "kind": "urge",
                        "at": "2026-11-15T23:30:00+01:00",
                        "intensity": 6,
                        "outcome": "resisted",
                    },
                    {
                        "kind": "attempt",
                        "at": "2026-11-20T18:00:00+01:00",
                        "route": "reach_out",
                        "outcome": "no_reply",
                    },
                ],
            },
            {
                "id": "b2",
                "ex_nickname": "Alex",
                "breakup_date": "2026-11-12",
                "relationship_months": 40,
                "ended_by": "me",
                "intensity": 0,
                "goal": "move_on",
                "events": [],
            },
        ],
    }


# 23:59 and 00:01 in Berlin (summer time, UTC+2), both on 10 October in UTC.
SLIP_BEFORE_MIDNIGHT = "2026-10-10T21:59:00Z"  # lived on 10 October
SLIP_AFTER_MIDNIGHT = "2026-10-10T22:01:00Z"  # lived on 11 October


def strength_by_hand(slip_index: int) -> float:
    """Days 0 (1 Sep) to 81 (21 Nov); one slip day; "checked on them" on day 61 (1 Nov)."""
    s = 1 - M**slip_index  # clean days before the slip, from s = 0
    s *= M  # the slip day counts 0
    clean_after_slip = 61 - slip_index - 1
    s = s * M**clean_after_slip + (1 - M**clean_after_slip)
    s = s * M + 0.5 * (1 - M)  # checked on them: half a clean day
    s = s * M**20 + (1 - M**20)  # 2 to 21 November
    return s


def write(tmp_path: Path, document: Any, name: str = "export.json") -> str:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return str(path)


def nocontact(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(list(argv), Output(stdout, stderr))
    return code, stdout.getvalue(), stderr.getvalue()


def state_json(tmp_path: Path, document: Any, *extra: str) -> dict[str, Any]:
    code, stdout, stderr = nocontact(
        "state", "--input", write(tmp_path, document), "--today", TODAY, "--json", *extra
    )
    assert (code, stderr) == (0, "")
    result: dict[str, Any] = json.loads(stdout)
    return result


def test_it_prints_every_field_for_a_slip_a_minute_before_local_midnight(tmp_path: Path) -> None:
    state = state_json(tmp_path, export(SLIP_BEFORE_MIDNIGHT))

    assert state == {
        "phase": "no_contact",
        "day_count": 43,  # 10 October to 22 November
        "minimum_days": 44,
        "minimum_reached_on": "2026-11-23",  # 10 October + 44 days
        "longest_streak": 43,  # 39 days before the slip, 43 since
        "total_days": 81,  # 82 days since 1 September, less one slip day
        "strength": round(strength_by_hand(slip_index=39), 2),
        "readiness": {
            "verdict": "not_yet",
            "reasons": [
                "Day 43 of 44: the minimum period is reached tomorrow, 2026-11-23.",
                "Take the short self-check: it tells wanting apart from needing.",
                "2 check-ins in the last 14 days: 5 or more make the trend meaningful.",
            ],
        },
        "contact_tools": "locked",
        "lock_reason": "minimum_not_reached",
        "next_attempt_on": "2026-11-27",  # the unanswered try on 20 November + 7
        "attempts_left": 2,
    }


def test_it_counts_a_slip_a_minute_after_local_midnight_on_the_next_day(tmp_path: Path) -> None:
    state = state_json(tmp_path, export(SLIP_AFTER_MIDNIGHT))

    assert state["day_count"] == 42  # 11 October to 22 November
    assert state["minimum_reached_on"] == "2026-11-24"
    assert state["longest_streak"] == 42  # 40 days before the slip, 42 since
    assert state["total_days"] == 81
    assert state["strength"] == round(strength_by_hand(slip_index=40), 2)
    assert state["readiness"]["reasons"][0].startswith("Day 42 of 44:")


def test_it_reads_events_in_any_order(tmp_path: Path) -> None:
    document = export(SLIP_BEFORE_MIDNIGHT)
    expected = state_json(tmp_path, document)
    for seed in range(5):
        shuffled = copy.deepcopy(document)
        random.Random(seed).shuffle(shuffled["breakups"][0]["events"])
        assert state_json(tmp_path, shuffled) == expected


def test_it_keeps_unknown_fields_and_ignores_them(tmp_path: Path) -> None:
    document = export(SLIP_BEFORE_MIDNIGHT)
    expected = state_json(tmp_path, document)
    richer = copy.deepcopy(document)
    richer["a_future_field"] = {"nested": [1, 2]}
    for event in richer["breakups"][0]["events"]:
        event["weather"] = "rain"
    assert state_json(tmp_path, richer) == expected


def test_it_picks_a_breakup_by_id(tmp_path: Path) -> None:
    state = state_json(tmp_path, export(SLIP_BEFORE_MIDNIGHT), "--breakup", "b2")
    assert state["day_count"] == 10
    assert state["minimum_days"] == 44  # more than 36 months: 30 + 14, a calm ending
    assert state["lock_reason"] == "not_contact_strategy"


def test_it_prints_plain_text_without_json(tmp_path: Path) -> None:
    path = write(tmp_path, export(SLIP_BEFORE_MIDNIGHT))
    code, stdout, _stderr = nocontact("state", "--input", path, "--today", TODAY)
    assert code == 0
    assert "day_count: 43" in stdout.splitlines()
    assert "next_attempt_on: 2026-11-27" in stdout.splitlines()
    assert "readiness: not_yet" in stdout.splitlines()


def test_it_reads_the_export_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(export(SLIP_BEFORE_MIDNIGHT))))
    code, stdout, _stderr = nocontact("state", "--input", "-", "--today", TODAY, "--json")
    assert code == 0
    assert json.loads(stdout)["day_count"] == 43


def assert_refused(code: int, stdout: str, stderr: str, *words: str) -> None:
    """Exit 2, nothing on stdout, one clear line on stderr and no traceback."""
    assert code == 2
    assert stdout == ""
    assert stderr.startswith("nocontact: ")
    assert stderr.count("\n") == 1
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr


def test_it_refuses_malformed_json(tmp_path: Path) -> None:
    path = write(tmp_path, '{"format": "nocontact", "version": 1,')
    assert_refused(
        *nocontact("state", "--input", path, "--today", TODAY), "not valid JSON", "line 1"
    )


def test_it_refuses_a_json_file_of_another_program(tmp_path: Path) -> None:
    path = write(tmp_path, {"tags": {}, "entries": [{"date": "2026-11-01", "body": "x"}]})
    assert_refused(*nocontact("state", "--input", path, "--today", TODAY), "not a nocontact export")


def test_it_refuses_a_json_list(tmp_path: Path) -> None:
    path = write(tmp_path, [1, 2, 3])
    assert_refused(*nocontact("state", "--input", path, "--today", TODAY), "should be an object")


def test_it_refuses_an_unknown_breakup_id(tmp_path: Path) -> None:
    path = write(tmp_path, export(SLIP_BEFORE_MIDNIGHT))
    assert_refused(
        *nocontact("state", "--input", path, "--today", TODAY, "--breakup", "b9"),
        "'b9'",
        "b1, b2",
    )


@pytest.mark.parametrize("today", ["2026-13-01", "22/11/2026", "tomorrow", ""])
def test_it_refuses_a_bad_today(tmp_path: Path, today: str) -> None:
    path = write(tmp_path, export(SLIP_BEFORE_MIDNIGHT))
    assert_refused(*nocontact("state", "--input", path, "--today", today), "2026-11-22")


def test_it_refuses_a_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nowhere.json")
    assert_refused(*nocontact("state", "--input", path, "--today", TODAY), "no such file")


def test_it_refuses_a_directory(tmp_path: Path) -> None:
    assert_refused(*nocontact("state", "--input", str(tmp_path), "--today", TODAY), "cannot read")


def test_it_refuses_a_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "photo.json"
    path.write_bytes(b"\xff\xd8\xff\xe0 not text")
    assert_refused(*nocontact("state", "--input", str(path), "--today", TODAY), "not UTF-8")


def test_it_names_the_place_of_a_bad_event(tmp_path: Path) -> None:
    document = export(SLIP_BEFORE_MIDNIGHT)
    document["breakups"][0]["events"][2]["mood"] = 9
    path = write(tmp_path, document)
    assert_refused(
        *nocontact("state", "--input", path, "--today", TODAY), "breakups[0].events[2].mood"
    )


def test_it_refuses_an_unknown_time_zone(tmp_path: Path) -> None:
    document = export(SLIP_BEFORE_MIDNIGHT)
    document["user"]["timezone"] = "Mars/Olympus"
    path = write(tmp_path, document)
    assert_refused(*nocontact("state", "--input", path, "--today", TODAY), "Mars/Olympus")


def test_it_asks_for_the_input_file() -> None:
    assert_refused(*nocontact("state", "--today", TODAY), "--input")


def test_it_never_imports_django(tmp_path: Path) -> None:
    path = write(tmp_path, export(SLIP_BEFORE_MIDNIGHT))
    script = (
        "import io, sys\n"
        "from nocontact.cli.base import Output\n"
        "from nocontact.cli.main import run\n"
        f"code = run(['state', '--input', {path!r}, '--today', {TODAY!r}, '--json'],"
        " Output(io.StringIO(), sys.stderr))\n"
        "assert code == 0, code\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
