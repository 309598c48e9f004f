"""Accounts: sign up, log in, brute-force lock, cookies, log out, password change."""

from __future__ import annotations

import datetime as dt
import html
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another calm passphrase 7"


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def signup(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post(
        reverse("signup"), {"username": username, "password1": password, "password2": password}
    )


def login(client: Client, username: str, password: str, address: str = "10.0.0.1") -> Any:
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def same_page(first: Any, second: Any, names: tuple[str, str]) -> bool:
    """The two answers are the same apart from the typed name and the CSRF token."""

    def normalised(response: Any) -> str:
        page = text_of(response)
        for name in names:
            page = page.replace(f'value="{name}"', 'value="NAME"')
        return "\n".join(line for line in page.splitlines() if "csrfmiddlewaretoken" not in line)

    return normalised(first) == normalised(second)


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- Sign up ----------------------------------------------------------------------


def test_it_signs_up_logs_in_and_starts_onboarding(client: Client) -> None:
    response = signup(client, "river")
    assert response.status_code == 302
    assert response.url == reverse("onboarding")
    assert is_logged_in(client)
    assert client.get(reverse("onboarding")).status_code == 200


def test_it_answers_a_taken_username_like_any_rejected_one(client: Client, owner: Any) -> None:
    taken = signup(client, "OWNER")
    reserved = signup(client, "admin")
    assert taken.status_code == reserved.status_code == 400
    message = "Please choose a different username."
    assert message in text_of(taken)
    assert message in text_of(reserved)
    assert same_page(taken, reserved, names=("OWNER", "admin"))
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["owner"]
    assert not is_logged_in(client)


def test_it_rejects_a_weak_password_without_creating_anyone(client: Client) -> None:
    response = signup(client, "river", password="short")
    assert response.status_code == 400
    assert not get_user_model().objects.exists()


def test_it_sends_a_signed_in_user_from_signup_to_the_dashboard(owner_client: Client) -> None:
    response = owner_client.get(reverse("signup"))
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


# --- Log in -----------------------------------------------------------------------


def test_it_logs_in(client: Client, owner: Any) -> None:
    response = login(client, "owner", PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_it_answers_a_wrong_password_and_an_unknown_name_the_same(
    client: Client, owner: Any
) -> None:
    wrong_password = login(client, "owner", "not the password at all")
    unknown_name = login(client, "nobody-here", "not the password at all")
    assert wrong_password.status_code == unknown_name.status_code
    message = "That username and password don't match."
    assert message in text_of(wrong_password)
    assert message in text_of(unknown_name)
    assert same_page(wrong_password, unknown_name, names=("owner", "nobody-here"))
    assert not is_logged_in(client)


# --- Brute force: a (username, address) pair is locked, never a username alone ------


def fail_five_times(client: Client, address: str = "10.0.0.1") -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "owner", "wrong guess", address=address)


def test_it_locks_a_name_and_address_pair_after_five_failures(client: Client, owner: Any) -> None:
    fail_five_times(client)
    response = login(client, "owner", PASSWORD)
    assert response.status_code == 429
    assert "please wait 15 minutes" in text_of(response)
    assert not is_logged_in(client)


def test_four_failures_do_not_lock(client: Client, owner: Any) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "owner", "wrong guess")
    assert login(client, "owner", PASSWORD).status_code == 302


def test_the_same_name_still_logs_in_from_another_address(client: Client, owner: Any) -> None:
    fail_five_times(client, address="203.0.113.9")
    response = login(Client(), "owner", PASSWORD, address="10.0.0.1")
    assert response.status_code == 302


def test_another_name_still_logs_in_from_the_locked_address(
    client: Client, owner: Any, other: Any
) -> None:
    fail_five_times(client)
    assert login(Client(), "other", PASSWORD).status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(client: Client, owner: Any) -> None:
    assert dt.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    fail_five_times(client)

    def age_attempts(minutes: int) -> None:
        AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=minutes))

    age_attempts(14)
    assert login(client, "owner", PASSWORD).status_code == 429
    age_attempts(16)
    response = login(client, "owner", PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


# --- How passwords and sessions are kept -------------------------------------------


@pytest.mark.real_hashing
def test_passwords_are_hashed_with_argon2id(client: Client) -> None:
    signup(client, "river")
    user = get_user_model().objects.get(username="river")
    assert user.password.startswith("argon2$argon2id$")
    assert PASSWORD not in user.password


def test_the_session_cookie_is_httponly_and_samesite_lax(client: Client, owner: Any) -> None:
    response = login(client, "owner", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    # Local mode serves plain http on 127.0.0.1, so the cookie can't require https.
    assert not cookie["secure"]


def settings_in_a_fresh_process(tmp_path: Path, **env: str) -> dict[str, str]:
    code = (
        "from django.conf import settings;"
        "print(settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,"
        " settings.SESSION_COOKIE_SAMESITE, settings.CSRF_COOKIE_SECURE)"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"NOCONTACT_MODE", "NOCONTACT_SECURE_COOKIES", "DATABASE_URL", "SECRET_KEY"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="nocontact.settings",
        NOCONTACT_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    secure, httponly, samesite, csrf_secure = result.stdout.split()
    return {
        "secure": secure,
        "httponly": httponly,
        "samesite": samesite,
        "csrf_secure": csrf_secure,
    }


def test_the_session_cookie_is_secure_when_hosted(tmp_path: Path) -> None:
    hosted = settings_in_a_fresh_process(tmp_path, NOCONTACT_MODE="hosted", SECRET_KEY="x" * 50)
    assert hosted == {
        "secure": "True",
        "httponly": "True",
        "samesite": "Lax",
        "csrf_secure": "True",
    }
    local = settings_in_a_fresh_process(tmp_path)
    assert local["secure"] == "False"


# --- Log out and change password ------------------------------------------------------


def test_logout_needs_post(owner_client: Client) -> None:
    response = owner_client.get(reverse("logout"))
    assert response.status_code == 405
    assert is_logged_in(owner_client)


def test_it_logs_out(owner_client: Client) -> None:
    response = owner_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert not is_logged_in(owner_client)
    assert owner_client.get(reverse("settings")).status_code == 302


def test_it_changes_the_password_and_keeps_the_user_logged_in(
    owner_client: Client, owner: Any
) -> None:
    response = owner_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("settings")
    assert is_logged_in(owner_client)
    assert "Your password is changed." in text_of(owner_client.get(reverse("settings")))
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    assert login(Client(), "owner", NEW_PASSWORD).status_code == 302


def test_it_keeps_the_password_when_the_old_one_is_wrong(owner_client: Client, owner: Any) -> None:
    response = owner_client.post(
        reverse("password_change"),
        {"old_password": "not it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code in {200, 400}
    assert "Your old password was entered incorrectly" in text_of(response)
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_password_change_sends_anonymous_visitors_to_log_in(client: Client) -> None:
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
