"""Settings for the day-to-day commands (status, check-in, urge, slip).

The app's own settings, with only the apps the ORM needs for the journey: the
command starts in about half the time, which matters for a glance at 2 a.m.
The web server and ``nocontact manage`` keep ``nocontact.settings``.
"""

from __future__ import annotations

from nocontact.settings import *  # noqa: F403

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "nocontact.accounts",
    "nocontact.journey",
    "nocontact.reminders",  # its rows follow a deleted account by cascade
]
MIDDLEWARE = []
