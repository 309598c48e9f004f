"""Encryption at rest on the web: set up, unlock, change, recover, turn off (issue 5, point 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nocontact.accounts import vault
from nocontact.accounts.models import WordsVault
from nocontact.journey import repository
from nocontact.journey.models import Event, Writing
from tests.integration.encryption_helpers import (
    MARKER,
    PASSPHRASE,
    cheap_kdf,  # noqa: F401  (autouse)
    turn_on,
    unlock,
)

pytestmark = pytest.mark.django_db
WARNING = (
    "If you lose both your passphrase and your recovery code, the encrypted words are gone "
    "for good; nobody, not even the app, can read them."
)


def raw_text(writing: Writing) -> str:
    return str(Writing.objects.filter(pk=writing.pk).values_list("text", flat=True).get())


def raw_note(event: Event) -> Any:
    return Event.objects.filter(pk=event.pk).values_list("data", flat=True).get().get("note")


def fresh_client(user: Any) -> Client:
    """Another browser: signed in, words not unlocked."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def words(owner_breakup: Any) -> tuple[Writing, Writing, Event]:
    now = timezone.now()
    journal = Writing.objects.create(
        breakup=owner_breakup, kind="journal", text=f"{MARKER} journal", at=now
    )
    letter = Writing.objects.create(
        breakup=owner_breakup, kind="unsent_letter", text=f"{MARKER} letter", at=now
    )
    checkin = repository.record_event(
        owner_breakup, "checkin", {"mood": 2, "desperation": 5, "cried": False, "note": MARKER}
    )
    return journal, letter, checkin


def test_it_says_plainly_what_losing_both_means(owner_client: Any) -> None:
    response = owner_client.get(reverse("words"))
    assert response.status_code == 200
    assert WARNING in response.content.decode()
    assert reverse("words") in owner_client.get(reverse("settings")).content.decode()


def test_it_sends_anonymous_people_to_login(client: Any) -> None:
    for name in ("words", "words_unlock", "words_recover"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_it_encrypts_every_text_and_shows_the_code_once(owner_client: Any, words: Any) -> None:
    journal, letter, checkin = words
    code = turn_on(owner_client)
    assert len(code) == 39
    assert vault.is_sealed(raw_text(journal))
    assert MARKER not in raw_text(journal)
    assert vault.is_sealed(raw_text(letter))
    assert vault.is_sealed(raw_note(checkin))
    # Once: the page does not show it again, and it is stored nowhere.
    again = owner_client.get(reverse("words")).content.decode()
    assert code not in again
    assert "Encryption is on" in again
    assert code not in str(list(WordsVault.objects.values()))
    # The owner, unlocked, reads their words.
    listing = owner_client.get(reverse("writings")).content.decode()
    assert f"{MARKER} journal" in listing
    assert f"{MARKER} letter" in listing
    assert MARKER in owner_client.get(reverse("history")).content.decode()


def test_it_needs_the_account_password_and_the_warning_ticked(owner_client: Any) -> None:
    response = owner_client.post(
        reverse("words"),
        {
            "new_passphrase": PASSPHRASE,
            "new_passphrase_again": PASSPHRASE,
            "current_password": "not the password",
        },
    )
    assert response.status_code == 400
    assert not WordsVault.objects.exists()


def test_new_words_are_sealed_as_they_are_saved(owner_client: Any, owner_breakup: Any) -> None:
    turn_on(owner_client)
    owner_client.post(reverse("new_journal"), {"text": f"{MARKER} new"})
    owner_client.post(
        reverse("checkin"), {"mood": "3", "desperation": "4", "cried": "no", "note": MARKER}
    )
    writing = Writing.objects.get()
    assert vault.is_sealed(raw_text(writing))
    assert vault.is_sealed(raw_note(Event.objects.get(kind="checkin")))
    edit = owner_client.get(reverse("edit_writing", kwargs={"pk": writing.pk}))
    assert f"{MARKER} new" in edit.content.decode()


def test_a_new_session_unlocks_after_sign_in(owner: Any, owner_client: Any, words: Any) -> None:
    turn_on(owner_client)
    other_browser = fresh_client(owner)
    # The first page after signing in asks; the words pages ask too.
    response = other_browser.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("words_unlock"))
    assert other_browser.get(reverse("words_unlock")).status_code == 200
    assert other_browser.get(reverse("writings"))["Location"].startswith(reverse("words_unlock"))
    # "Not now": the day count still works; the words stay locked.
    other_browser.post(reverse("words_unlock"), {"later": "1", "next": "/"})
    assert other_browser.get(reverse("dashboard")).status_code == 200
    sos = other_browser.get(reverse("sos"))
    assert sos.status_code == 200
    assert MARKER not in sos.content.decode()
    assert "Unlock your words to write your letter here" in sos.content.decode()
    assert other_browser.get(reverse("writings")).status_code == 302
    # Unlocked: the words are there.
    assert unlock(other_browser).status_code == 302
    assert f"{MARKER} journal" in other_browser.get(reverse("writings")).content.decode()


