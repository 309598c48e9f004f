"""The strength score jumps over runs of clean days; it must equal Loop's day-by-day rule."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nocontact.core import rules
from nocontact.core.program import strength_score

BREAKUP = dt.date(2020, 1, 1)


def day_by_day(slips: set[dt.date], checked: set[dt.date], today: dt.date) -> float:
    """The rule as DESIGN.md states it: one step per day from the breakup to yesterday."""
    score, day = 0.0, BREAKUP
    while day < today:
        if day in slips:
            value = rules.SLIP_DAY_VALUE
        elif day in checked:
            value = rules.CHECKED_ON_THEM_DAY_VALUE
        else:
            value = rules.CLEAN_DAY_VALUE
        score = rules.strength_step(score, value)
        day += dt.timedelta(days=1)
    return score


offsets = st.sets(st.integers(min_value=-30, max_value=4000), max_size=40)


@settings(max_examples=200, deadline=None)
@given(slips=offsets, checked=offsets, length=st.integers(min_value=-5, max_value=4000))
def test_it_equals_the_day_by_day_rule(slips: set[int], checked: set[int], length: int) -> None:
    slip_days = {BREAKUP + dt.timedelta(days=d) for d in slips}
    checked_days = {BREAKUP + dt.timedelta(days=d) for d in checked}
    today = BREAKUP + dt.timedelta(days=length)
    expected = day_by_day(slip_days, checked_days, today)
    assert strength_score(BREAKUP, slip_days, checked_days, today) == pytest.approx(
        expected, abs=1e-9
    )


def test_thirty_clean_days_give_about_080() -> None:
    today = BREAKUP + dt.timedelta(days=30)
    assert round(strength_score(BREAKUP, set(), set(), today), 2) == 0.80
