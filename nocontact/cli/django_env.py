"""Django, for the commands that read the app's own database.

Imported only by those commands, so ``nocontact state`` never pays for Django.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from nocontact.cli import messages
from nocontact.cli.base import CommandError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from nocontact.journey.models import Breakup

T = TypeVar("T")

# What SQLite and PostgreSQL say when a table or column the app needs is missing.
NOT_MIGRATED_HINTS = ("no such table", "no such column", "does not exist")


def setup() -> None:
    """The ORM and the journey's models, and nothing a command line does not use.

    Like ``django.setup()`` without the URL prefix and the logging set-up, which
    import the whole HTTP stack; the lean settings leave out the web's apps.
    """
    from django.apps import apps

    if apps.ready:  # already set up (tests, ``nocontact manage``)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.cli.settings")
    from django.conf import settings

    apps.populate(settings.INSTALLED_APPS)


@contextmanager
def database_errors() -> Iterator[None]:
    """A database that is missing, locked or not migrated is a message, not a traceback."""
    from django.db import DatabaseError

    try:
        yield
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if any(hint in reason.lower() for hint in NOT_MIGRATED_HINTS):
            raise CommandError(messages.NOT_MIGRATED) from None
        raise CommandError(messages.DATABASE_UNAVAILABLE.format(reason=reason)) from None


def with_database(handler: Callable[..., T]) -> Callable[..., T]:
    def wrapper(*args: Any, **kwargs: Any) -> T:
        setup()
        with database_errors():
            return handler(*args, **kwargs)

    wrapper.__name__ = handler.__name__
    wrapper.__doc__ = handler.__doc__
    return wrapper


def resolve_user(name: str | None) -> User:
    """--user, else NOCONTACT_USER, else the only account there is."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    name = name or os.environ.get("NOCONTACT_USER") or None
    if name:
        try:
            user: User = user_model.objects.get(username=name, is_active=True)
        except user_model.DoesNotExist:
            raise CommandError(messages.UNKNOWN_USER.format(name=name)) from None
        return user
    users = list(user_model.objects.filter(is_active=True).order_by("pk")[:2])
    if not users:
        raise CommandError(messages.NO_USERS)
    if len(users) > 1:
        raise CommandError(messages.WHICH_USER)
    return users[0]


def resolve_breakup(user: User) -> Breakup:
    from nocontact.journey import repository

    breakup = repository.active_breakup(user)
    if breakup is None:
        raise CommandError(messages.NO_BREAKUP, exit_code=1)
    breakup.user = user  # already loaded: spare a query
    return breakup
