"""The ``nocontact`` command. One exit point: ``run(argv) -> int``.

Commands that need no database (``state``) never import Django, so they start
in a blink; the others set Django up lazily.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nocontact.cli import messages
from nocontact.cli.base import CommandError, Output


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nocontact",
        description="A private coach for the weeks after a breakup.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    from nocontact.cli import commands_app, commands_state

    commands_state.register(sub)
    commands_app.register(sub)
    return parser


def run(argv: Sequence[str] | None = None, out: Output | None = None) -> int:
    out = out or Output(sys.stdout, sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # argparse already printed its usage message
        return int(exc.code or 0)
    try:
        result: int = args.handler(args, out)
        return result
    except CommandError as exc:
        out.error(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        out.error(messages.INTERRUPTED)
        return 130


def main() -> None:
    sys.exit(run())
