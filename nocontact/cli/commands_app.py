"""Commands that work on the app's own database: serve, manage, status, check-in, urge, slip."""

from __future__ import annotations

import argparse
import os
from typing import Any

from nocontact.cli.base import Output


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
    import django

    django.setup()


def register(sub: Any) -> None:
    manage = sub.add_parser("manage", help="run a Django management command (migrate, ...)")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=handle_manage)

    serve = sub.add_parser("serve", help="serve the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--no-migrate", action="store_true", help="do not apply migrations first")
    serve.set_defaults(handler=handle_serve)


def handle_manage(args: argparse.Namespace, out: Output) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nocontact manage", *args.arguments])
    return 0


def handle_serve(args: argparse.Namespace, out: Output) -> int:
    setup_django()
    if not args.no_migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    from granian.constants import Interfaces
    from granian.server import Server

    out.line(f"nocontact is running at http://{args.host}:{args.port}/  (Ctrl+C to stop)")
    Server(
        "nocontact.wsgi:application",
        address=args.host,
        port=args.port,
        interface=Interfaces.WSGI,
        workers=args.workers,
        # A handful of threads per worker: SQLite has one writer at a time anyway,
        # and a small pool keeps memory low.
        blocking_threads=max(2, os.cpu_count() or 2),
        backpressure=32,
        log_access=False,  # access logs would record which pages a person visits
    ).serve()
    return 0
