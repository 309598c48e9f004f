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
breakup goes at once, by cascade). A write that bypasses ``Model.save`` (a bulk
insert, a ``QuerySet.update``) must call ``touch`` itself, as
``repository.add_events`` does.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db.models.signals import post_delete, post_save

from nocontact.accounts.prepared import ID, Prepared
from nocontact.journey.models import Breakup, Event, ItemLeft, Occasion

T = TypeVar("T")

# About 2 KB a state: a few MB a process at most, whatever the number of users.
MAX_ENTRIES = 2048

_VERSION = Prepared(lambda pk: Breakup.objects.filter(pk=pk).only("version"), ID)
_entries: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()


def touch(breakup_id: int) -> None:
    """Something the state comes from changed: give the breakup a new version."""
    Breakup.objects.filter(pk=breakup_id).update(version=uuid.uuid4())


def current(breakup: Breakup) -> Breakup:
    """``breakup`` with the version and fields the database has now.

    One primary-key lookup of the version; the row is read again only when it
    changed since ``breakup`` was loaded (in this request, or by another process).
    """
    found = _VERSION.rows(breakup.pk)
    if found and found[0].version != breakup.version:
        breakup.refresh_from_db()
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


def clear() -> None:
    with _lock:
        _entries.clear()


def _changed(sender: type[Any], instance: Event | Occasion | ItemLeft, **kwargs: Any) -> None:
    touch(instance.breakup_id)


def connect() -> None:
    # No post_delete for events: the app never deletes one alone, and a receiver
    # would make Django load and signal every event when a whole account is deleted.
    post_save.connect(_changed, sender=Event, dispatch_uid="state_cache_event")
    for model in (Occasion, ItemLeft):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"state_cache_{model.__name__}")
