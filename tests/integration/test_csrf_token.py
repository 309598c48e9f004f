"""The CSRF token of a page (``web/csrf_token.py``): Django's, with its mask drawn at once."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
from django.test import Client, RequestFactory
from django.urls import reverse

from nocontact.journey.models import Event
from nocontact.web.csrf_token import masked, page_token

SECRET = "abcdefghijklmnopqrstuvwxyzABCDEF"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_a_masked_token_is_the_secret_under_a_new_mask_each_time() -> None:
    tokens = {masked(SECRET) for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        assert len(token) == 64
        assert token.isascii()
        assert token.isalnum()
        assert _unmask_cipher_token(token) == SECRET


def test_every_letter_of_the_mask_is_as_likely() -> None:
    letters = Counter(char for _ in range(3000) for char in masked(SECRET)[:32])
    expected = 3000 * 32 / len(CSRF_ALLOWED_CHARS)  # 1548 each
    assert set(letters) == set(CSRF_ALLOWED_CHARS)
    assert all(abs(count - expected) < 0.2 * expected for count in letters.values())


def test_without_a_secret_yet_django_makes_one() -> None:
    request = RequestFactory().get("/")
    token = page_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == 32
    assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_with_a_secret_it_masks_that_one_and_renews_its_cookie() -> None:
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = SECRET
    assert _unmask_cipher_token(page_token(request)) == SECRET
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


@pytest.mark.django_db
def test_the_token_on_a_page_saves_the_form_and_a_changed_one_does_not(
    owner: Any, owner_breakup: Any
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    page = client.get(reverse("checkin"))
    assert "csrftoken" in page.cookies  # sent again, as Django's own get_token does
    token = TOKEN.search(page.content.decode())[1]  # type: ignore[index]
    form = {"mood": "3", "desperation": "4", "cried": "no"}
    changed = token[:-1] + ("a" if token[-1] != "a" else "b")
    refused = client.post(reverse("checkin"), {**form, "csrfmiddlewaretoken": changed})
    assert refused.status_code == 403
    assert not Event.objects.filter(kind="checkin").exists()
    saved = client.post(reverse("checkin"), {**form, "csrfmiddlewaretoken": token})
    assert saved.status_code == 302
    assert Event.objects.filter(kind="checkin").count() == 1
