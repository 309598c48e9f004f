"""The labelled corpus and the evaluator that keeps the coach honest in CI."""

from __future__ import annotations

import pytest

from nocontact.core import coach_eval
from nocontact.core.coach import CoachResult, Flag, FlagCode, Route
from nocontact.core.coach_eval import (
    MAX_CLEAN_FLAGGED,
    MIN_REQUIRED_FOUND,
    evaluate,
    load_corpus,
    main,
)

MIN_DRAFTS = 320
MIN_CLEAN_SHARE = 0.40


def test_it_ships_enough_labelled_drafts_with_many_clean_ones() -> None:
    drafts = load_corpus("dev") + load_corpus("heldout")
    clean = [draft for draft in drafts if not draft.expected]

    assert len(drafts) >= MIN_DRAFTS
    assert len(clean) / len(drafts) >= MIN_CLEAN_SHARE


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_it_covers_every_route_and_every_flag_code_in_each_split(split: str) -> None:
    drafts = load_corpus(split)

    assert {draft.route for draft in drafts} == set(Route)
    assert set().union(*(draft.expected for draft in drafts)) == set(FlagCode)
    for route in Route:
        assert any(not d.expected for d in drafts if d.route is route), f"no clean {route}"


def test_it_splits_the_corpus_roughly_sixty_forty() -> None:
    dev, heldout = load_corpus("dev"), load_corpus("heldout")

    assert 0.55 <= len(dev) / (len(dev) + len(heldout)) <= 0.70


def test_it_keeps_held_out_drafts_out_of_the_development_split() -> None:
    dev_texts = {draft.text.casefold() for draft in load_corpus("dev")}
    heldout_texts = [draft.text.casefold() for draft in load_corpus("heldout")]

    assert not dev_texts.intersection(heldout_texts)
    assert len(set(heldout_texts)) == len(heldout_texts)


def test_it_labels_route_specific_codes_only_on_their_routes() -> None:
    only_on = {
        FlagCode.OFFERS_DROPOFF: {Route.PICKUP},
        FlagCode.FRIENDSHIP_OFFER: {Route.INTENT_STATEMENT},
        FlagCode.UNCLEAR_INTENT: {Route.INTENT_STATEMENT},
    }
    for draft in load_corpus("dev") + load_corpus("heldout"):
        for code, routes in only_on.items():
            assert code not in draft.expected or draft.route in routes, draft.text


def test_it_rejects_an_unknown_split() -> None:
    with pytest.raises(ValueError, match="unknown split"):
        load_corpus("train")


# The first held-out part measured 0/79 clean drafts flagged but only 84.7% of
# required flags found; it was then moved into dev. The second, fresh part
# (256 drafts, written before the rules were tuned) measured once after tuning:
# 0/106 clean drafts flagged, 162/171 required flags found (94.7%).
def test_it_meets_the_thresholds_on_the_held_out_drafts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    evaluation = evaluate("heldout")

    assert evaluation.clean_flagged_rate <= MAX_CLEAN_FLAGGED
    assert evaluation.required_found_rate >= MIN_REQUIRED_FOUND
    assert main([]) == 0
    assert "PASS" in capsys.readouterr().out


def test_it_meets_the_thresholds_on_the_development_drafts() -> None:
    assert main(["--split", "dev"]) == 0


def test_it_prints_precision_and_recall_for_every_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["--split", "dev"])

    out = capsys.readouterr().out
    for code in FlagCode:
        assert code.value in out
    assert "clean drafts flagged" in out
    assert "required flags found" in out


def test_it_fails_when_the_coach_nags_clean_drafts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def nag(text: str, *args: object, **kwargs: object) -> CoachResult:
        return CoachResult(50, (Flag(FlagCode.TOO_LONG, 0, len(text), "", ""),))

    monkeypatch.setattr(coach_eval, "analyse", nag)

    assert main(["--split", "dev"]) != 0
    assert "FAIL" in capsys.readouterr().out


def test_it_fails_when_the_coach_misses_required_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(coach_eval, "analyse", lambda *args, **kwargs: CoachResult(100))

    assert main(["--split", "heldout"]) != 0
