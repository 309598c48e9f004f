"""The report of bench/load.py: the machine, the runs, and the ratios against issue 7."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Issue 7, point 5.
DASHBOARD_P99_MAX = 3.0  # times the trivial view's p99
GROWTH_MAX = 1.3  # dashboard p50, 10 years against 3 years
MIXED_MIN = 0.5  # the mixed workload's requests/s against the trivial view's
WORKER_RSS_MAX_MB = 150.0


@dataclass
class Series:
    """The same wrk run repeated in rounds that alternate with the runs it is compared with."""

    label: str
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rps(self) -> float:
        seconds = sum(r["duration_us"] for r in self.results) / 1e6
        return sum(r["requests"] for r in self.results) / seconds

    @property
    def p50_ms(self) -> float:
        return statistics.median(r["p50_us"] for r in self.results) / 1000

    @property
    def p99_ms(self) -> float:
        return statistics.median(r["p99_us"] for r in self.results) / 1000

    @property
    def errors(self) -> int:
        return sum(sum(r["errors"].values()) + r["others"] for r in self.results)

    def ratios(self, other: Series, key: str) -> list[float]:
        """This run's figure over the other's, round by round."""
        if key == "rps":
            pairs = [
                (a["requests"] / a["duration_us"], b["requests"] / b["duration_us"])
                for a, b in zip(self.results, other.results, strict=True)
            ]
        else:
            pairs = [(a[key], b[key]) for a, b in zip(self.results, other.results, strict=True)]
        return [x / y for x, y in pairs]

    def ratio(self, other: Series, key: str) -> float:
        """Median over the rounds of this run's figure over the other's, round by round."""
        return statistics.median(self.ratios(other, key))


# --- Report --------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    os_name = platform.platform()
    for line in (
        Path("/etc/os-release").read_text().splitlines() if Path("/etc/os-release").exists() else []
    ):
        if line.startswith("PRETTY_NAME="):
            os_name = f"{line.split('=', 1)[1].strip(chr(34))} ({platform.release()})"
    from importlib.metadata import version

    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[:2]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"CPU: {cpu}, {os.cpu_count()} cores; memory {memory_kb / 1024 / 1024:.1f} GiB; {os_name}",
        f"Python {platform.python_version()}, Django {version('django')}, granian {version('granian')},"
        f" psycopg {version('psycopg')}, {' '.join(wrk_version)}",
        f"load average before the run: {load}",
    ]


@dataclass(frozen=True)
class Check:
    name: str
    measured: float
    target: str
    ok: bool
    unit: str = "x"
    rounds: tuple[float, ...] = ()  # the ratio of each round, for its spread


def checks_for(backend: str, results: dict[int, dict[str, Any]]) -> list[Check]:
    """Ratios within the same server and rounds; "info" rows have no target of their own."""
    one = results[1]["runs"]
    trivial = one["trivial, 1 connection"]
    d3, d10 = one["dashboard 3y, 1 connection"], one["dashboard 10y, 1 connection"]
    checks = []
    for years, dash in ((3, d3), (10, d10)):
        p50 = dash.ratio(trivial, "p50_us")
        p99 = dash.ratio(trivial, "p99_us")
        checks.append(Check(f"{backend}: dashboard {years}y p50 / trivial p50", p50, "info", True))
        checks.append(
            Check(
                f"{backend}: dashboard {years}y p99 / trivial p99",
                p99,
                f"<= {DASHBOARD_P99_MAX}",
                p99 <= DASHBOARD_P99_MAX,
            )
        )
    growth = d10.ratio(d3, "p50_us")
    checks.append(
        Check(
            f"{backend}: dashboard p50, 10y / 3y", growth, f"<= {GROWTH_MAX}", growth <= GROWTH_MAX
        )
    )
    for workers, result in results.items():
        runs = result["runs"]
        mixed = runs["mixed signed in"]
        anonymous = mixed.ratio(runs["trivial anonymous"], "rps")
        rounds = mixed.ratios(runs["trivial signed in"], "rps")
        signed_in = statistics.median(rounds)
        name = f"{backend}, {workers} worker(s)"
        checks.append(Check(f"{name}: mixed / trivial anonymous req/s", anonymous, "info", True))
        checks.append(
            Check(
                f"{name}: mixed / trivial signed-in req/s",
                signed_in,
                f">= {MIXED_MIN}",
                signed_in >= MIXED_MIN,
                rounds=tuple(rounds),
            )
        )
        errors = (
            sum(r.errors for r in runs.values()) + result["lost_posts"] + result["bad_redirects"]
        )
        checks.append(Check(f"{name}: errors", errors, "0", errors == 0, ""))
        rss = max(result["rss"], default=float("nan"))
        checks.append(
            Check(
                f"{name}: RSS per worker",
                rss,
                f"<= {WORKER_RSS_MAX_MB:.0f} MB",
                rss <= WORKER_RSS_MAX_MB,
                " MB",
            )
        )
    return checks


def print_runs(backend: str, results: dict[int, dict[str, Any]]) -> None:
    print(f"\n{backend}")
    print(f"  {'workers':<8}{'run':<30}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for workers, result in results.items():
        for run in result["runs"].values():
            print(
                f"  {workers:<8}{run.label:<30}{run.rps:>9.0f}{run.p50_ms:>9.2f}{run.p99_ms:>9.2f}{run.errors:>8}"
            )
        sizes = ", ".join(f"{x:.0f}" for x in result["rss"])
        print(f"  {workers:<8}worker RSS after the load: {sizes} MB")
