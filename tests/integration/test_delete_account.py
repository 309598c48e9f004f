"""Hard delete: every row of the user and every session, gone; nothing left on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from nocontact.accounts.models import UserSettings
from nocontact.api.models import ApiToken
from nocontact.journey.models import Breakup, Event, Occasion, Reason, Writing
from nocontact.reminders.models import ReminderSettings
from tests.conftest import PASSWORD
from tests.integration.raw_sqlite import nocontact, raw_bytes

AT = dt.datetime(2026, 9, 2, 19, 0, tzinfo=dt.UTC)


def rows_of(user: Any) -> dict[str, int]:
    return {
        "breakups": Breakup.objects.filter(user_id=user.pk).count(),
        "events": Event.objects.filter(breakup__user_id=user.pk).count(),
        "writings": Writing.objects.filter(breakup__user_id=user.pk).count(),
        "occasions": Occasion.objects.filter(breakup__user_id=user.pk).count(),
        "reasons": Reason.objects.filter(user_id=user.pk).count(),
        "settings": UserSettings.objects.filter(user_id=user.pk).count(),
        "users": get_user_model().objects.filter(pk=user.pk).count(),
    }


def rows_pointing_at(user_pk: int) -> dict[str, int]:
    """Rows of every installed model whose foreign key names the user: an app added
    later is covered without this test knowing about it."""
    user_model = get_user_model()
    counts: dict[str, int] = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                rows = model._default_manager.filter(**{field.attname: user_pk}).count()
                counts[f"{model._meta.label}.{field.name}"] = rows
    return counts


def test_it_asks_for_the_password_first(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.get(reverse("delete_account"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="password"' in page
    assert "no undo" in page
    assert get_user_model().objects.filter(pk=owner_breakup.user.pk).exists()


def test_it_deletes_every_row_and_session_of_the_user(
    owner: Any, owner_breakup: Any, other: Any, other_breakup: Any
) -> None:
    Writing.objects.create(breakup=owner_breakup, kind="journal", text="mine", at=AT)
    Occasion.objects.create(breakup=owner_breakup, kind="occasion", name="x", date=AT.date())
    Reason.objects.create(user=owner, text="sleep")
    Event.objects.create(breakup=owner_breakup, kind="slip", at=AT, data={})
    ApiToken.objects.create(user=owner, name="laptop script", token_hash="a" * 64)
    ReminderSettings.objects.create(user=owner, email="me@example.org", daily_checkin=True)
    assert sum(rows_pointing_at(owner.pk).values()) >= 4
    AccessAttempt.objects.create(
        username="owner", ip_address="127.0.0.1", user_agent="", failures_since_start=2
    )
    AccessAttempt.objects.create(
        username="other", ip_address="127.0.0.1", user_agent="", failures_since_start=1
    )
    phone, laptop, theirs = Client(), Client(), Client()
    phone.force_login(owner)
    laptop.force_login(owner)
    theirs.force_login(other)
    assert Session.objects.count() == 3
    other_rows = rows_of(other)

    response = laptop.post(reverse("delete_account"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_deleted")
    assert set(rows_of(owner).values()) == {0}
    assert set(rows_pointing_at(owner.pk).values()) == {0}
    assert Session.objects.count() == 1  # the other user's only
    assert not AccessAttempt.objects.filter(username="owner").exists()
    assert AccessAttempt.objects.filter(username="other").exists()
    assert rows_of(other) == other_rows
    # Both of the owner's devices are signed out; the other user is not.
    assert phone.get(reverse("dashboard")).status_code == 302
    assert theirs.get(reverse("dashboard")).status_code == 200
    assert Client().get(response["Location"]).status_code == 200


def test_it_refuses_a_wrong_password(owner: Any, owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(reverse("delete_account"), {"password": "not it at all"})
    assert response.status_code == 400
    assert "doesn&#x27;t match" in response.content.decode()
    assert rows_of(owner)["breakups"] == 1
    assert rows_of(owner)["users"] == 1


def test_it_asks_for_a_password_when_none_is_typed(owner: Any, owner_client: Any) -> None:
    response = owner_client.post(reverse("delete_account"), {})
    assert response.status_code == 400
    assert rows_of(owner)["users"] == 1


def test_another_user_can_only_delete_themselves(
    owner: Any, owner_breakup: Any, other: Any, other_client: Any
) -> None:
    # Their own password deletes their own account; the owner stays.
    response = other_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert rows_of(other)["users"] == 0
    assert rows_of(owner)["breakups"] == 1


def test_it_sends_anonymous_people_to_login(client: Any, owner: Any) -> None:
    for method in (client.get, client.post):
        response = method(reverse("delete_account"), {"password": PASSWORD})
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    assert rows_of(owner)["users"] == 1


def test_it_refuses_a_post_without_csrf_token(owner: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 403
    assert rows_of(owner)["users"] == 1


# --- nothing left in the database files (real CLI, real SQLite file) ------------------------


def test_it_leaves_no_trace_in_the_sqlite_files(tmp_path: Path) -> None:
    marker = "MARKER-7f3a9c-journal"
    nickname = "Nickname-5b21e"
    export = (
        '{"format": "nocontact", "version": 1, "user": {"timezone": "UTC"}, "breakups": [{'
        f'"ex_nickname": "{nickname}", "breakup_date": "2026-09-01", "relationship_months": 6,'
        '"ended_by": "them", "intensity": 0, "goal": "unsure", "events": ['
        f'{{"kind": "journal", "at": "2026-09-02T21:00:00Z", "text": "{marker}"}},'
        f'{{"kind": "unsent_letter", "at": "2026-09-03T21:00:00Z", "text": "{marker} letter"}}'
        "]}]}"
    )
    nocontact(tmp_path, "manage", "migrate", "--verbosity", "0")
    nocontact(
        tmp_path, "manage", "createsuperuser", "--noinput", "--username", "amy", "--email", ""
    )
    nocontact(tmp_path, "import", "-", "--user", "amy", stdin=export)
    before = raw_bytes(tmp_path)
    assert marker.encode() in before  # the test can see the text when it is there
    assert nickname.encode() in before

    nocontact(tmp_path, "delete-account", "--user", "amy", "--yes")

    after = raw_bytes(tmp_path)
    assert marker.encode() not in after
    assert nickname.encode() not in after
    assert b"amy" not in after
    wal = tmp_path / "nocontact.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0
