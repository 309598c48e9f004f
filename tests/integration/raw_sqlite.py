"""The real ``nocontact`` command on a real SQLite file, and the file's raw bytes:
for the tests that prove what is, and is not, left on disk."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import PASSWORD

REPO = Path(__file__).resolve().parents[2]


def nocontact(data_dir: Path, *argv: str, stdin: str | None = None) -> str:
    env = {**os.environ, "NOCONTACT_DATA_DIR": str(data_dir)}
    for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "NOCONTACT_USER"):
        env.pop(name, None)
    env["DJANGO_SUPERUSER_PASSWORD"] = PASSWORD
    done = subprocess.run(
        [str(REPO / ".venv" / "bin" / "nocontact"), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
        input=stdin,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def raw_bytes(data_dir: Path) -> bytes:
    """The database file and its -wal and -shm companions, as stored."""
    return b"".join(
        path.read_bytes()
        for path in data_dir.iterdir()
        if path.name.startswith("nocontact.sqlite3")
    )
