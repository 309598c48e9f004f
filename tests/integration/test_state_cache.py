"""The program state is kept per process, and never outlives what it comes from.

``journey/state_cache.py`` keeps each derived state until the breakup's version
changes. These tests change each thing the state comes from, in each way the app
writes it, and check that the very next look shows the change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nocontact.accounts import request_cache
from nocontact.accounts.models import settings_for
from nocontact.core import model as core
from nocontact.journey import repository, state_cache
from nocontact.journey.models import Breakup, Event, Occasion
from nocontact.web.views.dashboard import checked_in_on
from tests.conftest import local_today

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
    elsewhere.breakup_date = local_today() - dt.timedelta(days=40)
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


# --- Only the new events are read, while only events were added (Breakup.epoch) ------


def slip(breakup: Breakup, days_ago: int) -> Event:
    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    return repository.record_event(breakup, core.EventKind.SLIP, {"channel": "text"}, at=at)


def resisted(breakup: Breakup) -> Event:
    urge, _ = repository.log_urge(
        breakup, {"intensity": 5, "channel": "text", "outcome": "resisted"}
    )
    return urge


def test_after_an_append_only_the_new_events_are_read(owner_breakup: Any) -> None:
    resisted(owner_breakup)
    assert repository.program_state(owner_breakup).day_count == 12
    before = state_cache.log(owner_breakup.pk)

    slip(owner_breakup, days_ago=0)
    assert repository.program_state(owner_breakup).day_count == 0

    after = state_cache.log(owner_breakup.pk)
    assert len(after.events) == len(before.events) + 1
    assert all(a is b for a, b in zip(after.events, before.events, strict=False))


def test_an_event_saved_again_is_read_again(owner_breakup: Any) -> None:
    event = slip(owner_breakup, days_ago=3)
    assert repository.program_state(owner_breakup).day_count == 3

    event.at = dt.datetime.now(dt.UTC) - dt.timedelta(days=5)  # an edit, through save()
    event.save()

    assert repository.program_state(owner_breakup).day_count == 5


def test_a_row_committed_late_under_a_lower_id_is_not_missed(owner_breakup: Any) -> None:
    late = slip(owner_breakup, days_ago=3)  # the lower id, committed after the read below
    resisted(owner_breakup)
    state = repository.program_state(owner_breakup)
    assert state.day_count == 3
    kept = state_cache.log(owner_breakup.pk)
    # What a process that read between the two commits keeps (PostgreSQL can do that:
    # ids are given at insert, rows are seen at commit).
    without = [(i, e) for i, e in zip(kept.ids, kept.events, strict=True) if i != late.pk]
    assert len(without) == len(kept.events) - 1
    state_cache.keep_log(
        owner_breakup.pk,
        dataclasses.replace(
            kept,
            ids=tuple(i for i, _ in without),
            events=tuple(e for _, e in without),
            count=kept.count - 1,
            id_sum=kept.id_sum - late.pk,
        ),
    )
    state_cache.appended(owner_breakup.pk)  # the next event's new version

    assert repository.program_state(owner_breakup).day_count == 3


def test_an_event_deleted_without_a_signal_is_not_kept(owner_breakup: Any) -> None:
    event = slip(owner_breakup, days_ago=2)
    assert repository.program_state(owner_breakup).day_count == 2

    Event.objects.filter(pk=event.pk).delete()  # fast delete: no signal, same version
    resisted(owner_breakup)  # an append: same epoch

    assert repository.program_state(owner_breakup).day_count == 12


def test_what_a_rolled_back_transaction_read_is_not_kept(owner_breakup: Any) -> None:
    assert repository.program_state(owner_breakup).day_count == 12

    seen_inside = []
    with transaction.atomic():
        slip(owner_breakup, days_ago=0)
        seen_inside.append(repository.program_state(owner_breakup).day_count)
        transaction.set_rollback(True)
    assert seen_inside == [0]

    assert repository.program_state(owner_breakup).day_count == 12
    # SQLite gives the rolled-back ids again: this urge may take the slip's id.
    resisted(owner_breakup)
    assert repository.program_state(owner_breakup).day_count == 12


def test_a_new_day_reads_the_events_again(owner_breakup: Any) -> None:
    resisted(owner_breakup)
    state = repository.program_state(owner_breakup)
    kept = state_cache.log(owner_breakup.pk)

    repository.program_state(owner_breakup, state.today + dt.timedelta(days=1))

    assert state_cache.log(owner_breakup.pk).cutoff == kept.cutoff + dt.timedelta(days=1)


def test_an_occasion_added_elsewhere_is_in_the_next_profile(owner_breakup: Any) -> None:
    repository.program_state(owner_breakup)
    Occasion.objects.create(
        breakup=Breakup.objects.get(pk=owner_breakup.pk),
        kind=Occasion.Kind.HARD_DATE,
        name="Our song's concert",
        date=local_today(),
    )
    state_cache.current(owner_breakup)  # the new version and epoch, as program_state reads

    profile = repository.to_profile(owner_breakup, kept=True)
    assert [h.name for h in profile.hard_dates] == ["Our song's concert"]


# --- The dashboard reads today's check-in and the latest urge in the kept events -------


def urge_at(breakup: Breakup, intensity: int, at: dt.datetime) -> None:
    repository.log_urge(
        breakup, {"intensity": intensity, "channel": "text", "outcome": "resisted"}, at=at
    )


def latest_urge_shown(client: Any) -> str | None:
    html = client.get(reverse("dashboard")).content.decode()
    match = re.search(r"intensity (\d+) of", html)
    return match.group(1) if match else None


def test_the_latest_urge_is_the_latest_in_time_not_the_last_logged(
    owner_client: Any, owner_breakup: Any
) -> None:
    now = dt.datetime.now(dt.UTC)
    urge_at(owner_breakup, 7, now - dt.timedelta(minutes=1))
    assert latest_urge_shown(owner_client) == "7"

    urge_at(owner_breakup, 3, now - dt.timedelta(hours=5))  # logged later, happened before
    assert latest_urge_shown(owner_client) == "7"
    assert state_cache.log(owner_breakup.pk) is not None  # read from the kept events

    urge_at(owner_breakup, 4, now - dt.timedelta(minutes=1))  # the same moment: the later row
    assert latest_urge_shown(owner_client) == "4"


def test_an_urge_older_than_the_window_is_still_the_latest(
    owner_client: Any, owner_breakup: Any
) -> None:
    urge_at(owner_breakup, 8, dt.datetime.now(dt.UTC) - dt.timedelta(days=400))
    assert latest_urge_shown(owner_client) == "8"


def test_a_check_in_counts_for_the_day_it_was_on_the_users_clock(
    owner: Any, owner_client: Any, owner_breakup: Any
) -> None:
    user_settings = settings_for(owner)
    user_settings.timezone = "Pacific/Kiritimati"  # UTC+14: its day starts at 10:00 UTC
    user_settings.save()
    today = repository.today_for(owner)
    tz = repository.user_tz(owner)
    checkin = {"mood": 3, "desperation": 4, "cried": False, "sleep_hours": 7, "control": 3}

    def done_today() -> bool:
        html = owner_client.get(reverse("dashboard")).content.decode()
        return "Done for today." in html

    last_night = dt.datetime.combine(today, dt.time(), tz) - dt.timedelta(minutes=5)
    repository.record_event(owner_breakup, core.EventKind.CHECKIN, checkin, at=last_night)
    assert not done_today()
    assert state_cache.log(owner_breakup.pk) is not None

    this_morning = dt.datetime.combine(today, dt.time(), tz) + dt.timedelta(minutes=5)
    repository.record_event(owner_breakup, core.EventKind.CHECKIN, checkin, at=this_morning)
    assert done_today()


def test_the_check_in_page_knows_today_is_done_after_the_dashboard_was_seen(
    owner_client: Any, owner_breakup: Any
) -> None:
    done = "You already checked in today."
    owner_client.get(reverse("dashboard"))  # the events now kept for this version
    assert done not in owner_client.get(reverse("checkin")).content.decode()

    answers = {"mood": 3, "desperation": 4, "cried": "no", "sleep_hours": 7, "control": 3}
    assert owner_client.post(reverse("checkin"), answers).status_code == 302
    assert done in owner_client.get(reverse("checkin")).content.decode()  # a new version
    owner_client.get(reverse("dashboard"))  # kept again, with the check-in
    assert done in owner_client.get(reverse("checkin")).content.decode()


# --- A breakup read in this request is not read again, until the request writes to it --

CHECKIN = {"mood": 3, "desperation": 4, "cried": False, "sleep_hours": 7, "control": 3}


def test_it_sees_a_slip_written_in_the_same_request(owner: Any, owner_breakup: Any) -> None:
    with request_cache.scope():
        breakup = repository.active_breakup(owner)
        assert repository.program_state(breakup).day_count == 12  # now kept

        slip(breakup, days_ago=0)

        assert repository.program_state(breakup).day_count == 0


def test_it_sees_a_check_in_written_in_the_same_request(owner: Any, owner_breakup: Any) -> None:
    with request_cache.scope(), timezone.override(repository.user_tz(owner)):
        breakup = repository.active_breakup(owner)
        today = repository.program_state(breakup).today  # the events now kept
        assert not checked_in_on(breakup, today)

        repository.record_event(breakup, core.EventKind.CHECKIN, CHECKIN)

        assert checked_in_on(breakup, today)


def test_it_sees_the_breakup_saved_through_another_copy_in_the_same_request(
    owner: Any, owner_breakup: Any
) -> None:
    with request_cache.scope():
        breakup = repository.active_breakup(owner)
        assert repository.program_state(breakup).day_count == 12

        elsewhere = Breakup.objects.get(pk=owner_breakup.pk)
        elsewhere.breakup_date = local_today() - dt.timedelta(days=40)
        elsewhere.save(update_fields=["breakup_date"])

        assert repository.program_state(breakup).day_count == 40


def test_it_does_not_read_again_a_breakup_read_in_this_request(
    owner: Any, owner_breakup: Any, django_assert_num_queries: Any
) -> None:
    with request_cache.scope(), timezone.override(repository.user_tz(owner)):
        breakup = repository.active_breakup(owner)
        today = repository.program_state(breakup).today  # derived, and kept
        with django_assert_num_queries(0):
            assert repository.program_state(breakup).day_count == 12
            assert not checked_in_on(breakup, today)  # the kept events answer


def test_it_reads_the_breakup_again_outside_a_request(
    owner: Any, owner_breakup: Any, django_assert_num_queries: Any
) -> None:
    breakup = repository.active_breakup(owner)
    today = repository.program_state(breakup).today
    with django_assert_num_queries(2):  # the version, and the settings (no request)
        assert repository.program_state(breakup).day_count == 12
    with timezone.override(repository.user_tz(owner)), django_assert_num_queries(1):
        assert not checked_in_on(breakup, today)  # today's check-ins

    slip(Breakup.objects.get(pk=owner_breakup.pk), days_ago=0)
    assert repository.program_state(breakup).day_count == 0


def test_it_reads_again_a_breakup_read_in_another_request(owner: Any, owner_breakup: Any) -> None:
    with request_cache.scope():
        breakup = repository.active_breakup(owner)
        assert repository.program_state(breakup).day_count == 12

    slip(Breakup.objects.get(pk=owner_breakup.pk), days_ago=0)  # another process

    with request_cache.scope():  # the next request, with the same instance
        assert repository.program_state(breakup).day_count == 0
