"""``nocontact state``: the derived state of an export file. No database, no Django."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from nocontact.cli import messages
from nocontact.cli.base import CommandError, Output
from nocontact.core import clock
from nocontact.core.export import ExportFormatError, parse_export
from nocontact.core.program import derive_state


def parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(messages.BAD_DATE.format(value=value)) from None


def register(sub: Any) -> None:
    state = sub.add_parser(
        "state",
        help="print the derived state of an export file",
        description="Read an export file (the JSON of `nocontact export`) and print the "
        "state the program derives from it. Needs no database.",
    )
    state.add_argument(
        "--input", required=True, metavar="FILE", help="the export file ('-' for stdin)"
    )
    state.add_argument(
        "--today",
        type=parse_day,
        metavar="YYYY-MM-DD",
        help="the day to evaluate (default: today in the file's time zone)",
    )
    state.add_argument("--breakup", metavar="ID", help="which breakup (default: the first)")
    state.add_argument("--json", action="store_true", help="print JSON")
    state.set_defaults(handler=handle_state)


def read_json_file(path: str) -> Any:
    import sys

    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except FileNotFoundError:
        raise CommandError(messages.FILE_NOT_FOUND.format(path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise CommandError(messages.FILE_UNREADABLE.format(path=path, reason=reason)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            messages.NOT_JSON.format(path=path, line=exc.lineno, column=exc.colno, reason=exc.msg)
        ) from None


def handle_state(args: argparse.Namespace, out: Output) -> int:
    document = read_json_file(args.input)
    try:
        export = parse_export(document)
        record = export.breakup(args.breakup)
    except ExportFormatError as exc:
        raise CommandError(messages.BAD_EXPORT.format(path=args.input, problem=str(exc))) from None
    today = args.today or clock.local_now(export.tzinfo).date()
    state = derive_state(record.profile, record.events, today, export.tzinfo)
    document_out = state.to_json()
    if args.json:
        out.json(document_out)
    else:
        for key, value in document_out.items():
            if key == "readiness":
                out.line(f"readiness: {value['verdict']}")
                for reason in value["reasons"]:
                    out.line(f"  - {reason}")
            else:
                out.line(f"{key}: {'-' if value is None else value}")
    return 0
