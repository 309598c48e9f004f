"""Shared steps of the encryption-at-rest tests."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from nocontact.accounts import vault
from tests.conftest import PASSWORD

PASSPHRASE = "river stone lantern seven"
MARKER = "MARKER-3d8e1f"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id at 64 MiB is slow on purpose; these tests are about the envelope."""
    monkeypatch.setattr(vault, "KDF_DEFAULT", vault.KdfParams(1, 8, 1))


def turn_on(client: Any, passphrase: str = PASSPHRASE) -> str:
    """Set encryption up through the page; returns the recovery code it shows once."""
    response = client.post(
        reverse("words"),
        {
            "new_passphrase": passphrase,
            "new_passphrase_again": passphrase,
            "current_password": PASSWORD,
            "understood": "on",
        },
    )
    assert response.status_code == 200, response.content[:2000]
    found = re.search(rb"data-recovery-code>([A-Z2-7-]+)<", response.content)
    assert found
    return found.group(1).decode()


def unlock(client: Any, passphrase: str = PASSPHRASE) -> Any:
    return client.post(reverse("words_unlock"), {"passphrase": passphrase, "next": "/"})
