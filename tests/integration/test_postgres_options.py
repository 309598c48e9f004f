"""On PostgreSQL, queries are bound on the server and prepared by each connection
(planning a page's queries cost more than running them), unless turned off for a
pooler that cannot keep prepared statements (docs/deploy.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_hardening import run_hosted

SCRIPT = "import json; from django.conf import settings; print(json.dumps(settings.DATABASES))"


def database(tmp_path: Path, url: str, **env: str) -> dict[str, Any]:
    result = run_hosted(tmp_path, "-c", SCRIPT, env={"DATABASE_URL": url, **env})
    assert result.returncode == 0, result.stderr
    found: dict[str, Any] = json.loads(result.stdout)["default"]
    return found


def test_postgresql_connections_prepare_the_queries_they_repeat(tmp_path: Path) -> None:
    options = database(tmp_path, "postgresql://app@db.internal:5432/nocontact")["OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": 5}


def test_the_options_of_the_database_url_are_kept(tmp_path: Path) -> None:
    url = "postgresql://app@db.internal:5432/nocontact?sslmode=require"
    options = database(tmp_path, url)["OPTIONS"]
    assert options == {"sslmode": "require", "server_side_binding": True, "prepare_threshold": 5}
    off = database(tmp_path, url, NOCONTACT_PG_PREPARED="0")["OPTIONS"]
    assert off == {"sslmode": "require"}


@pytest.mark.parametrize("off", ["0", "false"])
def test_prepared_statements_can_be_turned_off_for_a_pooler(tmp_path: Path, off: str) -> None:
    url = "postgresql://app@db.internal:5432/nocontact"
    assert database(tmp_path, url, NOCONTACT_PG_PREPARED=off).get("OPTIONS", {}) == {}


def test_sqlite_keeps_its_own_options(tmp_path: Path) -> None:
    options = database(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")["OPTIONS"]
    assert "server_side_binding" not in options
    assert options["transaction_mode"] == "IMMEDIATE"
