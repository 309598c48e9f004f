"""The core stays pure Python: no Django, so it runs anywhere and its tests need no database."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import nocontact.core

CORE = Path(nocontact.core.__file__).parent
ROOT = CORE.parent.parent


def core_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages([str(CORE)], prefix="nocontact.core.")
    )


def test_it_finds_the_core_modules() -> None:
    modules = core_modules()
    for name in ("model", "rules", "clock", "events", "readiness", "program", "export"):
        assert f"nocontact.core.{name}" in modules


def test_it_loads_no_django_module_when_importing_the_core() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(len(loaded), loaded[:5])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("0 "), result.stdout


DJANGO_IMPORT = re.compile(r"^\s*(import\s+django\b|from\s+django\b)", re.MULTILINE)


def test_it_has_no_django_import_in_any_core_file() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert files
    offenders = [str(p.relative_to(ROOT)) for p in files if DJANGO_IMPORT.search(p.read_text())]
    assert offenders == []
