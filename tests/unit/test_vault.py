"""The envelope of encryption at rest: texts bound to their row, keys wrapped by secrets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nocontact.accounts import vault

FAST = vault.KdfParams(time_cost=1, memory_kib=8, parallelism=1)
KEY = bytes(range(32))
KEY_ID = "0123456789abcdef"
HERE = vault.text_context(7, "journey_writing", 12, "text")


def test_it_seals_and_opens_a_text() -> None:
    sealed = vault.seal(KEY, KEY_ID, "MARKER-e4 a journal entry, with ünïcode", HERE)
    assert sealed.startswith("nc1:0123456789abcdef:")
    assert "MARKER" not in sealed
    assert vault.open_text(KEY, sealed, HERE) == "MARKER-e4 a journal entry, with ünïcode"


def test_it_uses_a_fresh_nonce_each_time() -> None:
    assert vault.seal(KEY, KEY_ID, "same", HERE) != vault.seal(KEY, KEY_ID, "same", HERE)


def test_it_refuses_a_tampered_text() -> None:
    sealed = vault.seal(KEY, KEY_ID, "a letter", HERE)
    head, body = sealed.rsplit(":", 1)
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    with pytest.raises(vault.TamperedText):
        vault.open_text(KEY, f"{head}:{flipped}", HERE)
    with pytest.raises(vault.TamperedText):
        vault.open_text(KEY, sealed[:-10], HERE)
    with pytest.raises(vault.TamperedText):
        vault.open_text(KEY, "nc1:x:!!!", HERE)


@pytest.mark.parametrize(
    "elsewhere",
    [
        vault.text_context(8, "journey_writing", 12, "text"),  # another user
        vault.text_context(7, "journey_writing", 13, "text"),  # another row
        vault.text_context(7, "journey_event", 12, "text"),  # another table
        vault.text_context(7, "journey_writing", 12, "note"),  # another field
    ],
)
def test_it_refuses_a_text_copied_elsewhere(elsewhere: bytes) -> None:
    sealed = vault.seal(KEY, KEY_ID, "a letter", HERE)
    with pytest.raises(vault.TamperedText):
        vault.open_text(KEY, sealed, elsewhere)


def test_it_refuses_another_key() -> None:
    sealed = vault.seal(KEY, KEY_ID, "a letter", HERE)
    with pytest.raises(vault.TamperedText):
        vault.open_text(bytes(32), sealed, HERE)


def test_it_wraps_the_key_under_a_passphrase() -> None:
    wrapped = vault.wrap(
        KEY, "correct horse", user_id=7, key_id=KEY_ID, purpose="passphrase", params=FAST
    )
    assert wrapped.startswith("nc-wrap-1$argon2id$t=1,m=8,p=1$")
    assert KEY.hex() not in wrapped
    opened = vault.unwrap(wrapped, "correct horse", user_id=7, key_id=KEY_ID, purpose="passphrase")
    assert opened == KEY


def test_it_refuses_a_wrong_passphrase() -> None:
    wrapped = vault.wrap(
        KEY, "correct horse", user_id=7, key_id=KEY_ID, purpose="passphrase", params=FAST
    )
    with pytest.raises(vault.WrongSecret):
        vault.unwrap(wrapped, "correct hor5e", user_id=7, key_id=KEY_ID, purpose="passphrase")
    # A wrap is bound to its user and its purpose too.
    with pytest.raises(vault.WrongSecret):
        vault.unwrap(wrapped, "correct horse", user_id=8, key_id=KEY_ID, purpose="passphrase")
    with pytest.raises(vault.WrongSecret):
        vault.unwrap(wrapped, "correct horse", user_id=7, key_id=KEY_ID, purpose="recovery")


def test_it_refuses_an_unreadable_wrap() -> None:
    for broken in (
        "",
        "nc-wrap-1$argon2id$t=x$a$b",
        "nc-wrap-1$argon2id$t=1,m=1,p=1$AAAA$AAAA",  # less memory than argon2 allows
        "nc-wrap-1$argon2id$t=1,m=999999999,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA",  # terabytes
        "nc-wrap-1$argon2id$t=1,m=8,p=1$AAAA$AAAA",  # a salt too short for argon2
    ):
        with pytest.raises(vault.TamperedText):
            vault.unwrap(broken, "x", user_id=7, key_id=KEY_ID, purpose="passphrase")


def test_the_default_cost_is_argon2id_with_64_mib() -> None:
    assert vault.KdfParams(time_cost=3, memory_kib=65536, parallelism=4) == vault.KDF_DEFAULT
    wrapped = vault.wrap(KEY, "a long passphrase", user_id=1, key_id=KEY_ID, purpose="recovery")
    assert "$t=3,m=65536,p=4$" in wrapped
    assert vault.unwrap(wrapped, "a long passphrase", user_id=1, key_id=KEY_ID, purpose="recovery")


def test_the_recovery_code_is_forgiving_to_type() -> None:
    code = vault.new_recovery_code()
    assert len(code.split("-")) == 8
    assert all(len(group) == 4 for group in code.split("-"))
    assert vault.normalise_recovery_code(code.lower().replace("-", " ")) == code
    assert vault.normalise_recovery_code(code.replace("O", "0")) == code
    assert vault.new_recovery_code() != code


def test_the_core_names_every_free_text_field() -> None:
    from nocontact.core.events import TEXT_FIELDS
    from nocontact.core.model import EventKind as K

    notes = {K.CHECKIN, K.URGE, K.SLIP, K.CHECKED_ON_THEM, K.ATTEMPT, K.MEETING, K.SIGNAL}
    assert {kind for kind, names in TEXT_FIELDS.items() if names == {"note"}} == notes
    assert {kind for kind, names in TEXT_FIELDS.items() if names == {"text"}} == {
        K.EX_CONTACT,
        K.JOURNAL,
        K.UNSENT_LETTER,
    }
    assert not TEXT_FIELDS[K.READINESS_ANSWERS] | TEXT_FIELDS[K.STRATEGY] | TEXT_FIELDS[K.OUTCOME]


# Lone surrogates left out: the core refuses them before anything is stored.
@given(
    st.text(st.characters(exclude_categories=["Cs"])), st.integers(1, 2**40), st.integers(1, 2**40)
)
def test_any_text_comes_back_as_it_was(text: str, user_id: int, row_id: int) -> None:
    here = vault.text_context(user_id, "journey_event", row_id, "note")
    assert vault.open_text(KEY, vault.seal(KEY, KEY_ID, text, here), here) == text
