"""Behind a reverse proxy (docs/deploy.md): every request comes from the proxy's
address, so the brute-force lock must read the person's address from the header the
proxy sets (NOCONTACT_CLIENT_IP_HEADER), or one guesser would lock a name for all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.integration.test_hardening import ROOT, hosted_env

PROXY = "10.0.0.2"


@pytest.fixture
def behind_proxy(settings: Any) -> None:
    settings.CLIENT_IP_HEADER = "X-Real-IP"


def login(client: Client, password: str, person: str) -> Any:
    return client.post(
        reverse("login"),
        {"username": "owner", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_REAL_IP=person,
    )


def test_a_guesser_behind_the_proxy_does_not_lock_the_owner_out(
    behind_proxy: None, owner: Any
) -> None:
    guesser = Client()
    for _ in range(5):
        login(guesser, "wrong guess", person="203.0.113.9")
    assert login(guesser, PASSWORD, person="203.0.113.9").status_code == 429
    assert login(Client(), PASSWORD, person="198.51.100.7").status_code == 302


def test_it_reads_the_header_named_in_the_environment(tmp_path: Path) -> None:
    env = hosted_env(tmp_path)
    env["NOCONTACT_CLIENT_IP_HEADER"] = "X-Real-IP"
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.CLIENT_IP_HEADER))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == "X-Real-IP"


def test_it_takes_the_address_the_proxy_added_to_a_forwarded_list(
    behind_proxy: None, settings: Any, owner: Any
) -> None:
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    guesser = Client()
    for _ in range(5):
        # The guesser writes its own X-Forwarded-For; the proxy appends the real address.
        guesser.post(
            reverse("login"),
            {"username": "owner", "password": "wrong guess"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9",
        )
    response = Client().post(
        reverse("login"),
        {"username": "owner", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302
