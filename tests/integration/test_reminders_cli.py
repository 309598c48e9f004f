"""``nocontact reminders`` driven in-process (the worker processes are in test_reminder_workers)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from nocontact.cli.base import Output
from nocontact.cli.main import run
from tests.integration.reminder_helpers import want_reminders
from tests.integration.smtp_helpers import SmtpServer


def nocontact(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(list(argv), Output(stdout, stderr, io.StringIO()))
    return code, stdout.getvalue(), stderr.getvalue()


def test_it_sends_what_is_due_once_and_says_how_many(
    make_user: Any, smtp_settings: SmtpServer
) -> None:
    user = make_user("fern", timezone="UTC")
    want_reminders(user, "fern@nocontact.test", dt.time(0, 0), daily_checkin=True)

    code, out, err = nocontact("reminders", "--once")

    assert (code, err) == (0, "")
    assert "1 sent" in out
    (received,) = smtp_settings.mailbox.wait_for(1, timeout=5)
    assert received.recipients == ("fern@nocontact.test",)
    assert "fern@" not in out, "no address in the worker's output"
    # A second run finds nothing left to send.
    assert nocontact("reminders", "--once") == (0, "", "")


def test_it_refuses_an_interval_out_of_range(db: Any) -> None:
    code, _out, err = nocontact("reminders", "--interval", "0")
    assert code == 2
    assert "--interval must be between 1 and 3600 seconds" in err


def test_it_lists_the_command_in_the_help() -> None:
    code, out, _err = nocontact("--help")
    assert code == 0
    assert "reminders" in out
