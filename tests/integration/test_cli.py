"""The day-to-day commands on the app's database: status, check-in, urge, slip.

Driven in-process through ``run(argv, out)``, as jrnl tests its CLI; one test runs
the installed ``nocontact`` end to end.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from nocontact.cli.base import Output
from nocontact.cli.main import run
from nocontact.journey import repository
from nocontact.journey.models import Event

BERLIN = ZoneInfo("Europe/Berlin")
REPO = Path(__file__).resolve().parents[2]


class Terminal(io.StringIO):
    """Answers typed at a terminal."""

    def isatty(self) -> bool:
        return True


def nocontact(*argv: str, stdin: io.StringIO | None = None) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(list(argv), Output(stdout, stderr, stdin or io.StringIO()))
    return code, stdout.getvalue(), stderr.getvalue()


def assert_refused(result: tuple[int, str, str], *words: str, code: int = 2) -> None:
    exit_code, _stdout, stderr = result
    assert exit_code == code
    assert stderr.startswith("nocontact: ")
    assert stderr.count("\n") == 1
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr


@pytest.fixture(autouse=True)
def _no_user_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOCONTACT_USER", raising=False)


def days_since(breakup: Any) -> int:
    """12 days, by the fixture; 13 in the hour when Berlin is already on tomorrow."""
    return int((repository.today_for(breakup.user) - breakup.breakup_date).days)


def kinds(breakup: Any) -> list[str]:
    return list(
        Event.objects.filter(breakup=breakup).order_by("at", "pk").values_list("kind", flat=True)
    )


# --- status ------------------------------------------------------------------------------


def test_it_shows_the_status_of_the_only_user(owner_breakup: Any) -> None:
    code, stdout, stderr = nocontact("status")
    assert (code, stderr) == (0, "")
    lines = stdout.splitlines()
    days = days_since(owner_breakup)
    assert lines[0] == f"Day {days} of No Contact."
    minimum_on = owner_breakup.breakup_date + dt.timedelta(days=44)
    assert (
        f"Minimum period: 44 days, reached on {minimum_on.isoformat()} ({44 - days} days to go)."
        in lines
    )
    assert f"Longest streak: {days} days. Days without contact in all: {days}." in lines
    assert "Today's check-in: not yet (`nocontact checkin`)." in lines
    assert "Phase: No Contact." in lines
    assert "Contact tools: locked (the minimum period isn't over yet)." in lines
    assert "Readiness: not yet." in lines
    assert (
        f"Next milestone: 14 days, on {(owner_breakup.breakup_date + dt.timedelta(days=14)).isoformat()}."
        in lines
    )


def test_it_prints_the_state_fields_and_extras_as_json(owner_breakup: Any) -> None:
    code, stdout, _stderr = nocontact("status", "--json")
    assert code == 0
    document = json.loads(stdout)
    state = repository.program_state(owner_breakup)
    assert {k: document[k] for k in state.to_json()} == state.to_json()
    assert document["day_count"] == days_since(owner_breakup)
    assert document["next_milestone"] == 14
    assert document["checked_in_today"] is False
    assert document["today"] == state.today.isoformat()


def test_it_knows_when_today_is_checked_in(owner_breakup: Any) -> None:
    assert nocontact("checkin", "--mood", "3", "--desperation", "2", "--cried", "no")[0] == 0
    document = json.loads(nocontact("status", "--json")[1])
    assert document["checked_in_today"] is True
    assert "Today's check-in: done." in nocontact("status")[1].splitlines()


def test_it_does_not_count_yesterdays_checkin_in_local_time(owner_breakup: Any) -> None:
    # 23:30 in Berlin yesterday is already "today" in some other zones: not here.
    today = repository.today_for(owner_breakup.user)
    yesterday_late = dt.datetime.combine(today, dt.time(), BERLIN) - dt.timedelta(minutes=30)
    repository.record_event(
        owner_breakup, "checkin", {"mood": 3, "desperation": 2, "cried": False}, at=yesterday_late
    )
    assert json.loads(nocontact("status", "--json")[1])["checked_in_today"] is False


def test_it_asks_which_user_when_there_are_several(owner_breakup: Any, other_breakup: Any) -> None:
    result = nocontact("status")
    assert_refused(result, "--user", "NOCONTACT_USER")
    assert "owner" not in result[2]
    assert "other" not in result[2]


def test_it_takes_the_user_from_the_flag_or_the_environment(
    owner_breakup: Any, other_breakup: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert nocontact("status", "--user", "other")[0] == 0
    monkeypatch.setenv("NOCONTACT_USER", "other")
    assert nocontact("status")[0] == 0


def test_it_refuses_an_unknown_user(owner_breakup: Any) -> None:
    assert_refused(nocontact("status", "--user", "nobody"), "'nobody'")


def test_it_says_when_there_is_no_account(db: Any) -> None:
    assert_refused(nocontact("status"), "sign up")


def test_it_points_to_onboarding_without_a_breakup(owner: Any) -> None:
    assert_refused(nocontact("status"), "browser", code=1)


# --- check-in ------------------------------------------------------------------------------


def test_it_saves_a_checkin_from_flags(owner_breakup: Any) -> None:
    code, stdout, _stderr = nocontact(
        "checkin", "--mood", "2", "--desperation", "7", "--cried", "yes",
        "--sleep", "6.5", "--control", "3", "--note", "a long day",
    )  # fmt: skip
    assert code == 0
    assert "Thank you" in stdout
    event = Event.objects.get(breakup=owner_breakup)
    assert event.data == {
        "mood": 2,
        "desperation": 7,
        "cried": True,
        "sleep_hours": 6.5,
        "control": 3,
        "note": "a long day",
    }


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--mood", "9"], ["--mood", "1 to 5"]),
        (["--mood", "three"], ["--mood"]),
        (["--cried", "maybe"], ["--cried", "yes or no"]),
        (["--sleep", "30"], ["--sleep", "0 to 24"]),
        (["--control", "0"], ["--control"]),
    ],
)
def test_it_refuses_a_bad_answer_and_saves_nothing(
    owner_breakup: Any, flags: list[str], words: list[str]
) -> None:
    answers = {"--mood": "3", "--desperation": "4", "--cried": "no"}
    answers.update(dict(zip(flags[::2], flags[1::2], strict=True)))
    argv = [part for pair in answers.items() for part in pair]
    assert_refused(nocontact("checkin", *argv), *words)
    assert kinds(owner_breakup) == []


def test_it_needs_the_answers_when_nobody_is_at_a_terminal(owner_breakup: Any) -> None:
    assert_refused(nocontact("checkin", "--mood", "3"), "--desperation", "--cried")
    assert kinds(owner_breakup) == []


def test_it_asks_what_is_missing_at_a_terminal(owner_breakup: Any) -> None:
    # desperation: a wrong answer first, asked again; sleep and note skipped.
    terminal = Terminal("12\n5\nno\n\n4\n\n")
    code, stdout, _stderr = nocontact("checkin", "--mood", "3", stdin=terminal)
    assert code == 0
    assert "from 0 to 10" in stdout
    assert stdout.count("How desperate") == 2
    assert "mood" not in stdout.split("\n")[0].lower()  # --mood given: not asked
    event = Event.objects.get(breakup=owner_breakup)
    assert event.data == {"mood": 3, "desperation": 5, "cried": False, "control": 4}


def test_it_stops_cleanly_when_the_terminal_closes(owner_breakup: Any) -> None:
    code, _stdout, stderr = nocontact("checkin", stdin=Terminal("3\n"))
    assert code == 130
    assert "Nothing was half-saved" in stderr
    assert kinds(owner_breakup) == []


# --- urge --------------------------------------------------------------------------------------


def test_it_logs_a_resisted_urge(owner_breakup: Any) -> None:
    code, stdout, _stderr = nocontact(
        "urge", "--intensity", "8", "--trigger", "Late  night", "--trigger", "a song",
        "--channel", "text", "--outcome", "resisted",
    )  # fmt: skip
    assert code == 0
    assert "well done" in stdout
    event = Event.objects.get(breakup=owner_breakup)
    assert event.data == {
        "intensity": 8,
        "outcome": "resisted",
        "channel": "text",
        "triggers": ["late night", "a song"],
    }


def test_it_logs_a_slipped_urge_as_a_slip_too(owner_breakup: Any) -> None:
    code, stdout, _stderr = nocontact(
        "urge", "--intensity", "9", "--channel", "call", "--outcome", "slipped"
    )
    assert code == 0
    urge, slip = Event.objects.filter(breakup=owner_breakup).order_by("pk")
    assert (urge.kind, slip.kind) == ("urge", "slip")
    assert slip.at == urge.at
    assert slip.data == {"channel": "call"}
    assert "Thank you for being honest" in stdout
    assert f"longest streak: {days_since(owner_breakup)} days" in stdout
    assert "strength:" in stdout


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--intensity", "0", "--outcome", "resisted"], ["--intensity", "1 to 10"]),
        (["--intensity", "5", "--outcome", "maybe"], ["--outcome", "resisted, slipped"]),
        (["--intensity", "5", "--outcome", "slipped", "--channel", "pigeon"], ["--channel"]),
        (["--intensity", "5"], ["--outcome"]),
    ],
)
def test_it_refuses_a_bad_urge_and_saves_nothing(
    owner_breakup: Any, flags: list[str], words: list[str]
) -> None:
    assert_refused(nocontact("urge", *flags), *words)
    assert kinds(owner_breakup) == []


# --- slip --------------------------------------------------------------------------------------


def test_it_logs_a_slip_now_and_shows_what_was_kept(owner_breakup: Any) -> None:
    code, stdout, _stderr = nocontact("slip", "--channel", "text")
    assert code == 0
    assert kinds(owner_breakup) == ["slip"]
    assert "A slip doesn't erase what you built" in stdout
    days = days_since(owner_breakup)
    assert f"longest streak: {days} days" in stdout
    assert f"days without contact in all: {days - 1}" in stdout  # less today's slip


def test_it_reads_the_time_of_a_slip_on_the_users_clock(owner_breakup: Any) -> None:
    day = owner_breakup.breakup_date + dt.timedelta(days=3)
    code, stdout, _stderr = nocontact("slip", "--at", f"{day.isoformat()} 23:30")
    assert code == 0
    event = Event.objects.get(breakup=owner_breakup)
    assert event.at == dt.datetime.combine(day, dt.time(23, 30), BERLIN)
    assert f"Your count starts again from {day.isoformat()}." in stdout


@pytest.mark.parametrize("moment", ["yesterday", "2026-02-30 10:00", "21:30", "2026-11-22"])
def test_it_refuses_a_malformed_moment(owner_breakup: Any, moment: str) -> None:
    assert_refused(nocontact("slip", "--at", moment), "2026-11-22 21:30")
    assert kinds(owner_breakup) == []


def test_it_refuses_a_slip_in_the_future(owner_breakup: Any) -> None:
    later = (dt.datetime.now(BERLIN) + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    assert_refused(nocontact("slip", "--at", later), "hasn't come yet")
    assert kinds(owner_breakup) == []


def test_it_refuses_a_slip_before_the_breakup(owner_breakup: Any) -> None:
    before = owner_breakup.breakup_date - dt.timedelta(days=1)
    assert_refused(nocontact("slip", "--at", f"{before} 12:00"), "before the breakup")
    assert kinds(owner_breakup) == []


def test_it_refuses_an_unknown_channel(owner_breakup: Any) -> None:
    assert_refused(nocontact("slip", "--channel", "letter"), "--channel", "in_person")
    assert kinds(owner_breakup) == []


def test_it_keeps_each_users_log_apart(owner_breakup: Any, other_breakup: Any) -> None:
    assert nocontact("slip", "--user", "other")[0] == 0
    assert kinds(owner_breakup) == []
    assert kinds(other_breakup) == ["slip"]


# --- the installed command, end to end -----------------------------------------------------------


def installed_nocontact() -> str:
    path = REPO / ".venv" / "bin" / "nocontact"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make install-dev`")
    return str(path)


def test_the_installed_command_prints_the_state_of_an_export(tmp_path: Path) -> None:
    export = {
        "format": "nocontact",
        "version": 1,
        "user": {"timezone": "America/New_York"},
        "breakups": [
            {
                "id": "b1",
                "ex_nickname": "Sam",
                "breakup_date": "2026-09-01",
                "relationship_months": 6,
                "ended_by": "mutual",
                "intensity": 0,
                "goal": "unsure",
                "events": [{"kind": "slip", "at": "2026-09-11T03:30:00Z"}],  # 10 Sep, 23:30 local
            }
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))
    done = subprocess.run(
        [installed_nocontact(), "state", "--input", str(path), "--today", "2026-09-30", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    state = json.loads(done.stdout)
    assert state["day_count"] == 20
    assert state["minimum_reached_on"] == "2026-10-10"
    assert state["lock_reason"] == "not_contact_strategy"


def test_the_installed_command_says_when_the_database_is_not_set_up(tmp_path: Path) -> None:
    env = {**os.environ, "NOCONTACT_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [installed_nocontact(), "status"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "nocontact: the database is not set up yet. "
        "Run `make run` or `nocontact manage migrate` first.\n"
    )
