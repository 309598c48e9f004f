"""The few look-ups every signed-in page makes, their SQL compiled once per process.

Each page asks the same questions by id: the user's settings, whether their words
are sealed, their active breakup. Django builds and compiles a queryset's SQL on
every call, and for these one-row index look-ups that costs several times what
running the query does. ``ById`` compiles the queryset once per database and then
runs that SQL with the id of the request (``Model.objects.raw``: the same rows, the
same field conversions, the same signals).

Only an integer id changes from one call to the next, so no value needs the
database backend's own adaptation; every other value of the query stays as compiled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import connections, models, router

M = TypeVar("M", bound=models.Model)

# An id no row has: it marks where the id of each call goes in the compiled SQL.
_MARK = -7_391_204_417


class ById(Generic[M]):
    """``build(id)`` as a queryset, run by id with SQL compiled once per database."""

    def __init__(self, build: Callable[[int], models.QuerySet[M]]) -> None:
        self._build = build
        self._model: type[M] | None = None
        self._compiled: dict[tuple[str, str], tuple[str, tuple[Any, ...]]] = {}

    def _sql(self, db: str) -> tuple[str, tuple[Any, ...]]:
        key = (db, connections[db].vendor)
        if key not in self._compiled:
            query = self._build(_MARK).query
            sql, params = query.get_compiler(using=db).as_sql()
            if _MARK not in params:
                raise ValueError("the queryset does not use the id it is given")
            self._compiled[key] = (sql, tuple(params))
        return self._compiled[key]

    def rows(self, id_: int) -> list[M]:
        """The rows of ``build(id_)``, in its order."""
        if not isinstance(id_, int):
            raise TypeError("an integer id")
        if self._model is None:
            self._model = self._build(_MARK).model
        model = self._model
        db = router.db_for_read(model)
        sql, params = self._sql(db)
        args = [id_ if value == _MARK else value for value in params]
        return list(model._default_manager.using(db).raw(sql, args))
