"""The user's own reasons for No Contact."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from nocontact.journey.models import Reason
from nocontact.web.forms_settings import EXAMPLE_REASONS, MAX_REASONS

pytestmark = pytest.mark.django_db

URL = reverse("reasons")


def test_it_lists_the_users_reasons(owner: Any, other: Any, owner_client: Any) -> None:
    Reason.objects.create(user=owner, text="I sleep better now")
    Reason.objects.create(user=other, text="Someone else's reason")
    response = owner_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "I sleep better now" in page
    assert "Someone else" not in page
    assert 'aria-current="page"' in page


def test_it_suggests_an_example_as_a_placeholder(owner_client: Any) -> None:
    page = owner_client.get(URL).content.decode()
    assert "No reasons yet" in page
    assert f'placeholder="{EXAMPLE_REASONS[0]}"' in page.replace("&#x27;", "'")


def test_it_adds_a_reason(owner: Any, owner_client: Any) -> None:
    response = owner_client.post(URL, {"text": "  I want my evenings back  "})
    assert response.status_code == 302
    assert response.url == URL
    assert list(Reason.objects.filter(user=owner).values_list("text", flat=True)) == [
        "I want my evenings back"
    ]
    assert "It will be there when you need it" in owner_client.get(URL).content.decode()


def test_it_accepts_a_reason_of_300_characters(owner: Any, owner_client: Any) -> None:
    assert owner_client.post(URL, {"text": "a" * 300}).status_code == 302
    assert Reason.objects.filter(user=owner).count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Please write your reason first."),
        ("    ", "Please write your reason first."),
        ("a" * 301, "under 300 characters"),
        ("bad \x00 byte", "Null characters are not allowed."),
    ],
)
def test_it_rejects_a_bad_reason(owner: Any, owner_client: Any, text: str, message: str) -> None:
    Reason.objects.create(user=owner, text="Kept safe")
    response = owner_client.post(URL, {"text": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Kept safe" in page
    assert list(Reason.objects.values_list("text", flat=True)) == ["Kept safe"]


def test_it_stops_at_a_generous_limit(owner: Any, owner_client: Any) -> None:
    Reason.objects.bulk_create([Reason(user=owner, text=f"reason {i}") for i in range(MAX_REASONS)])
    response = owner_client.post(URL, {"text": "one more"})
    assert response.status_code == 400
    assert "Remove one to add another" in response.content.decode()
    assert Reason.objects.count() == MAX_REASONS


def test_it_deletes_an_own_reason(owner: Any, owner_client: Any) -> None:
    reason = Reason.objects.create(user=owner, text="Old reason")
    response = owner_client.post(reverse("delete_reason", args=[reason.pk]))
    assert response.status_code == 302
    assert response.url == URL
    assert not Reason.objects.exists()


def test_it_answers_404_for_another_users_reason(owner: Any, other_client: Any) -> None:
    reason = Reason.objects.create(user=owner, text="Mine")
    response = other_client.post(reverse("delete_reason", args=[reason.pk]))
    assert response.status_code == 404
    assert Reason.objects.filter(pk=reason.pk).exists()


def test_deleting_needs_post(owner: Any, owner_client: Any) -> None:
    reason = Reason.objects.create(user=owner, text="Mine")
    assert owner_client.get(reverse("delete_reason", args=[reason.pk])).status_code == 405
    assert Reason.objects.filter(pk=reason.pk).exists()


def test_it_sends_anonymous_visitors_to_log_in(client: Any, owner: Any) -> None:
    reason = Reason.objects.create(user=owner, text="Mine")
    for response in (
        client.get(URL),
        client.post(URL, {"text": "sneaky"}),
        client.post(reverse("delete_reason", args=[reason.pk])),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert list(Reason.objects.values_list("text", flat=True)) == ["Mine"]
