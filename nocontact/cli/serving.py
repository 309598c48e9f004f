"""``nocontact serve``: the app behind granian, for one person or for many.

Local mode serves the package's own static files and migrates first. Hosted mode
(``NOCONTACT_MODE=hosted``) first collects the static files into ``STATIC_ROOT``
(compressed and with hashed names, so whitenoise can serve them gzipped with a
far-future ``Cache-Control``), then starts N worker processes behind one socket.
"""

from __future__ import annotations

import argparse
import os

from nocontact.cli.base import CommandError, Output

# Seconds a worker may finish the requests in flight after SIGTERM before it is killed.
GRACEFUL_SHUTDOWN_SECONDS = 30


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("it must be 1 or more")
    return value


def add_arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        help="worker processes (hosted: about one a core)",
    )
    serve.add_argument(
        "--threads",
        type=positive_int,
        default=None,
        help="request threads per worker (default: the number of cores, at least 2)",
    )
    serve.add_argument("--no-migrate", action="store_true", help="do not apply migrations first")
    serve.add_argument(
        "--no-collectstatic",
        action="store_true",
        help="hosted mode: the static files are already collected into STATIC_ROOT",
    )


def prepare(args: argparse.Namespace) -> None:
    """Migrations and static files, in this process, before any worker starts."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    if settings.STATIC_ROOT and not args.no_collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
    # The workers open their own connections; none is shared across processes.
    connections.close_all()


def handle_serve(args: argparse.Namespace, out: Output) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
        prepare(args)
    except ImproperlyConfigured as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:  # e.g. STATIC_ROOT not writable by the service's user
        raise CommandError(f"cannot prepare the static files: {exc}") from None
    from granian.constants import Interfaces
    from granian.server import Server

    out.line(f"nocontact is running at http://{args.host}:{args.port}/  (Ctrl+C to stop)")
    out.stdout.flush()
    Server(
        "nocontact.wsgi:application",
        address=args.host,
        port=args.port,
        # Django's views are synchronous: WSGI runs them on a thread pool with no
        # event-loop hop per request, which ASGI would add.
        interface=Interfaces.WSGI,
        workers=args.workers,
        # A handful of threads per worker: SQLite has one writer at a time anyway,
        # and a small pool keeps memory and database connections low.
        blocking_threads=args.threads or max(2, os.cpu_count() or 2),
        backpressure=32,
        # A worker that dies (out of memory, a crash in a C extension) comes back.
        respawn_failed_workers=True,
        # SIGTERM (systemd, a rolling restart): stop accepting, finish what is in flight.
        workers_kill_timeout=GRACEFUL_SHUTDOWN_SECONDS,
        log_access=False,  # access logs would record which pages a person visits
    ).serve()
    return 0
