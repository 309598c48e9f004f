"""The ``nocontact`` command. One exit point: ``run(argv) -> int``.

Commands that need no database (``state``) never import Django, so they start
in a blink; the others set Django up lazily.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from typing import NoReturn

from nocontact.accounts.errors import WordsLocked
from nocontact.cli import messages
from nocontact.cli.base import CommandError, Output


class Parser(argparse.ArgumentParser):
    """argparse, with a one-line error instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        text = messages.USAGE_ERROR.format(message=message, prog=self.prog)
        self.exit(2, f"nocontact: {text}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="nocontact",
        description="A private coach for the weeks after a breakup.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True

    from nocontact.cli import (
        commands_app,
        commands_coach,
        commands_journey,
        commands_privacy,
        commands_reminders,
        commands_state,
    )

    commands_state.register(sub)
    commands_coach.register(sub)
    commands_journey.register(sub)
    commands_privacy.register(sub)
    commands_app.register(sub)
    commands_reminders.register(sub)
    return parser


def run(argv: Sequence[str] | None = None, out: Output | None = None) -> int:
    out = out or Output(sys.stdout, sys.stderr, sys.stdin)
    parser = build_parser()
    try:
        # argparse prints help and usage errors itself: let them reach ``out``.
        with redirect_stdout(out.stdout), redirect_stderr(out.stderr):
            args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # argparse already printed its message
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        return 2
    try:
        result: int = args.handler(args, out)
        return result
    except CommandError as exc:
        out.error(exc.message)
        return exc.exit_code
    except WordsLocked:
        out.error(messages.WORDS_LOCKED)
        return 1
    except KeyboardInterrupt:
        out.stdout.write("\n")
        out.error(messages.INTERRUPTED)
        return 130


def main() -> None:
    try:
        code = run()
        sys.stdout.flush()
    except BrokenPipeError:  # ``nocontact status | head``: the reader left early
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    sys.exit(code)