def test_the_key_needs_both_the_session_and_its_cookie(
    owner: Any, owner_client: Any, words: Any
) -> None:
    turn_on(owner_client)
    cookie = owner_client.cookies["nc_words"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Strict"
    session = owner_client.session["nc_words"]
    assert MARKER not in str(session)
    del owner_client.cookies["nc_words"]
    assert owner_client.get(reverse("writings"))["Location"].startswith(reverse("words_unlock"))


def test_logging_out_forgets_the_key(owner: Any, owner_client: Any, words: Any) -> None:
    turn_on(owner_client)
    response = owner_client.post(reverse("logout"))
    assert response.cookies["nc_words"].value == ""
    owner_client.force_login(owner)
    assert owner_client.get(reverse("writings"))["Location"].startswith(reverse("words_unlock"))


def test_it_refuses_a_wrong_passphrase_and_signs_out_after_five(
    owner: Any, owner_client: Any, words: Any
) -> None:
    turn_on(owner_client)
    browser = fresh_client(owner)
    for left in (4, 3, 2, 1):
        response = unlock(browser, "not my passphrase")
        assert response.status_code == 400
        assert f"You can try {left} more times" in response.content.decode()
    response = unlock(browser, "not my passphrase")
    assert response["Location"] == reverse("login")
    assert browser.get(reverse("dashboard"))["Location"].startswith(reverse("login"))


def test_saving_while_locked_never_writes_plain_text(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    turn_on(owner_client)
    browser = fresh_client(owner)
    browser.post(reverse("words_unlock"), {"later": "1", "next": "/"})
    note = {"mood": "3", "desperation": "4", "cried": "no", "note": MARKER}
    response = browser.post(reverse("checkin"), note)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("words_unlock"))
    assert not Event.objects.filter(kind="checkin").exists()
    # Without a note, nothing needs the key: the check-in is kept.
    del note["note"]
    assert browser.post(reverse("checkin"), note).status_code == 302
    assert Event.objects.filter(kind="checkin").count() == 1


def test_changing_the_passphrase_rewraps_only_the_key(
    owner: Any, owner_client: Any, words: Any
) -> None:
    turn_on(owner_client)
    journal, letter, checkin = words
    before = [raw_text(journal), raw_text(letter), raw_note(checkin)]
    wrap_before = WordsVault.objects.get().passphrase_wrap
    response = owner_client.post(
        reverse("words_change"),
        {
            "passphrase": PASSPHRASE,
            "new_passphrase": "a new long passphrase",
            "new_passphrase_again": "a new long passphrase",
        },
    )
    assert response.status_code == 302
    assert [raw_text(journal), raw_text(letter), raw_note(checkin)] == before
    assert WordsVault.objects.get().passphrase_wrap != wrap_before
    assert unlock(fresh_client(owner), PASSPHRASE).status_code == 400
    browser = fresh_client(owner)
    assert unlock(browser, "a new long passphrase").status_code == 302
    assert f"{MARKER} journal" in browser.get(reverse("writings")).content.decode()


def test_a_wrong_current_passphrase_changes_nothing(owner_client: Any, words: Any) -> None:
    turn_on(owner_client)
    wrap_before = WordsVault.objects.get().passphrase_wrap
    response = owner_client.post(
        reverse("words_change"),
        {
            "passphrase": "wrong passphrase",
            "new_passphrase": "a new long passphrase",
            "new_passphrase_again": "a new long passphrase",
        },
    )
    assert response.status_code == 400
    assert WordsVault.objects.get().passphrase_wrap == wrap_before


def test_the_recovery_code_sets_a_new_passphrase(owner: Any, owner_client: Any, words: Any) -> None:
    code = turn_on(owner_client)
    browser = fresh_client(owner)
    wrong = browser.post(
        reverse("words_recover"),
        {
            "code": "AAAA-" * 7 + "AAAA",
            "new_passphrase": "found it again 2",
            "new_passphrase_again": "found it again 2",
        },
    )
    assert wrong.status_code == 400
    response = browser.post(
        reverse("words_recover"),
        {
            "code": code.lower().replace("-", " "),
            "new_passphrase": "found it again 2",
            "new_passphrase_again": "found it again 2",
        },
    )
    assert response.status_code == 302
    assert f"{MARKER} journal" in browser.get(reverse("writings")).content.decode()
    assert unlock(fresh_client(owner), "found it again 2").status_code == 302


def test_a_tampered_text_is_refused_calmly(owner_client: Any, words: Any) -> None:
    turn_on(owner_client)
    journal = words[0]
    sealed = raw_text(journal)
    flipped = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]
    Writing.objects.filter(pk=journal.pk).update(text=flipped)
    response = owner_client.get(reverse("writings"))
    assert response.status_code == 409
    assert "changed outside the app" in response.content.decode()


