"""The look-ups compiled once answer what the queryset answers, for every call."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import F
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nocontact.accounts import request_cache, words
from nocontact.accounts.models import UserSettings
from nocontact.accounts.prepared import ID, LATER_MOMENT, MOMENT, Prepared
from nocontact.journey import encryption, repository
from nocontact.journey.models import Breakup, Event, Writing
from nocontact.web.views.dashboard import checked_in_on
from tests.integration.encryption_helpers import (
    PASSPHRASE,
    cheap_kdf,  # noqa: F401  (autouse)
)
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


def _state(instance: Any) -> dict[str, Any]:
    """What a loaded row is: its values (with their types), its deferred fields, its db."""
    values = {k: v for k, v in instance.__dict__.items() if k != "_state"}
    return {
        "class": type(instance),
        "values": values,
        "types": {k: type(v) for k, v in values.items()},
        "aware": {k: v.tzinfo is not None for k, v in values.items() if isinstance(v, dt.datetime)},
        "deferred": instance.get_deferred_fields(),
        "db": instance._state.db,
        "adding": instance._state.adding,
    }


def test_it_builds_the_instances_the_queryset_builds(owner: Any, owner_breakup: Any) -> None:
    at = dt.datetime(2026, 7, 1, 23, 30, tzinfo=BERLIN)
    add_event(owner_breakup, "checkin", at, mood=3, desperation=3, cried=False, note="a note")
    add_event(owner_breakup, "urge", at, intensity=3, outcome="resisted", triggers=["lonely"])
    Writing.objects.create(breakup=owner_breakup, kind="journal", text="the words", at=at)
    owner_breakup.archived_at = at  # a second datetime, a nullable one
    owner_breakup.save()
    UserSettings.objects.get_or_create(user=owner)
    builds: list[Any] = [
        lambda pk: Breakup.objects.filter(user_id=pk).order_by("pk"),
        lambda pk: Breakup.objects.filter(user_id=pk).only("version", "unsafe"),
        lambda pk: Breakup.objects.filter(user_id=pk).annotate(doubled=F("intensity") * 2),
        lambda pk: Event.objects.filter(breakup__user_id=pk).order_by("at", "pk"),
        lambda pk: Event.objects.filter(breakup__user_id=pk).only("at", "data").order_by("pk"),
        lambda pk: Event.objects.filter(breakup__user_id=pk).defer("data").order_by("-pk"),
        lambda pk: Writing.objects.filter(breakup__user_id=pk),
        lambda pk: UserSettings.objects.filter(user_id=pk),
    ]
    for build in builds:
        expected = [_state(row) for row in build(owner.pk)]
        assert expected
        prepared = Prepared(build, ID)
        for _ in range(2):  # the first call works out how to read the rows, the second reuses it
            assert [_state(row) for row in prepared.rows(owner.pk)] == expected
        assert [_state(row) for row in prepared.rows(owner.pk, start=1)] == expected[1:]


def test_it_opens_sealed_words_as_the_queryset_does(owner: Any, owner_breakup: Any) -> None:
    at = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
    Writing.objects.create(breakup=owner_breakup, kind="journal", text="my own words", at=at)
    add_event(owner_breakup, "checkin", at, mood=3, desperation=3, cried=False, note="a note")
    key, _code = encryption.turn_on(owner.pk, PASSPHRASE)
    writings = Prepared(lambda pk: Writing.objects.filter(breakup_id=pk), ID)
    events = Prepared(lambda pk: Event.objects.filter(breakup_id=pk).only("kind", "data"), ID)
    sealed = writings.rows(owner_breakup.pk)[0].text
    assert sealed != "my own words"  # locked: the words stay sealed, as the queryset leaves them
    assert sealed == Writing.objects.get(breakup=owner_breakup).text
    with words.unlocked(key):
        assert writings.rows(owner_breakup.pk)[0].text == "my own words"
        assert events.rows(owner_breakup.pk)[0].data["note"] == "a note"
        assert [_state(e) for e in events.rows(owner_breakup.pk)] == [
            _state(e) for e in Event.objects.filter(breakup=owner_breakup).only("kind", "data")
        ]


def test_each_look_up_runs_one_query_and_sends_post_init(owner_breakup: Any) -> None:
    seen: list[Any] = []

    def record(sender: Any, instance: Any, **_: Any) -> None:
        seen.append(instance)

    post_init.connect(record, sender=Breakup)
    try:
        with CaptureQueriesContext(connection) as captured:
            found = _BREAKUP_BY_ID.rows(owner_breakup.pk)
    finally:
        post_init.disconnect(record, sender=Breakup)
    assert len(captured) == 1
    assert seen == found == [owner_breakup]
    assert seen[0] is found[0]


_BREAKUP_BY_ID = Prepared(lambda pk: Breakup.objects.filter(pk=pk), ID)


def test_what_it_keeps_holds_no_connection(owner_breakup: Any) -> None:
    """A thread's connection goes with its thread: a kept reader takes the backend's
    converters from the connection of each call."""
    _BREAKUP_BY_ID.rows(owner_breakup.pk)
    readers = [c.reader for c in _BREAKUP_BY_ID._compiled.values() if c.reader is not None]
    assert readers
    for reader in readers:
        kept = [convert for _pos, convs, _expression in reader.converters for convert in convs]
        for convert, _on_ops in kept:
            assert getattr(convert, "__self__", None) is not connection.ops
        if connection.vendor == "sqlite":  # its datetimes, UUIDs, booleans: the backend's
            assert any(on_ops for _convert, on_ops in kept)


def _log_rows(breakup_id: int, cutoff: dt.datetime) -> Any:
    return repository._rare_and_recent(breakup_id, cutoff)


def _with_archived_at(breakup_id: int) -> Any:
    return (
        Event.objects.filter(breakup_id=breakup_id)
        .order_by("-at", "pk")
        .values_list("pk", "kind", "at", "data", "breakup__archived_at")
    )


def _types(rows: list[tuple[Any, ...]]) -> list[tuple[type, ...]]:
    return [tuple(type(value) for value in row) for row in rows]


def test_it_reads_tuples_as_the_values_list_queryset_does(
    owner_breakup: Any, other_breakup: Any
) -> None:
    start = dt.datetime(2026, 7, 1, 23, 30, tzinfo=BERLIN)
    for breakup in (owner_breakup, other_breakup):
        add_event(breakup, "slip", start - dt.timedelta(days=90), channel="text")
        for days in (-60, -3, 0, 1):
            at = start + dt.timedelta(days=days)
            add_event(breakup, "checkin", at, mood=3, desperation=3, cried=False, note="a note")
            add_event(breakup, "urge", at, intensity=3, outcome="resisted", triggers=["lonely"])
    owner_breakup.archived_at = start  # a nullable datetime of another table
    owner_breakup.save()
    log_rows = Prepared(_log_rows, ID, MOMENT)
    with_archived_at = Prepared(_with_archived_at, ID)
    for breakup in (owner_breakup, other_breakup):
        for cutoff in (start - dt.timedelta(days=30), start.astimezone(dt.UTC), start):
            expected = list(_log_rows(breakup.pk, cutoff))
            assert log_rows.tuples(breakup.pk, cutoff) == expected
            assert _types(log_rows.tuples(breakup.pk, cutoff)) == _types(expected)
        expected = list(_with_archived_at(breakup.pk))
        assert len(expected) == 9
        for _ in range(2):  # the first call compiles, the second reuses it
            found = with_archived_at.tuples(breakup.pk)
            assert found == expected
            assert _types(found) == _types(expected)
        for _pk, _kind, at, data, _archived_at in found:
            assert isinstance(at, dt.datetime)
            assert at.tzinfo is not None  # the database's text or naive time, converted
            assert isinstance(data, dict)
    assert with_archived_at.tuples(owner_breakup.pk)[0][4] == start
    assert with_archived_at.tuples(other_breakup.pk)[0][4] is None
    assert log_rows.tuples(0, start) == []


def test_it_reads_sealed_words_in_tuples_as_the_queryset_does(
    owner: Any, owner_breakup: Any
) -> None:
    at = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
    add_event(owner_breakup, "checkin", at, mood=3, desperation=3, cried=False, note="a note")
    key, _code = encryption.turn_on(owner.pk, PASSPHRASE)
    data = Prepared(lambda pk: Event.objects.filter(breakup_id=pk).values_list("data"), ID)
    sealed = data.tuples(owner_breakup.pk)
    assert sealed == list(Event.objects.filter(breakup=owner_breakup).values_list("data"))
    assert "a note" not in str(sealed)
    with words.unlocked(key):  # values_list builds no instance: no post_init opens them
        assert data.tuples(owner_breakup.pk) == sealed


def test_it_totals_the_rows_as_count_and_sum_do(owner_breakup: Any, other_breakup: Any) -> None:
    start = dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)
    urges = [
        add_event(
            owner_breakup, "urge", start + dt.timedelta(days=n), intensity=3, outcome="resisted"
        )
        for n in range(5)
    ]
    slip = add_event(owner_breakup, "slip", start - dt.timedelta(days=400), channel="text")
    add_event(other_breakup, "urge", start, intensity=3, outcome="resisted")
    totals = Prepared(
        lambda pk, cutoff: repository._rare_and_recent(pk, cutoff, fields=("id",)), ID, MOMENT
    )
    for breakup in (owner_breakup, other_breakup):
        for cutoff in (start - dt.timedelta(days=1), start + dt.timedelta(days=3)):
            rows = repository._rare_and_recent(breakup.pk, cutoff, fields=("id",))
            ids = [pk for (pk,) in rows]
            assert totals.total(breakup.pk, cutoff) == (rows.count(), sum(ids))
            assert _types([totals.total(breakup.pk, cutoff)]) == [(int, int)]
    later = [slip.pk, urges[3].pk, urges[4].pk]  # the rare slip, the urges from the cutoff on
    assert totals.total(owner_breakup.pk, start + dt.timedelta(days=3)) == (3, sum(later))
    assert totals.total(0, start) == (0, 0)  # no rows: SQL's SUM is NULL, the total is 0


def test_tuples_and_totals_compile_once_per_database(owner_breakup: Any) -> None:
    add_event(
        owner_breakup,
        "urge",
        dt.datetime(2026, 7, 1, tzinfo=dt.UTC),
        intensity=3,
        outcome="resisted",
    )
    prepared = Prepared(_with_archived_at, ID)
    ids = Prepared(lambda pk: Event.objects.filter(breakup_id=pk).values_list("id"), ID)
    with CaptureQueriesContext(connection) as captured:
        for _ in range(3):
            prepared.tuples(owner_breakup.pk)
            ids.total(owner_breakup.pk)
    assert len(captured) == 6  # one query a call, nothing else
    assert [key[:2] for key in prepared._compiled] == [("default", connection.vendor)]
    assert len(ids._compiled) == 1
    sql, _params = _with_archived_at(owner_breakup.pk).query.get_compiler("default").as_sql()
    assert next(iter(prepared._compiled.values())).sql == sql  # Django's own SQL
    inner, _params = Event.objects.filter(breakup_id=0).values_list("id").query.sql_with_params()
    total_sql = f"SELECT COUNT(*), SUM(nc_log.id) FROM ({inner}) nc_log"  # noqa: S608
    assert next(iter(ids._compiled.values())).sql == total_sql


def test_tuples_and_totals_refuse_a_queryset_without_a_value(owner_breakup: Any) -> None:
    unused = Prepared(lambda _pk, _at: Event.objects.values_list("id"), ID, MOMENT)
    half_used = Prepared(
        lambda pk, _at: Event.objects.filter(breakup_id=pk).values_list("id"), ID, MOMENT
    )
    for prepared in (unused, half_used):
        with pytest.raises(ValueError, match="every value"):
            prepared.tuples(owner_breakup.pk, MOMENT)
        with pytest.raises(ValueError, match="every value"):
            prepared.total(owner_breakup.pk, MOMENT)


def test_it_pages_tuples_as_the_queryset_slices_them(owner_breakup: Any) -> None:
    start = dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)
    for hours in range(7):
        at = start + dt.timedelta(hours=hours % 3)  # ties: the id decides
        add_event(owner_breakup, "urge", at, intensity=hours + 1, outcome="resisted")
    build = lambda pk: (  # noqa: E731
        Event.objects.filter(breakup_id=pk).order_by("-at", "-pk").values_list("pk", "at", "data")
    )
    listing = Prepared(build, ID).tuple_listing(owner_breakup.pk)
    expected = list(build(owner_breakup.pk))
    assert listing.count() == len(expected) == 7
    assert list(listing) == expected
    for start_at, stop in ((0, 3), (3, 6), (6, 9), (2, None)):
        assert listing[start_at:stop] == expected[start_at:stop]
    assert listing[4] == expected[4]
    with pytest.raises(IndexError):
        listing[7]
