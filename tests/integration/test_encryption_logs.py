"""Encryption at rest leaves no secret in the logs: not the passphrase, the recovery code,
the key, or a text; not even when a text was changed and is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from nocontact.journey.models import Writing
from tests.integration.encryption_helpers import (
    MARKER,
    cheap_kdf,  # noqa: F401  (autouse)
    turn_on,
    unlock,
)
from tests.integration.test_no_secrets_in_logs import debug_logging, record_text  # noqa: F401

pytestmark = pytest.mark.django_db
PASSPHRASE_MARK = "passmarker-Tamarind-5521"


@pytest.mark.usefixtures("debug_logging", "owner_breakup")
def test_no_secret_reaches_a_log_record(
    owner_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    code = turn_on(owner_client, PASSPHRASE_MARK)
    owner_client.post(reverse("new_journal"), {"text": MARKER})
    unlock(owner_client, "a wrong passphrase here")
    owner_client.post(
        reverse("words_change"),
        {
            "passphrase": PASSPHRASE_MARK,
            "new_passphrase": PASSPHRASE_MARK + "2",
            "new_passphrase_again": PASSPHRASE_MARK + "2",
        },
    )
    writing = Writing.objects.get()
    sealed = Writing.objects.values_list("text", flat=True).get()
    Writing.objects.filter(pk=writing.pk).update(text=sealed[:-4] + "AAAA")
    assert owner_client.get(reverse("writings")).status_code == 409
    cookie_key = owner_client.cookies["nc_words"].value

    logged = "\n".join(record_text(record) for record in caplog.records)
    assert "did not open" in logged  # the refusal is logged, as a fact only
    for secret in (PASSPHRASE_MARK, code, MARKER, cookie_key, sealed):
        assert secret not in logged
