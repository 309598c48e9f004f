"""The program state is kept per process, and never outlives what it comes from.

``journey/state_cache.py`` keeps each derived state until the breakup's version
changes. These tests change each thing the state comes from, in each way the app
writes it, and check that the very next look shows the change.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from nocontact.accounts.models import settings_for
from nocontact.core import model as core
from nocontact.journey import repository, state_cache
from nocontact.journey.models import Breakup, Event

pytestmark = pytest.mark.django_db


def day_count(client: Any) -> int:
    html = client.get(reverse("dashboard")).content.decode()
    match = re.search(r'data-day-count="(\d+)"', html)
    assert match, html
    return int(match.group(1))


def test_a_slip_resets_the_count_shown_right_after(owner_client: Any, owner_breakup: Any) -> None:
    assert day_count(owner_client) == 12
    assert day_count(owner_client) == 12  # now kept

    response = owner_client.post(
        reverse("urge"), {"intensity": "8", "channel": "text", "outcome": "slipped"}
    )
    assert response.status_code == 302

    assert day_count(owner_client) == 0


def test_a_change_made_by_another_process_shows_at_once(owner: Any, owner_breakup: Any) -> None:
    before = repository.program_state(owner_breakup)
    assert before.day_count == 12

    # Another worker has its own copy of the row, and writes through it.
    elsewhere = Breakup.objects.get(pk=owner_breakup.pk)
    repository.log_urge(elsewhere, {"intensity": 9, "channel": "call", "outcome": "slipped"})

    # This process still holds the old row (and the old version) in memory.
    assert repository.program_state(owner_breakup).day_count == 0


def test_a_new_breakup_date_counts_from_that_date(owner_breakup: Any) -> None:
    assert repository.program_state(owner_breakup).day_count == 12

    elsewhere = Breakup.objects.get(pk=owner_breakup.pk)
    elsewhere.breakup_date = dt.date.today() - dt.timedelta(days=40)
    elsewhere.save(update_fields=["breakup_date"])

    assert repository.program_state(owner_breakup).day_count == 40


def test_a_more_heated_ending_lengthens_the_minimum_at_once(owner_breakup: Any) -> None:
    before = repository.program_state(owner_breakup).minimum_days

    elsewhere = Breakup.objects.get(pk=owner_breakup.pk)
    elsewhere.intensity += 1
    elsewhere.save()

    assert repository.program_state(owner_breakup).minimum_days == before + 7  # a week a level


def test_imported_events_are_seen_at_once(owner_breakup: Any) -> None:
    assert repository.program_state(owner_breakup).day_count == 12

    slip = core.Event(
        core.EventKind.SLIP, dt.datetime.now(dt.UTC) - dt.timedelta(days=2), {"channel": "text"}
    )
    repository.add_events(owner_breakup, [slip])  # a bulk insert: no signal of its own

    assert repository.program_state(owner_breakup).day_count == 2


def test_the_count_moves_on_when_the_day_turns(owner_breakup: Any) -> None:
    today = repository.program_state(owner_breakup).today
    tomorrow = repository.program_state(owner_breakup, today + dt.timedelta(days=1))
    assert tomorrow.day_count == 13


def test_a_new_time_zone_gives_a_state_on_that_clock(owner: Any, owner_breakup: Any) -> None:
    repository.program_state(owner_breakup)
    user_settings = settings_for(owner)
    user_settings.timezone = "Pacific/Kiritimati"
    user_settings.save()

    state = repository.program_state(owner_breakup)
    assert state.today == repository.today_for(owner)


def test_an_edit_behind_the_apps_back_shows_once_touched(owner_breakup: Any) -> None:
    repository.log_urge(owner_breakup, {"intensity": 9, "channel": "call", "outcome": "slipped"})
    assert repository.program_state(owner_breakup).day_count == 0

    Event.objects.filter(breakup=owner_breakup).update(at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert repository.program_state(owner_breakup).day_count == 0  # as documented: kept

    state_cache.touch(owner_breakup.pk)
    assert repository.program_state(owner_breakup).day_count == 12
