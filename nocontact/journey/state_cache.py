"""The derived program state, kept per process until what it comes from changes.

Deriving a breakup's state reads a few hundred events and walks them (about half
the dashboard's cost). The state changes only when the breakup's rows change, or
when the day turns; so each process keeps the last few thousand states, keyed by
``(breakup, Breakup.version, today, time zone)``. ``version`` is a new random UUID
on every change of the breakup row (``Breakup.save``) and, through the signals
below, of its events, occasions and items. Every process reads ``version`` from
the database on each use, so a change made by another worker or machine is seen
at once: nothing is shared but the database.

A random version (not a counter) can never meet an old key again: not after a
transaction rolled back, not after a backup was restored.

Events are append-only: the app never edits or deletes one on its own (a whole
breakup goes at once, by cascade). So when only new events were added since a
state was derived, the events it came from are still right: each process also keeps
the events of its last few hundred breakups (``logs``), and reads only the rows
added since (``repository.program_events``). ``Breakup.epoch`` tells the two cases
apart: it is renewed, with the version, by every other change (an event saved
again, an occasion or item, a bulk write), and the events are then read again.

A write that bypasses ``Model.save`` (a bulk insert, a ``QuerySet.update``) must
call ``touch`` itself, as ``repository.add_events`` does.

Reading the version costs a query, and most pages write nothing: a breakup read in
this request (``mark_loaded``, from ``repository.active_breakup``) with no write to it
since is as the database has it, and its version is not read again
(``unchanged_since_loaded``). Every write above counts, in the request's scope
(``request_cache``), against the breakup it changed. Outside a request nothing is
counted, and the version is always read.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from django.db import connections, models, router
from django.db.models.signals import post_delete, post_save

from nocontact.accounts import request_cache
from nocontact.accounts.prepared import ID, Prepared
from nocontact.journey.models import Breakup, Event, ItemLeft, Occasion

T = TypeVar("T")

# About 2 KB a state: a few MB a process at most, whatever the number of users.
MAX_ENTRIES = 2048
# A breakup's events: about 0.8 KB each, 0.3 to 0.5 MB for a 3-year history (measured
# with tracemalloc): at most ~30 MB a process, for the people active right now.
MAX_LOGS = 64

_VERSION = Prepared(lambda pk: Breakup.objects.filter(pk=pk).only("version"), ID)
_ROW = Prepared(lambda pk: Breakup.objects.filter(pk=pk), ID)
_entries: OrderedDict[Hashable, Any] = OrderedDict()
_logs: OrderedDict[int, Any] = OrderedDict()
_lock = threading.Lock()
# In the request's scope: how many writes this request made to each breakup (by id).
_WRITES = "state_cache_writes"
# On a Breakup read in a request: that request's counts, and this breakup's count then.
_LOADED = "_nc_loaded_in_request"


def touch(breakup_id: int) -> None:
    """Something the state comes from changed: a new version, and a new epoch."""
    _renew(breakup_id, "version", "epoch")


def appended(breakup_id: int) -> None:
    """Events were added, nothing else changed: a new version, the same epoch."""
    _renew(breakup_id, "version")


def _renew(breakup_id: int, *names: str) -> None:
    """New random values in the breakup's ``names`` (every write pays it: plain SQL,
    what ``Breakup.objects.filter(pk=...).update(...)`` sends)."""
    _wrote(breakup_id)  # first: a write that then fails or rolls back costs one read
    db = router.db_for_write(Breakup)
    connection = connections[db]
    quote = connection.ops.quote_name
    fields = [cast("models.UUIDField[Any, Any]", Breakup._meta.get_field(name)) for name in names]
    assignments = ", ".join(f"{quote(name)} = %s" for name in names)  # no db_column: the names
    values = [field.get_db_prep_save(uuid.uuid4(), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            # Column and table names from the model, quoted; the values are parameters.
            f"UPDATE {quote(Breakup._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s",  # noqa: S608
            [*values, breakup_id],
        )


def _request_writes() -> dict[int, int] | None:
    writes: dict[int, int] | None = request_cache.held(_WRITES, dict)
    return writes


def _wrote(breakup_id: int) -> None:
    writes = _request_writes()
    if writes is not None:
        writes[breakup_id] = writes.get(breakup_id, 0) + 1


def mark_loaded(breakup: Breakup) -> Breakup:
    """``breakup``, just read from the database in this request (outside one: as is)."""
    writes = _request_writes()
    if writes is not None:
        breakup.__dict__[_LOADED] = (writes, writes.get(breakup.pk, 0))
    return breakup


def unchanged_since_loaded(breakup: Breakup) -> bool:
    """Whether ``breakup`` was read in this request and nothing was written to it since
    (by this request: another process's write shows on the next request).

    The request's counts are compared by identity: an instance kept from another
    request never passes.
    """
    mark: tuple[dict[int, int], int] | None = breakup.__dict__.get(_LOADED)
    if mark is None:
        return False
    writes, count = mark
    return writes is _request_writes() and writes.get(breakup.pk, 0) == count


def current(breakup: Breakup) -> Breakup:
    """``breakup`` with the version and fields the database has now.

    One primary-key lookup of the version; the row is read again only when it
    changed since ``breakup`` was loaded (in this request, or by another process).
    """
    found = _VERSION.rows(breakup.pk)
    if found and found[0].version != breakup.version:
        fresh = _ROW.rows(breakup.pk)
        if fresh:
            for field in Breakup._meta.concrete_fields:
                setattr(breakup, field.attname, getattr(fresh[0], field.attname))
        else:
            breakup.refresh_from_db()  # gone: let Django say so
    return breakup


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """The value kept for ``key``, or ``compute()``'s, kept (least recently used goes)."""
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        _entries[key] = value
        if len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def log(breakup_id: int) -> Any:
    """The events kept for ``breakup_id`` (``repository.EventLog``), or None."""
    with _lock:
        found = _logs.get(breakup_id)
        if found is not None:
            _logs.move_to_end(breakup_id)
        return found


def keep_log(breakup_id: int, value: Any) -> None:
    with _lock:
        _logs[breakup_id] = value
        _logs.move_to_end(breakup_id)
        if len(_logs) > MAX_LOGS:
            _logs.popitem(last=False)


def clear() -> None:
    with _lock:
        _entries.clear()
        _logs.clear()


def _breakup_saved(sender: type[Breakup], instance: Breakup, **kwargs: Any) -> None:
    # ``Breakup.save`` renews the version itself; another instance of it is now behind.
    _wrote(instance.pk)


def _changed(sender: type[Any], instance: Event | Occasion | ItemLeft, **kwargs: Any) -> None:
    if sender is Event and kwargs.get("created"):
        appended(instance.breakup_id)
    else:
        touch(instance.breakup_id)


def connect() -> None:
    # No post_delete for events: the app never deletes one alone, and a receiver
    # would make Django load and signal every event when a whole account is deleted.
    post_save.connect(_changed, sender=Event, dispatch_uid="state_cache_event")
    post_save.connect(_breakup_saved, sender=Breakup, dispatch_uid="state_cache_breakup")
    for model in (Occasion, ItemLeft):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"state_cache_{model.__name__}")
