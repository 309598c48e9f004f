"""The few look-ups every signed-in page makes, their SQL compiled once per process.

Each page asks the same questions: the user's settings, whether their words are
sealed, their active breakup, today's check-in. Django builds and compiles a
queryset's SQL on every call, and for these index look-ups that costs several
times what running the query does. ``Prepared`` compiles the queryset once per
database, with stand-in values (``marks``) where the values of a call go, then runs
that SQL with the values of each call, and builds the rows as ``Model.objects.raw``
does (``RawModelIterable``): the same columns to fields, the same converters (the
backend's, then each field's ``from_db_value``), ``Model.from_db`` for each row (the
same deferred fields, ``_state.db`` and ``post_init`` signals). What ``raw`` works out
again on every call, and never changes for one SQL on one database, is worked out on
the first call and kept (``_Reader``). ``tuples`` reads the rows of a ``values_list``
queryset as its iterable does (the same converters, no instances); ``total`` counts
the rows of a queryset with an ``id`` column and sums their ids.

The values of a call are integers, strings, dates or aware datetimes, adapted for
the database as Django adapts them for a lookup; every other value of the query
stays as compiled. The first use checks that each mark is found, adapted, in the
compiled parameters: a queryset that drops or transforms a value fails loudly.
Only for queries whose SQL does not depend on the request: nothing read from the
active time zone or language (no ``__date``, ``__hour`` or ``Trunc``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql import RawQuery

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


def _unbound(ops: Any, convert: Callable[..., Any]) -> tuple[Callable[..., Any], bool]:
    """``convert``, or the function of it when it is a method of ``ops`` (then ``True``)."""
    function: Callable[..., Any] | None = getattr(convert, "__func__", None)
    on_class = getattr(type(ops), getattr(convert, "__name__", ""), None)
    if getattr(convert, "__self__", None) is not ops or on_class is not function:
        return convert, False
    if function is None:
        return convert, False
    return function, True


# (position, its converters each as ``_unbound`` gives it, the column's expression)
Converters = list[tuple[int, tuple[tuple[Callable[..., Any], bool], ...], Any]]


def _kept(ops: Any, converters: dict[int, tuple[list[Any], Any]]) -> Converters:
    """``SQLCompiler.get_converters`` as kept: a backend's converter is a method of
    ``connection.ops``, kept as its function and called on the ``ops`` of each call's
    connection (a thread's own; none kept alive)."""
    return [
        (pos, tuple(_unbound(ops, convert) for convert in convs), expression)
        for pos, (convs, expression) in converters.items()
    ]


def _converted(
    rows: list[Any], converters: Converters, connection: BaseDatabaseWrapper
) -> list[list[Any]]:
    """``rows`` with their values converted as Django converts them (each column's
    converters in turn; a backend's own called on this connection's ``ops``)."""
    ops = connection.ops
    found = []
    for raw in rows:
        row = list(raw)
        for pos, convs, expression in converters:
            value = row[pos]
            for convert, on_ops in convs:
                if on_ops:
                    value = convert(ops, value, expression, connection)
                else:
                    value = convert(value, expression, connection)
            row[pos] = value
        found.append(row)
    return found


class _Reader:
    """How the rows of one SQL on one database become instances, as ``RawModelIterable``
    makes them (``RawQuerySet.resolve_model_init_order``, ``SQLCompiler.get_converters``),
    worked out once from the columns the database describes."""

    __slots__ = ("annotations", "converters", "names", "ops_class", "positions")

    def __init__(
        self,
        model: type[models.Model],
        db: str,
        connection: BaseDatabaseWrapper,
        sql: str,
        description: tuple[str, ...],
    ) -> None:
        converter: Any = connection.introspection.identifier_converter
        columns = [converter(name) for name in description]
        model_fields = {converter(field.column): field for field in model._meta.fields}
        init_fields = [f for f in model._meta.fields if converter(f.column) in columns]
        self.names = [f.attname for f in init_fields]
        self.positions = [columns.index(converter(f.column)) for f in init_fields]
        self.annotations = [
            (column, pos) for pos, column in enumerate(columns) if column not in model_fields
        ]
        if model._meta.pk is None or model._meta.pk.attname not in self.names:
            raise FieldDoesNotExist("Raw query must include the primary key")
        fields = [model_fields.get(c) for c in columns]
        cols: list[Any] = [f.get_col(f.model._meta.db_table) if f else None for f in fields]
        query: Any = RawQuery(sql, db)
        compiler = connection.ops.compiler("SQLCompiler")(query, connection, db)
        if compiler.has_composite_fields(cols):
            raise NotImplementedError("no composite fields in a prepared look-up")
        manager: Any = model._default_manager
        if manager.all()._prefetch_related_lookups:
            raise NotImplementedError("no prefetch_related in a prepared look-up")
        self.ops_class = type(connection.ops)
        self.converters = _kept(connection.ops, compiler.get_converters(cols))

    def instances(
        self, model: type[M], db: str, connection: BaseDatabaseWrapper, rows: list[Any]
    ) -> list[M]:
        names, positions, annotations = self.names, self.positions, self.annotations
        from_db = model.from_db
        if self.converters:
            rows = _converted(rows, self.converters, connection)
        found = []
        for row in rows:
            instance = from_db(db, names, [row[pos] for pos in positions])
            for column, pos in annotations:
                setattr(instance, column, row[pos])
            found.append(instance)
        return found


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


class _Compiled:
    """One compiled SQL: its parameters, where each value of a call goes, its reader
    (``rows``) or the converters of its columns (``tuples``)."""

    __slots__ = ("converters", "marked", "params", "raw_params", "reader", "sql")

    def __init__(
        self,
        connection: BaseDatabaseWrapper,
        sql: str,
        params: list[Any],
        slots: list[int],
        converters: Converters,
    ) -> None:
        self.sql = sql
        self.params = params
        # The parameters as ``raw`` passes them (``RawQuery`` adapts each one again).
        adapt = connection.ops.adapt_unknown_value
        self.raw_params = [adapt(value) for value in params]
        # (position, which value of a call) for the few parameters a call fills in; the
        # rest stay as compiled. ``slots``: for each parameter, its value's index or -1.
        self.marked = [(pos, slot) for pos, slot in enumerate(slots) if slot >= 0]
        self.reader: _Reader | None = None  # from the first rows the database describes
        self.converters = converters

    def args(self, adapted: list[Any]) -> list[Any]:
        """The parameters of a call: its values (``adapted``) where the marks were."""
        args = self.params.copy()
        for pos, slot in self.marked:
            args[pos] = adapted[slot]
        return args


class Prepared(Generic[M]):
    """``build(*marks)`` as a queryset, compiled once per database; ``rows(*values)``.

    ``count`` and slices of ``rows`` (``start``, ``stop``) are compiled once each too;
    ``page`` turns the queryset into the rows of one slice (by default, the slice).
    For a ``values_list`` queryset, ``tuples`` and ``total`` instead of ``rows``.
    """

    def __init__(
        self, build: Callable[..., models.QuerySet[M, Any]], *marks: Any, page: Page = _slice
    ) -> None:
        self._build = build
        self._marks = marks
        self._page = page
        self._model: type[M] | None = None
        # (database, vendor, what) -> the SQL, its parameters, where each value goes
        self._compiled: dict[tuple[Any, ...], _Compiled] = {}

    def _sql(
        self, db: str, connection: BaseDatabaseWrapper, what: tuple[Any, ...]
    ) -> tuple[str, Sequence[Any], Converters]:
        """The SQL of ``what`` with the marks, its parameters, its columns' converters."""
        rows = self._build(*self._marks)
        if what[0] == "count":
            rows = rows.order_by().values("pk")
        elif what[0] in ("rows", "tuples") and what[1:] != (0, None):
            rows = self._page(rows, what[1], what[2])
        compiler = rows.query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        # Django compiled the inner SQL; no value is put into the text.
        if what[0] == "count":
            return f"SELECT COUNT(*) FROM ({sql}) nc_counted", params, []  # noqa: S608
        if what[0] == "total":
            return f"SELECT COUNT(*), SUM(nc_log.id) FROM ({sql}) nc_log", params, []  # noqa: S608
        if what[0] == "tuples":
            # The columns ``ValuesListIterable`` converts (``SQLCompiler.results_iter``).
            columns = [column[0] for column in compiler.select[: compiler.col_count]]
            if compiler.has_composite_fields(columns):
                raise NotImplementedError("no composite fields in prepared tuples")
            return sql, params, _kept(connection.ops, compiler.get_converters(columns))
        return sql, params, []

    def _compile(self, db: str, connection: BaseDatabaseWrapper, key: tuple[Any, ...]) -> _Compiled:
        """The SQL of ``key`` (database, vendor, what), compiled and kept."""
        sql, params, converters = self._sql(db, connection, key[2:])
        adapted = [_adapt(connection, mark) for mark in self._marks]
        slots = []
        for value in params:
            found = [i for i, mark in enumerate(adapted) if value == mark]
            slots.append(found[0] if found else -1)
        if any(i not in slots for i in range(len(adapted))):
            raise ValueError("the queryset does not use every value it is given")
        if len(self._compiled) > PAGES_KEPT:
            self._compiled.clear()
        compiled = _Compiled(connection, sql, list(params), slots, converters)
        self._compiled[key] = compiled
        return compiled

    def _run(
        self, what: tuple[Any, ...], values: tuple[Any, ...]
    ) -> tuple[str, BaseDatabaseWrapper, _Compiled, list[Any]]:
        if len(values) != len(self._marks):
            raise TypeError(f"{len(self._marks)} values, not {len(values)}")
        if self._model is None:
            self._model = self._build(*self._marks).model
        db = router.db_for_read(self._model)
        connection = connections[db]
        # One look-up (another thread may clear the dict), and no call when the SQL is kept.
        key = (db, connection.vendor, *what)
        compiled = self._compiled.get(key) or self._compile(db, connection, key)
        adapted = [_adapt(connection, value) for value in values]
        return db, connection, compiled, adapted

    def rows(self, *values: Any, start: int = 0, stop: int | None = None) -> list[M]:
        """The rows of ``build(*values)``, in its order (``[start:stop]`` of them)."""
        if stop is not None and stop <= start:
            return []
        db, connection, compiled, adapted = self._run(("rows", start, stop), values)
        model = self._model
        assert model is not None
        adapt = connection.ops.adapt_unknown_value
        args = compiled.raw_params.copy()
        for pos, slot in compiled.marked:
            args[pos] = adapt(adapted[slot])
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, args)
            reader = compiled.reader
            if reader is None or reader.ops_class is not type(connection.ops):
                description = tuple(column[0] for column in cursor.description)
                reader = _Reader(model, db, connection, compiled.sql, description)
                compiled.reader = reader
            found = cursor.fetchall()
        return reader.instances(model, db, connection, found)

    def count(self, *values: Any) -> int:
        """How many rows ``build(*values)`` has."""
        _db, connection, compiled, adapted = self._run(("count",), values)
        args = compiled.args(adapted)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, args)
            return int(cursor.fetchone()[0])

    def tuples(
        self, *values: Any, start: int = 0, stop: int | None = None
    ) -> list[tuple[Any, ...]]:
        """The rows of ``build(*values)``, a ``values_list`` queryset, as its tuples
        (``[start:stop]`` of them)."""
        if stop is not None and stop <= start:
            return []
        _db, connection, compiled, adapted = self._run(("tuples", start, stop), values)
        args = compiled.args(adapted)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, args)
            found = cursor.fetchall()
        if compiled.converters:
            found = _converted(found, compiled.converters, connection)
        return [tuple(row) for row in found]

    def total(self, *values: Any) -> tuple[int, int]:
        """How many rows ``build(*values)`` has, and the sum of their ``id`` column (0 for
        none): what changed since the rows were read, without reading them again."""
        _db, connection, compiled, adapted = self._run(("total",), values)
        args = compiled.args(adapted)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, args)
            count, id_sum = cursor.fetchone()
        # PostgreSQL sums a bigint column as a numeric: a Decimal, an int here.
        return int(count), int(id_sum or 0)

    def listing(self, *values: Any) -> Listing[M]:
        """The rows of ``build(*values)`` for a ``Paginator``: its count, its slices."""
        return Listing(self, values, self.rows)

    def tuple_listing(self, *values: Any) -> Listing[tuple[Any, ...]]:
        """``listing`` for a ``values_list`` queryset: slices of its tuples."""
        return Listing(self, values, self.tuples)


R = TypeVar("R")


class Listing(Generic[R]):
    """What a ``Paginator`` asks of a list (``count()``, a slice), from a ``Prepared``."""

    ordered = True

    def __init__(
        self,
        prepared: Prepared[Any],
        values: tuple[Any, ...],
        read: Callable[..., list[R]],
    ) -> None:
        self._prepared = prepared
        self._values = values
        self._read = read

    def count(self) -> int:
        return self._prepared.count(*self._values)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[R]:
        return iter(self._read(*self._values))

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> list[R]: ...

    def __getitem__(self, index: int | slice) -> R | list[R]:
        if isinstance(index, int):
            if index < 0:
                raise IndexError("no negative index")
            found = self._read(*self._values, start=index, stop=index + 1)
            if not found:
                raise IndexError(index)
            return found[0]
        if index.step is not None:
            raise TypeError("a slice of rows, without a step")
        start = max(0, index.start or 0)
        return self._read(*self._values, start=start, stop=index.stop)
