"""The look-ups compiled once answer what the queryset answers, for every call."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from nocontact.accounts import request_cache, words
from nocontact.accounts.prepared import ID, LATER_MOMENT, MOMENT, Prepared
from nocontact.journey import repository
from nocontact.journey.models import Event
from nocontact.web.views.logging import checked_in_on
from tests.integration.program_helpers import BERLIN, add_event

pytestmark = pytest.mark.django_db


def _events_between(breakup_id: int, start: dt.datetime, end: dt.datetime) -> Any:
    return Event.objects.filter(breakup_id=breakup_id, at__gte=start, at__lt=end).order_by(
        "at", "pk"
    )


EVENTS_BETWEEN = Prepared(_events_between, ID, MOMENT, LATER_MOMENT)


def test_it_gives_each_call_its_own_values(owner_breakup: Any, other_breakup: Any) -> None:
    late = dt.datetime(2026, 7, 1, 23, 30, tzinfo=BERLIN)  # 21:30 UTC, the day before in UTC
    for breakup in (owner_breakup, other_breakup):
        for hours in (-2, 0, 1, 3):
            at = late + dt.timedelta(hours=hours)
            add_event(breakup, "checkin", at, mood=3, desperation=3, cried=False)
    windows = [
        (late, late + dt.timedelta(hours=2)),
        (late.astimezone(dt.UTC), late + dt.timedelta(minutes=30)),
        (late - dt.timedelta(hours=3), late + dt.timedelta(days=1)),
    ]
    for breakup in (owner_breakup, other_breakup):
        for start, end in windows:
            expected = list(_events_between(breakup.pk, start, end))
            assert EVENTS_BETWEEN.rows(breakup.pk, start, end) == expected
            assert [e.data for e in EVENTS_BETWEEN.rows(breakup.pk, start, end)] == [
                e.data for e in expected
            ]


def test_it_refuses_values_it_cannot_pass_as_compiled(owner_breakup: Any) -> None:
    with pytest.raises(TypeError):
        EVENTS_BETWEEN.rows(owner_breakup.pk, MOMENT)
    with pytest.raises(ValueError, match="aware"):
        EVENTS_BETWEEN.rows(owner_breakup.pk, dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 2))
    unused = Prepared(lambda _user_id: Event.objects.all(), ID)
    with pytest.raises(ValueError, match="every value"):
        unused.rows(owner_breakup.pk)


def test_it_finds_the_active_breakup_of_each_user(
    owner: Any, other: Any, owner_breakup: Any, other_breakup: Any
) -> None:
    assert repository.active_breakup(owner) == owner_breakup
    assert repository.active_breakup(other) == other_breakup
    assert repository.active_breakup(User.objects.create_user("nobody")) is None


def test_it_sees_todays_check_in_on_the_users_clock(owner_breakup: Any) -> None:
    at = dt.datetime(2026, 7, 2, 0, 30, tzinfo=BERLIN)  # 22:30 UTC on 1 July
    add_event(owner_breakup, "checkin", at, mood=3, desperation=3, cried=False)
    july_1, july_2 = dt.date(2026, 7, 1), dt.date(2026, 7, 2)
    with timezone.override(BERLIN):
        assert not checked_in_on(owner_breakup, july_1)
        assert checked_in_on(owner_breakup, july_2)
    with timezone.override(dt.UTC):
        assert checked_in_on(owner_breakup, july_1)
        assert not checked_in_on(owner_breakup, july_2)


def test_it_sees_encryption_turned_on_during_the_same_request(owner: Any) -> None:
    with request_cache.scope():
        assert not words.is_on(owner.pk)
        key, _code = words.set_up(owner.pk, "a long passphrase here")
        assert words.is_on(owner.pk)
        assert words.is_current(key)
        words.vault_of(owner.pk).delete()  # type: ignore[union-attr]
        assert not words.is_on(owner.pk)


def test_the_check_in_page_says_when_today_is_done(owner_client: Any, owner_breakup: Any) -> None:
    done = "You already checked in today."
    assert done not in owner_client.get(reverse("checkin")).content.decode()
    add_event(owner_breakup, "checkin", dt.datetime.now(dt.UTC), mood=3, desperation=3, cried=False)
    assert done in owner_client.get(reverse("checkin")).content.decode()


def test_it_counts_and_pages_as_the_queryset_does(owner_breakup: Any, other_breakup: Any) -> None:
    start = dt.datetime(2026, 7, 1, 8, 0, tzinfo=BERLIN)
    for n in range(7):
        add_event(
            owner_breakup, "urge", start + dt.timedelta(hours=n), intensity=3, outcome="resisted"
        )
    add_event(other_breakup, "urge", start, intensity=3, outcome="resisted")
    newest_first = Prepared(
        lambda breakup_id: Event.objects.filter(breakup_id=breakup_id).order_by("-at", "-pk"), ID
    )
    expected = list(Event.objects.filter(breakup=owner_breakup).order_by("-at", "-pk"))
    listing = newest_first.listing(owner_breakup.pk)
    assert listing.count() == len(expected) == 7
    assert newest_first.count(other_breakup.pk) == 1
    for start_at, stop_at in [(0, 3), (3, 6), (6, 9), (9, 12)]:
        assert listing[start_at:stop_at] == expected[start_at:stop_at]
    assert listing[2] == expected[2]
    assert list(listing) == expected
    assert listing[7:7] == []
    assert newest_first.listing(0).count() == 0
