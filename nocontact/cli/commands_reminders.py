"""``nocontact reminders``: the e-mail reminder worker (healthchecks' ``sendalerts`` style).

A long-running loop by default, ``--once`` for cron. Several may run at once:
each reminder is claimed atomically, so it is sent once. SIGTERM (or Ctrl+C)
lets the message being sent finish, then the command exits 0.
"""

from __future__ import annotations

import argparse
import os
import signal
import threading
from types import FrameType
from typing import Any

from nocontact.cli import messages
from nocontact.cli.base import CommandError, Output


def register(sub: Any) -> None:
    parser = sub.add_parser("reminders", help="send the e-mail reminders that are due")
    parser.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    parser.add_argument(
        "--interval",
        type=float,
        default=None,
        metavar="SECONDS",
        help="pause between rounds of the long-running loop (default 30)",
    )
    parser.set_defaults(handler=handle_reminders)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
    from django.apps import apps

    if not apps.ready:
        import django

        django.setup()


def _report(out: Output, result: Any) -> None:
    if result.sent or result.skipped or result.failed:
        out.line(
            messages.REMINDERS_TICK.format(
                sent=result.sent, skipped=result.skipped, failed=result.failed
            )
        )
        out.stdout.flush()


def handle_reminders(args: argparse.Namespace, out: Output) -> int:
    from nocontact.cli.django_env import database_errors

    _setup()
    from django.db import DatabaseError, close_old_connections

    from nocontact.reminders import worker

    interval = worker.DEFAULT_INTERVAL_SECONDS if args.interval is None else args.interval
    if not 1 <= interval <= 3600:
        raise CommandError(messages.REMINDERS_BAD_INTERVAL)
    if args.once:
        with database_errors():
            _report(out, worker.tick())
        return 0

    stop = threading.Event()

    def ask_to_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()  # the current message finishes; no new one is claimed

    previous = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    out.line(messages.REMINDERS_STARTED.format(seconds=f"{interval:g}"))
    out.stdout.flush()
    try:
        while not stop.is_set():
            close_old_connections()
            try:
                _report(out, worker.tick(stop))
            except DatabaseError as exc:
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "error"
                out.error(messages.REMINDERS_DATABASE_PROBLEM.format(reason=reason))
            stop.wait(interval)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    out.line(messages.REMINDERS_STOPPED)
    return 0
