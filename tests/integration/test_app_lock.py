"""App lock: a PIN per session and after an idle time, enforced on the server."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.auth.hashers import check_password
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nocontact.accounts import lock
from nocontact.accounts.models import settings_for
from nocontact.journey.models import Writing

pytestmark = pytest.mark.django_db

PASSWORD = "a long and calm password"
UNLOCK = reverse("unlock")
LOCK_SETTINGS = reverse("lock_settings")
SECRET = "MARKER-blue-kettle-journal"


def with_pin(user: Any, pin: str = "2468", idle: int = 5) -> None:
    lock.set_pin(settings_for(user), pin, idle)


def unlock(client: Any, pin: str = "2468") -> Any:
    return client.post(UNLOCK, {"pin": pin})


def age_session(client: Any, seconds: float) -> None:
    session = client.session
    session[lock.SESSION_SEEN] = time.time() - seconds
    session.save()


def set_pin_post(**overrides: str) -> dict[str, str]:
    data = {
        "set-pin": "1357",
        "set-pin_again": "1357",
        "set-idle_minutes": "5",
        "set-current_password": PASSWORD,
    }
    data.update(overrides)
    return data


@pytest.fixture
def owner_pw(owner: Any) -> Any:
    owner.set_password(PASSWORD)
    owner.save()
    return owner


def test_it_does_not_lock_without_a_pin(owner_client: Any, owner_breakup: Any) -> None:
    assert owner_client.get(reverse("dashboard")).status_code == 200


def test_it_locks_a_new_session(owner: Any, owner_client: Any, owner_breakup: Any) -> None:
    with_pin(owner)
    response = owner_client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(UNLOCK + "?next=")


def test_it_unlocks_with_the_right_pin(owner: Any, owner_client: Any, owner_breakup: Any) -> None:
    with_pin(owner)
    response = owner_client.post(UNLOCK, {"pin": "2468", "next": reverse("writings")})
    assert response.status_code == 302
    assert response["Location"] == reverse("writings")
    assert owner_client.get(reverse("dashboard")).status_code == 200


def test_it_refuses_a_foreign_next_url(owner: Any, owner_client: Any, owner_breakup: Any) -> None:
    with_pin(owner)
    response = owner_client.post(UNLOCK, {"pin": "2468", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_it_locks_after_the_idle_time(owner: Any, owner_client: Any, owner_breakup: Any) -> None:
    with_pin(owner, idle=5)
    unlock(owner_client)
    age_session(owner_client, 4 * 60)
    assert owner_client.get(reverse("dashboard")).status_code == 200
    age_session(owner_client, 5 * 60 + 5)
    response = owner_client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(UNLOCK)
    # Still locked on the next request: the idle lock sticks until the PIN is given.
    assert owner_client.get(reverse("dashboard")).status_code == 302


def test_it_honours_a_custom_idle_time(owner: Any, owner_client: Any, owner_breakup: Any) -> None:
    with_pin(owner, idle=1)
    unlock(owner_client)
    age_session(owner_client, 61)
    assert owner_client.get(reverse("dashboard")).status_code == 302


def test_it_keeps_the_session_awake_on_keep_alive(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    with_pin(owner, idle=5)
    unlock(owner_client)
    age_session(owner_client, 4 * 60)
    assert owner_client.get(reverse("lock_alive")).status_code == 200
    seen = owner_client.session[lock.SESSION_SEEN]
    assert time.time() - seen < 5


def test_it_does_not_save_the_session_on_every_request(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    with_pin(owner, idle=5)
    unlock(owner_client)
    owner_client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as queries:
        assert owner_client.get(reverse("dashboard")).status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]


def test_it_never_locks_before_nine_tenths_of_the_idle_time(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    with_pin(owner, idle=1)
    unlock(owner_client)
    age_session(owner_client, 5)  # a request 5 s ago (not written down: under 6 s)
    assert owner_client.get(reverse("dashboard")).status_code == 200
    age_session(owner_client, 54)
    assert owner_client.get(reverse("dashboard")).status_code == 200


def test_it_shows_nothing_of_the_app_while_locked(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    Writing.objects.create(breakup=owner_breakup, kind="journal", text=SECRET, at=timezone.now())
    with_pin(owner)
    urls = [
        reverse("dashboard"),
        reverse("writings"),
        reverse("reasons"),
        reverse("settings"),
        reverse("sos"),
        reverse("history"),
        reverse("profile"),
        LOCK_SETTINGS,
    ]
    urls += [reverse("edit_writing", args=[w.pk]) for w in Writing.objects.all()]
    for url in urls:
        response = owner_client.get(url, follow=True)
        page = response.content.decode()
        assert response.redirect_chain[-1][0].startswith(UNLOCK), url
        assert SECRET not in page
        assert f'href="{reverse("writings")}"' not in page  # no navigation while locked
    # Writes are refused too: nothing is saved while locked.
    before = Writing.objects.count()
    response = owner_client.post(reverse("new_journal"), {"text": "while locked"})
    assert response.status_code == 302
    assert Writing.objects.count() == before


def test_it_limits_wrong_pins_then_logs_out(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    with_pin(owner)
    for tries_left in (4, 3, 2, 1):
        response = unlock(owner_client, "0000")
        assert response.status_code == 400
        assert f"{tries_left} more times" in response.content.decode()
    response = unlock(owner_client, "0000")
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    # Logged out: the right PIN no longer helps, a password is needed.
    response = owner_client.get(reverse("dashboard"))
    assert response["Location"].startswith(reverse("login"))


def test_it_resets_the_count_after_a_right_pin(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    with_pin(owner)
    for _ in range(4):
        unlock(owner_client, "0000")
    unlock(owner_client)
    session = owner_client.session
    assert session[lock.SESSION_WRONG] == 0


def test_it_rejects_a_malformed_pin_kindly(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    with_pin(owner)
    response = unlock(owner_client, "abc")
    assert response.status_code == 400
    assert "4 to 8 digits" in response.content.decode()
    assert owner_client.session.get(lock.SESSION_WRONG, 0) == 0


def test_it_lets_a_locked_session_log_out(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    with_pin(owner)
    response = owner_client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in owner_client.session


def test_it_lets_a_locked_session_quick_exit(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    with_pin(owner)
    response = owner_client.get(reverse("away"))
    assert response.status_code == 200


def test_it_locks_on_quick_exit(owner: Any, owner_client: Any, owner_breakup: Any) -> None:
    with_pin(owner)
    unlock(owner_client)
    owner_client.get(reverse("away"))
    assert owner_client.get(reverse("dashboard")).status_code == 302


def test_it_locks_from_the_lock_page(owner: Any, owner_client: Any, owner_breakup: Any) -> None:
    with_pin(owner)
    unlock(owner_client)
    assert owner_client.get(UNLOCK).status_code == 200
    assert owner_client.get(reverse("dashboard")).status_code == 302


def test_it_sends_the_lock_page_away_without_a_pin(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.get(UNLOCK)
    assert response.status_code == 302


def test_it_keeps_the_lock_to_its_owner(
    owner: Any, other: Any, client: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    with_pin(owner)
    client.force_login(other)
    assert client.get(reverse("dashboard")).status_code == 200
    # The owner's PIN does not unlock anything for the other user, who has no lock.
    assert client.get(UNLOCK).status_code == 302


def test_it_asks_anonymous_visitors_to_log_in(client: Any) -> None:
    for url in (UNLOCK, LOCK_SETTINGS):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("away")).status_code == 200


def test_it_sets_a_pin_with_the_password(owner_pw: Any, owner_client: Any) -> None:
    response = owner_client.post(LOCK_SETTINGS, set_pin_post(**{"set-idle_minutes": "12"}))
    assert response.status_code == 302
    user_settings = settings_for(owner_pw)
    assert user_settings.lock_pin != "1357"
    assert check_password("1357", user_settings.lock_pin)
    assert user_settings.lock_idle_minutes == 12
    # The session that set the PIN stays open.
    assert owner_client.get(reverse("settings")).status_code == 200


def test_it_refuses_to_set_a_pin_without_the_password(owner_pw: Any, owner_client: Any) -> None:
    response = owner_client.post(LOCK_SETTINGS, set_pin_post(**{"set-current_password": "nope"}))
    assert response.status_code == 400
    assert settings_for(owner_pw).lock_pin == ""


@pytest.mark.parametrize(
    "overrides",
    [
        {"set-pin": "123", "set-pin_again": "123"},
        {"set-pin": "123456789", "set-pin_again": "123456789"},
        {"set-pin": "12ab", "set-pin_again": "12ab"},
        {"set-pin_again": "9999"},
        {"set-idle_minutes": "0"},
        {"set-idle_minutes": "61"},
        {"set-idle_minutes": "soon"},
    ],
)
def test_it_rejects_bad_pin_settings(
    owner_pw: Any, owner_client: Any, overrides: dict[str, str]
) -> None:
    response = owner_client.post(LOCK_SETTINGS, set_pin_post(**overrides))
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert settings_for(owner_pw).lock_pin == ""


def test_it_removes_the_pin_with_the_password(owner_pw: Any, owner_client: Any) -> None:
    with_pin(owner_pw)
    unlock(owner_client)
    response = owner_client.post(
        LOCK_SETTINGS, {"remove": "", "remove-current_password": "wrong one"}
    )
    assert response.status_code == 400
    assert settings_for(owner_pw).lock_pin != ""
    response = owner_client.post(LOCK_SETTINGS, {"remove": "", "remove-current_password": PASSWORD})
    assert response.status_code == 302
    assert settings_for(owner_pw).lock_pin == ""


def test_it_never_changes_anything_on_get(owner_pw: Any, owner_client: Any) -> None:
    owner_client.get(LOCK_SETTINGS, set_pin_post())
    assert settings_for(owner_pw).lock_pin == ""


def test_it_explains_quick_exit_honestly(owner_client: Any, owner_breakup: Any) -> None:
    page = owner_client.get(reverse("settings")).content.decode()
    assert "history" in page
    assert "private window" in page
    assert reverse("lock_settings") in page


def first_link(page: str) -> str:
    return page.split("<body", 1)[1].split("<a ", 1)[1].split(">", 1)[0]


def test_it_puts_quick_exit_first_on_every_page(owner_client: Any, owner_breakup: Any) -> None:
    pages = [owner_client.get(reverse(name)) for name in ("dashboard", "settings", "sos")]
    owner_client.logout()
    pages.append(owner_client.get(reverse("login")))
    for response in pages:
        link = first_link(response.content.decode())
        assert "data-quick-exit" in link
        assert f'href="{reverse("away")}"' in link


def test_it_shows_a_neutral_away_page(client: Any) -> None:
    response = client.get(reverse("away"))
    page = response.content.decode()
    assert "nocontact" not in page.lower()
    assert "<title>New tab</title>" in page
    assert "no-store" in response["Cache-Control"]
