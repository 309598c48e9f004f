"""The numbers of the program: the minimum period, milestones, the strength step."""

from __future__ import annotations

import datetime as dt

import pytest

from nocontact.core import rules
from nocontact.core.model import EndedBy, Goal, Profile


@pytest.mark.parametrize(
    ("months", "intensity", "expected"),
    [
        (0, 0, 30),
        (6, 0, 30),
        (12, 0, 30),  # "more than 12 months": exactly 12 is not more
        (13, 0, 37),
        (36, 0, 37),  # exactly 36 is not more than 36
        (37, 0, 44),  # +14 replaces +7: not 30 + 7 + 14 = 51
        (120, 0, 44),
        (6, 1, 37),
        (6, 2, 44),
        (6, 3, 51),
        (26, 1, 44),
        (40, 3, 65),
        (12, 3, 51),
        (13, 3, 58),
    ],
)
def test_it_computes_the_minimum_period(months: int, intensity: int, expected: int) -> None:
    assert rules.minimum_no_contact_days(months, intensity) == expected


def test_it_never_adds_both_relationship_bonuses() -> None:
    very_long = rules.minimum_no_contact_days(37, 0)
    assert very_long - rules.BASE_MINIMUM_DAYS == 14
    assert very_long != rules.BASE_MINIMUM_DAYS + 7 + 14


def test_it_never_shortens_the_minimum_for_odd_inputs() -> None:
    # Nothing shortens it: negative intensity or months cannot go below 30.
    assert rules.minimum_no_contact_days(-5, -2) == 30
    # Intensity above the scale counts as the top of the scale.
    assert rules.minimum_no_contact_days(6, 9) == 51


def test_it_grows_with_length_and_intensity() -> None:
    for months in range(0, 60):
        for intensity in range(0, 3):
            here = rules.minimum_no_contact_days(months, intensity)
            assert rules.minimum_no_contact_days(months + 1, intensity) >= here
            assert rules.minimum_no_contact_days(months, intensity + 1) == here + 7


def test_it_reads_the_minimum_from_a_profile() -> None:
    profile = Profile(
        ex_nickname="Sam",
        breakup_date=dt.date(2026, 9, 1),
        relationship_months=26,
        ended_by=EndedBy.THEM,
        intensity=1,
        goal=Goal.RECONNECT,
    )
    assert rules.minimum_days_for(profile) == 44


def test_it_lists_the_milestones_of_the_design() -> None:
    assert rules.MILESTONE_DAYS == (1, 3, 7, 14, 21, 30, 45, 60, 90, 180, 365)


@pytest.mark.parametrize(
    ("day", "expected"),
    [(0, 1), (1, 3), (2, 3), (3, 7), (13, 14), (14, 21), (29, 30), (30, 45), (364, 365)],
)
def test_it_finds_the_next_milestone_strictly_ahead(day: int, expected: int) -> None:
    assert rules.next_milestone(day) == expected


def test_it_has_no_milestone_after_a_year() -> None:
    assert rules.next_milestone(365) is None
    assert rules.next_milestone(1000) is None


@pytest.mark.parametrize("day", [1, 3, 7, 14, 21, 30, 45, 60, 90, 180, 365])
def test_it_celebrates_a_milestone_on_its_day(day: int) -> None:
    assert rules.reached_milestone(day) == day


@pytest.mark.parametrize("day", [0, 2, 8, 29, 31, 366])
def test_it_celebrates_nothing_between_milestones(day: int) -> None:
    assert rules.reached_milestone(day) is None


def test_it_uses_loops_daily_factor() -> None:
    # Half-life of 13 days: 13 steps of M halve what is left.
    half_life = rules.STRENGTH_DAILY_FACTOR**13
    assert half_life == pytest.approx(0.5)


def test_it_gives_about_080_after_30_clean_days() -> None:
    score = 0.0
    for _ in range(30):
        score = rules.strength_step(score, rules.CLEAN_DAY_VALUE)
    assert score == pytest.approx(1 - 0.5 ** (30 / 13))
    assert round(score, 2) == 0.80


def test_it_steps_strength_toward_the_days_value() -> None:
    m = rules.STRENGTH_DAILY_FACTOR
    assert rules.strength_step(0.0, 1.0) == pytest.approx(1 - m)
    assert rules.strength_step(1.0, 1.0) == pytest.approx(1.0)
    assert rules.strength_step(1.0, 0.0) == pytest.approx(m)
    assert rules.strength_step(0.4, 0.5) == pytest.approx(0.4 * m + 0.5 * (1 - m))


def test_it_dents_strength_with_one_slip_and_does_not_zero_it() -> None:
    score = 0.0
    for _ in range(30):
        score = rules.strength_step(score, rules.CLEAN_DAY_VALUE)
    after_slip = rules.strength_step(score, rules.SLIP_DAY_VALUE)
    assert 0.7 < after_slip < score


def test_it_values_checking_on_them_between_a_slip_and_a_clean_day() -> None:
    assert rules.SLIP_DAY_VALUE == 0.0
    assert rules.CHECKED_ON_THEM_DAY_VALUE == 0.5
    assert rules.CLEAN_DAY_VALUE == 1.0


def test_it_keeps_the_attempt_rules_of_the_design() -> None:
    assert rules.ATTEMPT_COOLDOWN_DAYS == 7
    assert rules.MAX_ATTEMPTS_WITHOUT_POSITIVE_REPLY == 3
    assert rules.DISTRESS_DESPERATION == 8
    assert rules.DISTRESS_CRYING_DAYS == 4
    assert rules.DISTRESS_WINDOW_DAYS == 7
    assert rules.COOL_OFF_HOURS == 24
    assert rules.SOS_DELAY_MINUTES == 10


def test_it_adds_days_across_month_and_year_ends() -> None:
    assert rules.add_days(dt.date(2026, 12, 25), 30) == dt.date(2027, 1, 24)
    assert rules.add_days(dt.date(2028, 2, 28), 1) == dt.date(2028, 2, 29)
