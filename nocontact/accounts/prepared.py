"""The few look-ups every signed-in page makes, their SQL compiled once per process.

Each page asks the same questions: the user's settings, whether their words are
sealed, their active breakup, today's check-in. Django builds and compiles a
queryset's SQL on every call, and for these index look-ups that costs several
times what running the query does. ``Prepared`` compiles the queryset once per
database, with stand-in values (``marks``) where the values of a call go, then runs
that SQL with the values of each call (``Model.objects.raw``: the same rows, the
same field conversions, the same ``post_init`` signals).

The values of a call are integers, strings, dates or aware datetimes, adapted for
the database as Django adapts them for a lookup; every other value of the query
stays as compiled. The first use checks that each mark is found, adapted, in the
compiled parameters: a queryset that drops or transforms a value fails loudly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper

M = TypeVar("M", bound=models.Model)

# Stand-ins no row has, each a different value: where the values of a call go.
ID = -7_391_204_417
MOMENT = dt.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=dt.UTC)
LATER_MOMENT = dt.datetime(1901, 3, 4, 5, 6, 7, 890123, tzinfo=dt.UTC)


def _adapt(connection: BaseDatabaseWrapper, value: Any) -> Any:
    """``value`` as a lookup on its field passes it to the database."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("an aware datetime")
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return value
    raise TypeError(f"no prepared value of type {type(value).__name__}")


class Prepared(Generic[M]):
    """``build(*marks)`` as a queryset, compiled once per database; ``rows(*values)``."""

    def __init__(self, build: Callable[..., models.QuerySet[M]], *marks: Any) -> None:
        self._build = build
        self._marks = marks
        self._model: type[M] | None = None
        # (database, vendor) -> (SQL, its parameters, where each value of a call goes)
        self._compiled: dict[tuple[str, str], tuple[str, list[Any], list[int]]] = {}

    def _sql(self, db: str) -> tuple[str, list[Any], list[int]]:
        connection = connections[db]
        key = (db, connection.vendor)
        if key not in self._compiled:
            query = self._build(*self._marks).query
            sql, params = query.get_compiler(using=db).as_sql()
            adapted = [_adapt(connection, mark) for mark in self._marks]
            slots = []
            for value in params:
                found = [i for i, mark in enumerate(adapted) if value == mark]
                slots.append(found[0] if found else -1)
            if any(i not in slots for i in range(len(adapted))):
                raise ValueError("the queryset does not use every value it is given")
            self._compiled[key] = (sql, list(params), slots)
        return self._compiled[key]

    def rows(self, *values: Any) -> list[M]:
        """The rows of ``build(*values)``, in its order."""
        if len(values) != len(self._marks):
            raise TypeError(f"{len(self._marks)} values, not {len(values)}")
        if self._model is None:
            self._model = self._build(*self._marks).model
        db = router.db_for_read(self._model)
        connection = connections[db]
        sql, params, slots = self._sql(db)
        adapted = [_adapt(connection, value) for value in values]
        args = [
            adapted[slot] if slot >= 0 else value for value, slot in zip(params, slots, strict=True)
        ]
        return list(self._model._default_manager.using(db).raw(sql, args))
