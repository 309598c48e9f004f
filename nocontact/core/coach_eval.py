"""Measure the message coach against the labelled corpus.

``python -m nocontact.core.coach_eval [--split heldout|dev] [--show-misses]``
prints, per flag code, precision and recall, then the share of clean drafts the
coach flagged and the share of required flags it found. It exits non-zero when
more than 5% of clean drafts are flagged or fewer than 90% of required flags are
found, so CI can hold the line.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Final

from nocontact.core.coach import analyse
from nocontact.core.coach_rules.codes import FlagCode, Route

SPLITS: Final = ("heldout", "dev")
DEFAULT_SPLIT: Final = "heldout"
MAX_CLEAN_FLAGGED: Final = 0.05
MIN_REQUIRED_FOUND: Final = 0.90

EXIT_OK: Final = 0
EXIT_BELOW_THRESHOLD: Final = 1


@dataclass(frozen=True, slots=True)
class LabelledDraft:
    text: str
    route: Route
    send_at: datetime.time | None
    unanswered: int
    expected: frozenset[FlagCode]


@dataclass(frozen=True, slots=True)
class CodeScore:
    code: FlagCode
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float | None:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else None


@dataclass(frozen=True, slots=True)
class Evaluation:
    split: str
    drafts: int
    per_code: tuple[CodeScore, ...]
    clean_drafts: int
    clean_flagged: int
    required_flags: int
    required_found: int
    misses: tuple[str, ...]

    @property
    def clean_flagged_rate(self) -> float:
        return self.clean_flagged / self.clean_drafts if self.clean_drafts else 0.0

    @property
    def required_found_rate(self) -> float:
        return self.required_found / self.required_flags if self.required_flags else 1.0

    @property
    def passes(self) -> bool:
        return (
            self.clean_flagged_rate <= MAX_CLEAN_FLAGGED
            and self.required_found_rate >= MIN_REQUIRED_FOUND
        )


def load_corpus(split: str) -> list[LabelledDraft]:
    """Read one split of the corpus shipped in ``nocontact/core/coach_corpus``."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose from {', '.join(SPLITS)}")
    source = resources.files("nocontact.core.coach_corpus").joinpath(f"{split}.jsonl")
    drafts: list[LabelledDraft] = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        send_at = row.get("send_at")
        drafts.append(
            LabelledDraft(
                text=str(row["text"]),
                route=Route(row["route"]),
                send_at=datetime.time.fromisoformat(send_at) if send_at else None,
                unanswered=int(row.get("unanswered", 0)),
                expected=frozenset(FlagCode(code) for code in row["flags"]),
            )
        )
    return drafts


def evaluate(split: str) -> Evaluation:
    """Run the coach over every draft of ``split`` and count hits and misses."""
    drafts = load_corpus(split)
    counts = {code: [0, 0, 0] for code in FlagCode}  # true pos, false pos, false neg
    clean = clean_flagged = required = found = 0
    misses: list[str] = []
    for draft in drafts:
        got = analyse(draft.text, draft.route, draft.send_at, draft.unanswered).codes
        for code in got & draft.expected:
            counts[code][0] += 1
        for code in got - draft.expected:
            counts[code][1] += 1
        for code in draft.expected - got:
            counts[code][2] += 1
        if not draft.expected:
            clean += 1
            clean_flagged += bool(got)
        required += len(draft.expected)
        found += len(draft.expected & got)
        if got != draft.expected:
            missing = ",".join(sorted(draft.expected - got)) or "-"
            extra = ",".join(sorted(got - draft.expected)) or "-"
            misses.append(f"[{draft.route}] missing {missing} extra {extra}: {draft.text}")
    per_code = tuple(CodeScore(code, *counts[code]) for code in FlagCode)
    return Evaluation(
        split, len(drafts), per_code, clean, clean_flagged, required, found, tuple(misses)
    )


def report(evaluation: Evaluation) -> str:
    """The evaluation as a small plain-text table."""

    def percent(value: float | None) -> str:
        return "   -" if value is None else f"{value:4.0%}"

    lines = [
        f"message coach on the {evaluation.split} corpus ({evaluation.drafts} drafts)",
        f"{'code':<18} {'prec':>5} {'recall':>6} {'tp':>4} {'fp':>4} {'fn':>4}",
    ]
    for score in evaluation.per_code:
        lines.append(
            f"{score.code.value:<18} {percent(score.precision):>5} {percent(score.recall):>6} "
            f"{score.true_positives:>4} {score.false_positives:>4} {score.false_negatives:>4}"
        )
    lines.append(
        f"clean drafts flagged: {evaluation.clean_flagged}/{evaluation.clean_drafts} "
        f"({evaluation.clean_flagged_rate:.1%}, at most {MAX_CLEAN_FLAGGED:.0%})"
    )
    lines.append(
        f"required flags found: {evaluation.required_found}/{evaluation.required_flags} "
        f"({evaluation.required_found_rate:.1%}, at least {MIN_REQUIRED_FOUND:.0%})"
    )
    lines.append("PASS" if evaluation.passes else "FAIL")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nocontact.core.coach_eval")
    parser.add_argument("--split", choices=SPLITS, default=DEFAULT_SPLIT)
    parser.add_argument(
        "--show-misses", action="store_true", help="list every draft the coach got wrong"
    )
    args = parser.parse_args(argv)
    evaluation = evaluate(args.split)
    print(report(evaluation))
    if args.show_misses:
        print("\n".join(evaluation.misses))
    return EXIT_OK if evaluation.passes else EXIT_BELOW_THRESHOLD


if __name__ == "__main__":
    sys.exit(main())