def test_a_note_copied_to_another_line_of_the_log_is_refused(
    owner_client: Any, owner_breakup: Any, words: Any
) -> None:
    other = repository.record_event(
        owner_breakup, "urge", {"intensity": 4, "outcome": "resisted", "note": "mine"}
    )
    turn_on(owner_client)
    checkin = words[2]
    assert MARKER in owner_client.get(reverse("history")).content.decode()
    data = Event.objects.filter(pk=other.pk).values_list("data", flat=True).get()
    data["note"] = raw_note(checkin)  # sealed for the check-in's row, not this one
    Event.objects.filter(pk=other.pk).update(data=data)
    response = owner_client.get(reverse("history"))
    assert response.status_code == 409
    assert MARKER not in response.content.decode()


def test_the_sos_page_shows_sealed_notes_only_unlocked(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    repository.log_urge(
        owner_breakup,
        {"intensity": 7, "outcome": "resisted", "note": f"{MARKER} passed", "channel": "text"},
    )
    repository.record_event(owner_breakup, "slip", {"channel": "text", "note": f"{MARKER} after"})
    turn_on(owner_client)
    page = owner_client.get(reverse("sos")).content.decode()
    assert f"{MARKER} passed" in page
    assert f"{MARKER} after" in page
    locked = fresh_client(owner).get(reverse("sos"))
    assert locked.status_code == 200
    assert MARKER not in locked.content.decode()


def test_a_text_copied_to_another_row_is_refused(owner_client: Any, words: Any) -> None:
    turn_on(owner_client)
    journal, letter, _checkin = words
    Writing.objects.filter(pk=letter.pk).update(text=raw_text(journal))
    response = owner_client.get(reverse("edit_writing", kwargs={"pk": letter.pk}))
    assert response.status_code == 409


def test_turning_it_off_decrypts_everything(owner_client: Any, words: Any) -> None:
    turn_on(owner_client)
    journal, letter, checkin = words
    wrong = owner_client.post(reverse("words_off"), {"passphrase": "not it at all"})
    assert wrong.status_code == 400
    assert WordsVault.objects.exists()
    response = owner_client.post(reverse("words_off"), {"passphrase": PASSPHRASE})
    assert response.status_code == 302
    assert not WordsVault.objects.exists()
    assert raw_text(journal) == f"{MARKER} journal"
    assert raw_text(letter) == f"{MARKER} letter"
    assert raw_note(checkin) == MARKER


def test_another_user_is_not_touched(
    owner_client: Any, words: Any, other: Any, other_breakup: Any
) -> None:
    theirs = Writing.objects.create(
        breakup=other_breakup, kind="journal", text="other words", at=timezone.now()
    )
    turn_on(owner_client)
    assert raw_text(theirs) == "other words"
    browser = fresh_client(other)
    assert browser.get(reverse("writings")).status_code == 200
    assert browser.get(reverse("words_unlock"))["Location"] == "/"
    assert browser.get(reverse("edit_writing", kwargs={"pk": words[0].pk})).status_code == 404


def test_the_dashboard_and_the_rules_work_while_locked(
    owner: Any, owner_client: Any, words: Any
) -> None:
    state_before = repository.program_state(words[0].breakup)
    turn_on(owner_client)
    browser = fresh_client(owner)
    browser.post(reverse("words_unlock"), {"later": "1", "next": "/"})
    assert browser.get(reverse("dashboard")).status_code == 200
    assert repository.program_state(words[0].breakup) == state_before


def test_export_is_plain_for_the_owner_and_import_encrypts(
    owner_client: Any, words: Any, make_user: Any
) -> None:
    turn_on(owner_client)
    response = owner_client.get(reverse("export_download", args=["json"]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert f"{MARKER} journal".encode() in body
    newcomer = make_user("newcomer")
    client = fresh_client(newcomer)
    turn_on(client)
    upload = SimpleUploadedFile("export.json", body, content_type="application/json")
    assert client.post(reverse("import_data"), {"file": upload}).status_code == 302
    theirs = Writing.objects.filter(breakup__user=newcomer)
    assert theirs.count() == 2
    assert all(vault.is_sealed(raw_text(w)) for w in theirs)
    assert f"{MARKER} letter" in client.get(reverse("writings")).content.decode()


def test_a_session_forgets_a_key_that_is_no_longer_the_users(
    owner: Any, owner_client: Any, words: Any
) -> None:
    turn_on(owner_client)
    elsewhere = fresh_client(owner)
    assert unlock(elsewhere).status_code == 302
    # Turned off and on again in the first browser: a new data key.
    owner_client.post(reverse("words_off"), {"passphrase": PASSPHRASE})
    turn_on(owner_client, "a second passphrase")
    response = elsewhere.get(reverse("writings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("words_unlock"))
    assert unlock(elsewhere, "a second passphrase").status_code == 302
    assert f"{MARKER} journal" in elsewhere.get(reverse("writings")).content.decode()


def test_the_key_cookie_is_secure_when_hosted(owner_client: Any, settings: Any) -> None:
    settings.SESSION_COOKIE_SECURE = True
    turn_on(owner_client)
    cookie = owner_client.cookies["nc_words"]
    assert cookie["secure"]
    assert cookie["max-age"] == ""  # a browser session: closing the browser forgets it


def test_a_locked_dashboard_shows_queued_letters_without_their_text(
    owner: Any, owner_client: Any, words: Any
) -> None:
    letter = words[1]
    letter.might_send_at = timezone.now()
    letter.save(update_fields=["might_send_at"])
    turn_on(owner_client)
    browser = fresh_client(owner)
    browser.post(reverse("words_unlock"), {"later": "1", "next": "/"})
    page = browser.get(reverse("dashboard")).content.decode()
    assert "Letters you might send" in page
    assert "Locked: unlock your words to read it." in page
    assert "nc1:" not in page
    assert MARKER not in page


def test_not_now_on_a_page_of_words_goes_to_today(
    owner: Any, owner_client: Any, words: Any
) -> None:
    turn_on(owner_client)
    browser = fresh_client(owner)
    asked = browser.get(reverse("checkin"))["Location"]
    assert asked == f"{reverse('words_unlock')}?next=%2Fcheckin%2F"
    response = browser.post(reverse("words_unlock"), {"later": "1", "next": "/checkin/"})
    assert response["Location"] == reverse("dashboard")  # not back into the question


def _vault_queries(client: Client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    own = [q for q in captured if q["sql"].startswith('SELECT "accounts_wordsvault".')]
    return response.status_code, len(own)


@pytest.mark.parametrize("name", ["history", "checkin", "sos", "writings"])
def test_a_page_learns_whether_words_are_sealed_from_the_settings_it_reads(
    owner: Any, owner_client: Any, owner_breakup: Any, name: str
) -> None:
    browser = fresh_client(owner)
    browser.get(reverse("dashboard"))
    # No query of its own for the vault, whether encryption is off or on.
    assert _vault_queries(browser, reverse(name)) == (200, 0)
    turn_on(owner_client)
    status, own_queries = _vault_queries(browser, reverse(name))
    assert own_queries == 0
    if name == "sos":  # the SOS page always opens; its letter form asks to unlock
        assert status == 200
    else:  # turned on in another browser: this one is asked to unlock at once
        assert status == 302
        assert browser.get(reverse(name))["Location"].startswith(reverse("words_unlock"))


def test_turning_encryption_off_elsewhere_is_seen_on_the_next_page(
    owner: Any, owner_client: Any, words: Any
) -> None:
    turn_on(owner_client)
    browser = fresh_client(owner)
    assert browser.get(reverse("history")).status_code == 302
    WordsVault.objects.filter(user=owner).delete()  # as turning it off does, after opening
    assert browser.get(reverse("history")).status_code == 200
