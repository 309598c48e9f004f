"""``nocontact coach``: the message coach in the terminal, in-process. No database."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from nocontact.cli.base import Output
from nocontact.cli.main import run

BEGGING = "I miss you so much, please answer me"


def coach(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out = Output(io.StringIO(), io.StringIO(), io.StringIO(stdin))
    code = run(["coach", *argv], out)
    return code, out.stdout.getvalue(), out.stderr.getvalue()  # type: ignore[attr-defined]


def test_it_prints_json_in_the_documented_shape() -> None:
    code, stdout, _ = coach("--route", "first_contact", "--json", BEGGING)
    assert code == 0
    document = json.loads(stdout)
    assert set(document) == {"score", "flags"}
    assert isinstance(document["score"], int)
    assert 0 <= document["score"] < 100
    assert document["flags"]
    for flag in document["flags"]:
        assert set(flag) == {"code", "start", "end", "why", "suggestion"}
        assert BEGGING[flag["start"] : flag["end"]]
    assert "declares_feelings" in {flag["code"] for flag in document["flags"]}


def test_it_quotes_each_flagged_span_for_a_person() -> None:
    code, stdout, _ = coach("--route", "first_contact", BEGGING)
    assert code == 0
    assert stdout.startswith("score: ")
    assert '"' in stdout
    assert "miss you" in stdout
    assert "why:" in stdout
    assert "better:" in stdout


def test_it_reads_the_draft_from_stdin() -> None:
    code, stdout, _ = coach("--route", "reply", "--json", "-", stdin="Good to hear from you!")
    assert code == 0
    assert json.loads(stdout) == {"score": 100, "flags": []}


def test_it_praises_a_clean_draft() -> None:
    code, stdout, _ = coach("--route", "reply", "Good to hear from you!")
    assert code == 0
    assert "Nothing to change" in stdout


def test_it_uses_the_send_time_and_unanswered_messages() -> None:
    _, stdout, _ = coach(
        "--route", "reply", "--send-at", "02:10", "--unanswered", "2", "--json", "Hi there."
    )
    codes = {flag["code"] for flag in json.loads(stdout)["flags"]}
    assert {"late_night", "double_text"} <= codes


def test_it_stops_and_points_to_help_on_self_harm() -> None:
    code, stdout, _ = coach("--route", "reply", "I want to end it all")
    assert code == 0
    assert "emergency number" in stdout
    assert "better:" not in stdout


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["--route", "serenade", "hi"], "not a route"),
        (["--route", "reply", "--send-at", "25:00", "hi"], "not a time"),
        (["--route", "reply", "--send-at", "9pm", "hi"], "not a time"),
        (["--route", "reply", "--unanswered", "many", "hi"], "whole number"),
        (["--route", "reply", "--unanswered", "99", "hi"], "whole number"),
        (["hi"], "--route"),
    ],
)
def test_it_explains_bad_input_and_exits_2(argv: list[str], problem: str) -> None:
    code, _stdout, stderr = coach(*argv)
    assert code == 2
    assert problem in stderr
    assert "Traceback" not in stderr


def test_it_refuses_a_draft_too_long_to_read() -> None:
    code, _, stderr = coach("--route", "reply", "-", stdin="x" * 10_001)
    assert code == 2
    assert "longer than the coach reads" in stderr


def test_it_never_imports_django() -> None:
    script = (
        "import sys, io\n"
        "from nocontact.cli.main import run\n"
        "from nocontact.cli.base import Output\n"
        "out = Output(io.StringIO(), io.StringIO())\n"
        "assert run(['coach', '--route', 'reply', '--json', 'hi'], out) == 0\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
