"""Commands that work on the app's own database: serve, manage, status, check-in, urge, slip."""

from __future__ import annotations

import argparse
import os
from typing import Any

from nocontact.cli import serving
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
    serving.add_arguments(serve)
    serve.set_defaults(handler=serving.handle_serve)


def handle_manage(args: argparse.Namespace, out: Output) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nocontact manage", *args.arguments])
    return 0
