"""What encryption at rest costs, on a 3-year history (about 1,000 journal entries).

    .venv/bin/python bench/bench_encryption.py [--years 3] [--runs 3]

1. Generate the seeded history (``bench/generate.py``) into a temporary data directory.
2. Time turning encryption on (every text sealed, one transaction, with the default
   Argon2id cost), the export with the words plain and sealed (unlocked), the
   dashboard, the history page and the journal list through Django's test client,
   and the unlock itself (one Argon2id derivation).
Prints medians in milliseconds. Nothing is compared with a target: it is for the
record (docs/encryption.md), run by hand.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "bench passphrase for the words"  # noqa: S105  (a throwaway database)


def timed(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=float, default=3.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp(prefix="nc-bench-enc-"))
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--years", str(args.years),
         "--out", str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    os.environ["NOCONTACT_DATA_DIR"] = str(out / "data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "nocontact.settings"
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import setup_test_environment

    from nocontact.accounts import words
    from nocontact.journey import encryption, portability
    from nocontact.journey.models import Event, Writing

    setup_test_environment()
    user = User.objects.get(username="bench")
    rows = Writing.objects.count(), Event.objects.exclude(data__note=None).count()
    client = Client()
    client.force_login(user)
    pages = ("/", "/history/", "/journal/")
    results: dict[str, float] = {}
    results["export, plain"] = timed(args.runs, lambda: portability.export_for(user))
    for path in pages:
        results[f"GET {path}, plain"] = timed(args.runs * 5, lambda p=path: client.get(p))

    start = time.perf_counter()
    key, _code = encryption.turn_on(user.pk, PASSPHRASE)
    results["turn on (seal everything)"] = (time.perf_counter() - start) * 1000
    words_vault = words.vault_of(user.pk)
    assert words_vault is not None
    results["unlock (Argon2id)"] = timed(
        args.runs, lambda: words.open_with_passphrase(words_vault, PASSPHRASE)
    )
    with words.unlocked(key):
        results["export, sealed"] = timed(args.runs, lambda: portability.export_for(user))
    client.post("/words/unlock/", {"passphrase": PASSPHRASE, "next": "/"})
    for path in pages:
        results[f"GET {path}, sealed"] = timed(args.runs * 5, lambda p=path: client.get(p))

    print(f"{rows[0]} writings, {rows[1]} events with a note ({args.years:g} years)")
    for name, ms in results.items():
        print(f"{name:32} {ms:9.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
