"""Your data, from the terminal: export, import and delete-account.

Django is set up inside the handlers only. ``delete-account`` needs the full
settings (sessions and failed logins are deleted too), the others the lean ones.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from nocontact.cli import messages
from nocontact.cli.base import CommandError, Output
from nocontact.cli.django_env import resolve_user, with_database
from nocontact.cli.words import unlocked_for

FORMATS = ("json", "csv", "markdown")


def register(sub: Any) -> None:
    user_help = "whose data (default: $NOCONTACT_USER, or the only account)"

    export = sub.add_parser(
        "export",
        help="export all your data (JSON, CSV or Markdown)",
        description="Export every breakup, event, journal entry and letter. JSON can be "
        "imported again; CSV is a zip with one file per kind; Markdown holds the "
        "journal and the letters.",
    )
    export.add_argument("--format", choices=FORMATS, default="json")
    export.add_argument("--output", metavar="PATH", help="write to this file (default: stdout)")
    export.add_argument("--user", metavar="NAME", help=user_help)
    export.set_defaults(handler=handle_export)

    imp = sub.add_parser(
        "import",
        help="import a JSON export into an empty account",
        description="Import a nocontact JSON export into an account with no breakup yet. "
        "Nothing is imported unless the whole file is fine.",
    )
    imp.add_argument("file", metavar="FILE", help="the JSON export ('-' reads stdin)")
    imp.add_argument("--user", metavar="NAME", help=user_help)
    imp.set_defaults(handler=handle_import)

    delete = sub.add_parser(
        "delete-account",
        help="delete an account and everything in it, for good",
        description="Delete the account, every breakup, entry and letter, its sessions "
        "and failed logins. This cannot be undone.",
    )
    delete.add_argument("--user", metavar="NAME", required=True, help="the account to delete")
    delete.add_argument("--yes", action="store_true", help="yes, delete it for good")
    delete.set_defaults(handler=handle_delete)


@with_database
def handle_export(args: argparse.Namespace, out: Output) -> int:
    from nocontact.journey import portability

    user = resolve_user(args.user)
    with unlocked_for(user, out):
        document = portability.export_for(user)
    if args.format == "csv":
        data: bytes = portability.to_csv_zip(document)
        if not args.output:
            if out.stdout is sys.stdout and sys.stdout.isatty():
                raise CommandError("a zip is not for a terminal: add --output FILE.zip")
            buffer = getattr(out.stdout, "buffer", None)
            if buffer is None:
                raise CommandError("a zip needs a file: add --output FILE.zip")
            buffer.write(data)
            return 0
    elif args.format == "markdown":
        data = portability.to_markdown(document, markdown_titles()).encode()
    else:
        data = portability.to_json(document).encode()
    if args.output:
        _write_private(Path(args.output), data)
        out.error(f"exported to {args.output}")
    else:
        out.stdout.write(data.decode())
    return 0


def markdown_titles() -> dict[str, str]:
    from django.utils.translation import gettext as _

    return {
        "title": _("Journal and letters"),
        "breakup": _("{name}, since {date}"),
        "empty": _("Nothing written here."),
        "journal": _("Journal"),
        "unsent_letter": _("Unsent letter"),
    }


def _write_private(path: Path, data: bytes) -> None:
    """Only the owner may read the file: it holds the most private words there are."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror}") from None


def _read(name: str, out: Output) -> bytes:
    from nocontact.journey.portability import MAX_IMPORT_BYTES

    try:
        if name == "-":
            stream = getattr(out.stdin, "buffer", None)
            if stream is not None:
                return bytes(stream.read(MAX_IMPORT_BYTES + 1))
            return (out.stdin.read() if out.stdin else "").encode()
        with open(name, "rb") as handle:
            return handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise CommandError(f"cannot read {name}: {exc.strerror}") from None


@with_database
def handle_import(args: argparse.Namespace, out: Output) -> int:
    from nocontact.accounts.words import is_on
    from nocontact.core.export import ExportFormatError
    from nocontact.journey import portability

    user = resolve_user(args.user)
    if args.file == "-" and is_on(user.pk) and not out.interactive:
        raise CommandError(messages.PASSPHRASE_AND_STDIN)
    raw = _read(args.file, out)
    try:
        with unlocked_for(user, out):
            count = portability.import_into(user, portability.decode(raw))
    except ExportFormatError as exc:
        where = f" at {exc.where}" if exc.where else ""
        raise CommandError(f"nothing was imported: a problem{where}: {exc.message}") from None
    except portability.AccountNotEmpty:
        raise CommandError(
            "nothing was imported: this account already has a breakup. "
            "Import goes into a new, empty account."
        ) from None
    out.line(f"Imported {count} breakup{'' if count == 1 else 's'}.")
    return 0


def handle_delete(args: argparse.Namespace, out: Output) -> int:
    # Sessions and failed logins live in apps the lean settings leave out.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
    return _delete(args, out)


@with_database
def _delete(args: argparse.Namespace, out: Output) -> int:
    from django.apps import apps

    from nocontact.journey import portability

    if not args.yes:
        raise CommandError("this deletes everything for good: add --yes to go ahead")
    if not apps.is_installed("django.contrib.sessions"):
        raise CommandError("delete-account needs DJANGO_SETTINGS_MODULE=nocontact.settings")
    user = resolve_user(args.user)
    portability.delete_account(user)
    out.line(f"The account {args.user} and everything in it are deleted.")
    return 0
