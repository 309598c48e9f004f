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
Only for queries whose SQL does not depend on the request: nothing read from the
active time zone or language (no ``__date``, ``__hour`` or ``Trunc``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar, overload

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


Page = Callable[[models.QuerySet[Any], int, "int | None"], models.QuerySet[Any]]
# How many compiled pages a look-up keeps (a long history has many page numbers).
PAGES_KEPT = 64


def _slice(rows: models.QuerySet[Any], start: int, stop: int | None) -> models.QuerySet[Any]:
    return rows[start:stop]


def by_ids(order: tuple[str, ...], *fields: str) -> Page:
    """Pages of long rows: sorted and cut on the ids alone (an index holds them), then
    only the rows of the page read, with ``fields``. Sorting a thousand long texts to
    show twenty costs more than the rest of the page."""

    def page(rows: models.QuerySet[Any], start: int, stop: int | None) -> models.QuerySet[Any]:
        ids = rows.order_by(*order).values("pk")[start:stop]
        model: type[models.Model] = rows.model
        return model._default_manager.filter(pk__in=ids).order_by(*order).only(*fields)

    return page


class Prepared(Generic[M]):
    """``build(*marks)`` as a queryset, compiled once per database; ``rows(*values)``.

    ``count`` and slices of ``rows`` (``start``, ``stop``) are compiled once each too;
    ``page`` turns the queryset into the rows of one slice (by default, the slice).
    """

    def __init__(
        self, build: Callable[..., models.QuerySet[M]], *marks: Any, page: Page = _slice
    ) -> None:
        self._build = build
        self._marks = marks
        self._page = page
        self._model: type[M] | None = None
        # (database, vendor, what) -> (SQL, its parameters, where each value of a call goes)
        self._compiled: dict[tuple[Any, ...], tuple[str, list[Any], list[int]]] = {}

    def _compile(self, db: str, what: tuple[Any, ...]) -> tuple[str, list[Any], list[int]]:
        connection = connections[db]
        key = (db, connection.vendor, *what)
        compiled = self._compiled.get(key)  # one look-up: another thread may clear the dict
        if compiled is not None:
            return compiled
        rows = self._build(*self._marks)
        if what[0] == "count":
            query = rows.order_by().values("pk").query
            sql, params = query.get_compiler(using=db).as_sql()
            # Django compiled the inner SQL; no value is put into the text.
            sql = f"SELECT COUNT(*) FROM ({sql}) nc_counted"  # noqa: S608
        else:
            if what[1:] != (0, None):
                rows = self._page(rows, what[1], what[2])
            sql, params = rows.query.get_compiler(using=db).as_sql()
        adapted = [_adapt(connection, mark) for mark in self._marks]
        slots = []
        for value in params:
            found = [i for i, mark in enumerate(adapted) if value == mark]
            slots.append(found[0] if found else -1)
        if any(i not in slots for i in range(len(adapted))):
            raise ValueError("the queryset does not use every value it is given")
        if len(self._compiled) > PAGES_KEPT:
            self._compiled.clear()
        compiled = (sql, list(params), slots)
        self._compiled[key] = compiled
        return compiled

    def _run(self, what: tuple[Any, ...], values: tuple[Any, ...]) -> tuple[str, str, list[Any]]:
        if len(values) != len(self._marks):
            raise TypeError(f"{len(self._marks)} values, not {len(values)}")
        if self._model is None:
            self._model = self._build(*self._marks).model
        db = router.db_for_read(self._model)
        connection = connections[db]
        sql, params, slots = self._compile(db, what)
        adapted = [_adapt(connection, value) for value in values]
        args = [
            adapted[slot] if slot >= 0 else value for value, slot in zip(params, slots, strict=True)
        ]
        return db, sql, args

    def rows(self, *values: Any, start: int = 0, stop: int | None = None) -> list[M]:
        """The rows of ``build(*values)``, in its order (``[start:stop]`` of them)."""
        if stop is not None and stop <= start:
            return []
        db, sql, args = self._run(("rows", start, stop), values)
        assert self._model is not None
        return list(self._model._default_manager.using(db).raw(sql, args))

    def count(self, *values: Any) -> int:
        """How many rows ``build(*values)`` has."""
        db, sql, args = self._run(("count",), values)
        with connections[db].cursor() as cursor:
            cursor.execute(sql, args)
            return int(cursor.fetchone()[0])

    def listing(self, *values: Any) -> Listing[M]:
        """The rows of ``build(*values)`` for a ``Paginator``: its count, its slices."""
        return Listing(self, values)


class Listing(Generic[M]):
    """What a ``Paginator`` asks of a list (``count()``, a slice), from a ``Prepared``."""

    ordered = True

    def __init__(self, prepared: Prepared[M], values: tuple[Any, ...]) -> None:
        self._prepared = prepared
        self._values = values

    def count(self) -> int:
        return self._prepared.count(*self._values)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[M]:
        return iter(self._prepared.rows(*self._values))

    @overload
    def __getitem__(self, index: int) -> M: ...

    @overload
    def __getitem__(self, index: slice) -> list[M]: ...

    def __getitem__(self, index: int | slice) -> M | list[M]:
        if isinstance(index, int):
            if index < 0:
                raise IndexError("no negative index")
            found = self._prepared.rows(*self._values, start=index, stop=index + 1)
            if not found:
                raise IndexError(index)
            return found[0]
        if index.step is not None:
            raise TypeError("a slice of rows, without a step")
        start = max(0, index.start or 0)
        return self._prepared.rows(*self._values, start=start, stop=index.stop)
