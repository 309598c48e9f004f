"""How long the message coach takes on a 500-character draft.

Run ``python bench/bench_coach.py``: it builds varied drafts of exactly 500
characters from a fixed seed (clean lines and troubled ones mixed, on every
route, sometimes late or after an unanswered message), coaches each once and
prints the median and the 99th percentile. The budget (issue 4) is 2 ms at p99;
the exit status is 1 when it is exceeded.
"""

from __future__ import annotations

import datetime
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nocontact.core.coach import Route, analyse

RUNS = 2_000
WARM_UP_RUNS = 200
DRAFT_CHARACTERS = 500
BUDGET_P99_MS = 2.0
SEED = 20261122

LINES = (
    "Hey, it's been a while.",
    "Hope the new job is going well.",
    "I finally tried that ramen place, you were right about it.",
    "My sister says hi, by the way.",
    "Work has been busy but good, and I've started running again.",
    "Happy birthday, hope it's a great one!",
    "Your guitar is still here, let me know when suits you to pick it up.",
    "I'd like us to get back together. If you want the same, reach out.",
    "Thanks for offering, but I can't be just friends.",
    "I miss you so much.",
    "Please come back, I'll do anything.",
    "Why haven't you answered me? Reply tonight.",
    "Are you seeing anyone?",
    "After everything I did for you, you just left.",
    "I'm not asking you to come back, I just wanted to say hi.",
    "I can drop your stuff off on Saturday.",
    "We can still be friends if you like.",
    "honestly im a mess without u, cant sleep",
    "ugh sorry wrong number lol",
    "i still dont get why u ended it",
)


def draft(rng: random.Random) -> str:
    """A draft of exactly ``DRAFT_CHARACTERS`` characters made of shuffled lines."""
    text = ""
    while len(text) < DRAFT_CHARACTERS:
        text += rng.choice(LINES) + " "
    return text[:DRAFT_CHARACTERS]


def main() -> int:
    rng = random.Random(SEED)
    routes = list(Route)
    cases = [
        (
            draft(rng),
            rng.choice(routes),
            datetime.time(rng.randrange(24), rng.randrange(60)),
            rng.choice((0, 0, 0, 1)),
        )
        for _ in range(RUNS)
    ]
    for text, route, send_at, unanswered in cases[:WARM_UP_RUNS]:
        analyse(text, route, send_at, unanswered)

    wall_ms: list[float] = []
    cpu_ms: list[float] = []
    for text, route, send_at, unanswered in cases:
        started, started_cpu = time.perf_counter_ns(), time.thread_time_ns()
        analyse(text, route, send_at, unanswered)
        cpu_ms.append((time.thread_time_ns() - started_cpu) / 1_000_000)
        wall_ms.append((time.perf_counter_ns() - started) / 1_000_000)

    print(f"analyse() on {RUNS} varied {DRAFT_CHARACTERS}-character drafts")
    p99 = percentiles("wall clock", wall_ms)
    # CPU time leaves out the moments another process had the CPU, which is
    # what makes p99 jump on a busy machine.
    percentiles("CPU time  ", cpu_ms)
    print(
        f"budget: wall-clock p99 <= {BUDGET_P99_MS} ms: {'ok' if p99 <= BUDGET_P99_MS else 'OVER'}"
    )
    return 0 if p99 <= BUDGET_P99_MS else 1


def percentiles(label: str, timings_ms: list[float]) -> float:
    """Print p50, p99 and max; return p99."""
    p50 = statistics.median(timings_ms)
    p99 = statistics.quantiles(timings_ms, n=100)[98]
    print(f"{label}  p50 {p50:.3f} ms   p99 {p99:.3f} ms   max {max(timings_ms):.3f} ms")
    return p99


if __name__ == "__main__":
    sys.exit(main())
