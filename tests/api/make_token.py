"""Make the schemathesis run's account: one user, a breakup, an API token (printed).

Run with the server's own environment (``NOCONTACT_DATA_DIR``, ``DATABASE_URL``),
after ``nocontact manage migrate``:  ``python tests/api/make_token.py``
"""

from __future__ import annotations

import datetime as dt
import os
import secrets


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from nocontact.api.tokens import create_token
    from nocontact.core import model as core
    from nocontact.journey import repository

    user = get_user_model().objects.create_user(
        username=f"fuzz-{secrets.token_hex(4)}", password=secrets.token_urlsafe(24)
    )
    repository.create_breakup(
        user,
        core.Profile(
            ex_nickname="Sam",
            breakup_date=dt.date.today() - dt.timedelta(days=12),
            relationship_months=26,
            ended_by=core.EndedBy.THEM,
            intensity=1,
            goal=core.Goal.RECONNECT,
        ),
    )
    _token, raw = create_token(user, "schemathesis")
    print(raw)


if __name__ == "__main__":
    main()
