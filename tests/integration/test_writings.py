from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from nocontact.journey.models import Writing
from tests.integration.program_helpers import (
    assert_login_redirect,
    assert_onboarding_redirect,
    counts,
)

pytestmark = pytest.mark.django_db
LIST = reverse("writings")


def write(breakup: Any, kind: str, text: str, days: int = 0) -> Writing:
    return Writing.objects.create(
        breakup=breakup, kind=kind, text=text, at=timezone.now() - dt.timedelta(days=days)
    )


@pytest.fixture
def entry(owner_breakup: Any) -> Writing:
    return write(owner_breakup, "journal", "A quiet walk by the river.")


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("writings", {}),
        ("new_journal", {}),
        ("new_letter", {}),
        ("edit_writing", {"pk": 1}),
        ("delete_writing", {"pk": 1}),
    ],
)
def test_it_sends_anonymous_to_login(client: Any, name: str, kwargs: dict[str, int]) -> None:
    assert_login_redirect(client.get(reverse(name, kwargs=kwargs or None)), name, **kwargs)


def test_it_sends_a_user_without_a_breakup_to_onboarding(owner_client: Any) -> None:
    assert_onboarding_redirect(owner_client.get(LIST))
    assert_onboarding_redirect(owner_client.post(reverse("new_journal"), {"text": "Hi"}))
    assert Writing.objects.count() == 0


def test_it_lists_both_kinds_newest_first(owner_client: Any, owner_breakup: Any) -> None:
    write(owner_breakup, "journal", "Oldest entry", days=3)
    write(owner_breakup, "unsent_letter", "Dear you, middle", days=2)
    write(owner_breakup, "journal", "Newest entry", days=1)
    html = owner_client.get(LIST).content.decode()
    assert html.index("Newest entry") < html.index("Dear you, middle") < html.index("Oldest entry")


def test_it_filters_by_kind(owner_client: Any, owner_breakup: Any) -> None:
    write(owner_breakup, "journal", "Journal words")
    write(owner_breakup, "unsent_letter", "Letter words")
    letters = owner_client.get(LIST, {"kind": "unsent_letter"}).content.decode()
    assert "Letter words" in letters
    assert "Journal words" not in letters
    assert "Unsent letters are never sent." in letters
    journal = owner_client.get(LIST, {"kind": "journal"}).content.decode()
    assert "Journal words" in journal
    assert "Letter words" not in journal


def test_it_shows_another_user_only_their_own(
    other_client: Any, entry: Writing, other_breakup: Any
) -> None:
    html = other_client.get(LIST).content.decode()
    assert "A quiet walk" not in html


def test_it_writes_a_journal_entry(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(reverse("new_journal"), {"text": "Today was lighter."})
    assert response.status_code == 302
    writing = Writing.objects.get()
    assert (writing.kind, writing.text, writing.breakup) == (
        "journal",
        "Today was lighter.",
        owner_breakup,
    )


def test_it_writes_an_unsent_letter_and_says_it_is_never_sent(
    owner_client: Any, owner_breakup: Any
) -> None:
    assert "This is never sent." in owner_client.get(reverse("new_letter")).content.decode()
    response = owner_client.post(reverse("new_letter"), {"text": "Dear Sam"}, follow=True)
    assert Writing.objects.get().kind == "unsent_letter"
    assert "It will never be sent." in response.content.decode()


def test_it_refuses_an_empty_letter(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(reverse("new_letter"), {"text": "  "})
    assert response.status_code == 400
    assert "Please write some text here." in response.content.decode()
    assert Writing.objects.count() == 0


def test_it_refuses_text_that_is_too_long(owner_client: Any, owner_breakup: Any) -> None:
    response = owner_client.post(reverse("new_journal"), {"text": "x" * 50_001})
    assert response.status_code == 400
    assert "longer than 50000 characters" in response.content.decode()
    assert Writing.objects.count() == 0


def test_it_edits_a_writing(owner_client: Any, entry: Writing) -> None:
    url = reverse("edit_writing", args=[entry.pk])
    assert "A quiet walk by the river." in owner_client.get(url).content.decode()
    response = owner_client.post(url, {"text": "A long walk by the river."})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "A long walk by the river."
    assert entry.kind == "journal"


def test_an_empty_edit_keeps_the_saved_text(owner_client: Any, entry: Writing) -> None:
    response = owner_client.post(reverse("edit_writing", args=[entry.pk]), {"text": ""})
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.text == "A quiet walk by the river."


def test_another_users_writing_is_not_found(
    other_client: Any, entry: Writing, other_breakup: Any
) -> None:
    edit = reverse("edit_writing", args=[entry.pk])
    delete = reverse("delete_writing", args=[entry.pk])
    assert other_client.get(edit).status_code == 404
    assert other_client.post(edit, {"text": "Changed"}).status_code == 404
    assert other_client.get(delete).status_code == 404
    assert other_client.post(delete).status_code == 404
    entry.refresh_from_db()
    assert entry.text == "A quiet walk by the river."


def test_delete_asks_first_then_deletes(owner_client: Any, entry: Writing) -> None:
    url = reverse("delete_writing", args=[entry.pk])
    html = owner_client.get(url).content.decode()
    assert "Delete this journal entry?" in html
    assert Writing.objects.filter(pk=entry.pk).exists()
    response = owner_client.post(url)
    assert response.status_code == 302
    assert not Writing.objects.filter(pk=entry.pk).exists()
    assert owner_client.get(reverse("edit_writing", args=[entry.pk])).status_code == 404


def test_it_never_writes_on_get(owner_client: Any, entry: Writing) -> None:
    before = counts()
    owner_client.get(reverse("new_journal"), {"text": "Hi"})
    owner_client.get(reverse("delete_writing", args=[entry.pk]))
    owner_client.get(LIST)
    assert counts() == before
