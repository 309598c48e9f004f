"""In-process cost of the signed-in pages of the mixed workload (bench/load.lua).

    .venv/bin/python bench/pages.py DATA_DIR [--requests 200]

DATA_DIR holds a ``nocontact.sqlite3`` with the user ``bench`` (bench/generate.py).
Prints, per page, the median wall and CPU milliseconds and the queries per request,
through the Django test client (a profile of the app, not of a server). Each round
makes every request once, the POSTs last, so the first dashboard of a round derives
its program state again and ``/ again`` finds it kept.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The dashboard twice: first after the POSTs of the round before (its program state
# derived again), then at once again (the state kept: journey/state_cache.py).
GETS = ["/healthz", "/", "/ again", "/history/", "/sos/", "/checkin/", "/journal/"]
POSTS = {
    "/urge/": {"intensity": "6", "channel": "text", "outcome": "resisted", "triggers": "lonely"},
    "/checkin/": {
        "mood": "3",
        "desperation": "4",
        "cried": "no",
        "sleep_hours": "7",
        "control": "3",
    },
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    os.environ["NOCONTACT_DATA_DIR"] = str(args.data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "nocontact.settings"
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="localhost")
    client.force_login(get_user_model().objects.get(username="bench"))
    runs = [("GET", page) for page in GETS] + [("POST", page) for page in POSTS]

    def once(method: str, page: str) -> int:
        if method == "GET":
            return client.get(page.removesuffix(" again")).status_code
        return client.post(page, POSTS[page]).status_code

    for _ in range(3):
        for method, page in runs:
            once(method, page)
    wall: dict[tuple[str, str], list[float]] = {run: [] for run in runs}
    cpu: dict[tuple[str, str], list[float]] = {run: [] for run in runs}
    queries: dict[tuple[str, str], int] = {}
    status: dict[tuple[str, str], int] = {}
    for _ in range(args.requests):
        for run in runs:
            start, start_cpu = time.perf_counter(), time.process_time()
            status[run] = once(*run)
            wall[run].append(time.perf_counter() - start)
            cpu[run].append(time.process_time() - start_cpu)
    for run in runs:
        with CaptureQueriesContext(connection) as captured:
            once(*run)
        queries[run] = len(captured)
    print(f"{'request':<16} {'status':>6} {'wall ms':>8} {'cpu ms':>8} {'queries':>8}")
    for run in runs:
        print(
            f"{run[0] + ' ' + run[1]:<16} {status[run]:>6} "
            f"{statistics.median(wall[run]) * 1000:>8.2f} "
            f"{statistics.median(cpu[run]) * 1000:>8.2f} {queries[run]:>8}"
        )


if __name__ == "__main__":
    main()
