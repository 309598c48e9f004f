"""The database under a crash test, read directly (not through the app) once the server is dead.

Each store counts the markers the writers sent and runs the engine's own integrity checks.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

MARKERS_SQLITE = """
    SELECT json_extract(data, '$.note') FROM journey_event WHERE kind = 'urge'
    UNION ALL SELECT text FROM journey_writing
"""
MARKERS_POSTGRES = """
    SELECT data ->> 'note' FROM journey_event WHERE kind = 'urge'
    UNION ALL SELECT text FROM journey_writing
"""


class Store(Protocol):
    name: str
    data_dir: Path  # the server's NOCONTACT_DATA_DIR (its secret key, and SQLite's file)
    url: str | None  # DATABASE_URL for the server; None for local mode's own SQLite file
    workers: int  # granian worker processes, as the mode is deployed

    def markers(self) -> Counter[str]: ...
    def integrity_problems(self) -> list[str]: ...
    def checks(self) -> str: ...
    def drop(self) -> None: ...


def crash_markers(values: list[Any]) -> Counter[str]:
    return Counter(v for v in values if isinstance(v, str) and v.startswith("crash-"))


class SqliteStore:
    """Local mode: the data directory's own SQLite file, as ``nocontact serve`` opens it."""

    name: str = "SQLite"
    url: str | None = None
    # Two processes on one file (`serve --workers 2`): the WAL and its locks shared
    # across processes, a harder case than local mode's single process by default.
    workers: int = 2

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / "nocontact.sqlite3"

    def _query(self, sql: str) -> list[tuple[object, ...]]:
        # A plain connection replays the WAL a killed server left, as the next start would.
        connection = sqlite3.connect(self.path)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    def markers(self) -> Counter[str]:
        return crash_markers([row[0] for row in self._query(MARKERS_SQLITE)])

    def integrity_problems(self) -> list[str]:
        problems = [str(row[0]) for row in self._query("PRAGMA integrity_check")]
        problems = [] if problems == ["ok"] else problems
        problems += [f"foreign key: {row}" for row in self._query("PRAGMA foreign_key_check")]
        return problems

    def checks(self) -> str:
        return "PRAGMA integrity_check, PRAGMA foreign_key_check"

    def drop(self) -> None:
        """The file lives in the test's temporary directory, removed with it."""


class PostgresStore:
    """Hosted mode: a throwaway database on the server ``DATABASE_URL`` points at."""

    name: str = "PostgreSQL"
    url: str | None
    workers: int = 2  # hosted mode: several web workers writing at once

    def __init__(self, database_url: str, data_dir: Path) -> None:
        self.data_dir = data_dir
        parts = urlsplit(database_url)
        self.database = f"nc_crash_{secrets.token_hex(4)}"
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        self.own_url = urlunsplit(parts._replace(path=f"/{self.database}"))
        self.url = self.own_url
        self.used_amcheck = False
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.database)))

    def markers(self) -> Counter[str]:
        with psycopg.connect(self.own_url, autocommit=True) as connection:
            rows = connection.execute(MARKERS_POSTGRES).fetchall()
        return crash_markers([row[0] for row in rows])

    def integrity_problems(self) -> list[str]:
        """amcheck on every index and table when it can be created; full scans always."""
        with psycopg.connect(self.own_url, autocommit=True) as connection:
            try:
                connection.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
                self.used_amcheck = True
            except psycopg.Error:
                self.used_amcheck = False
            problems = self._amcheck(connection) if self.used_amcheck else []
            return problems + self._scan(connection)

    @staticmethod
    def _amcheck(connection: psycopg.Connection[Any]) -> list[str]:
        problems: list[str] = []
        indexes = connection.execute(
            "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND a.amname = 'btree'"
        ).fetchall()
        for (index,) in indexes:
            try:  # heapallindexed: every row of the table is found in the index too
                connection.execute("SELECT bt_index_parent_check(%s, true)", (index,))
            except psycopg.Error as error:
                problems.append(f"index {index}: {error}")
        tables = connection.execute(
            "SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n"
            " ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
        ).fetchall()
        for table, name in tables:
            rows = connection.execute("SELECT * FROM verify_heapam(%s)", (table,)).fetchall()
            problems += [f"table {name}: {row}" for row in rows]
        return problems

    @staticmethod
    def _scan(connection: psycopg.Connection[Any]) -> list[str]:
        """Every page of every table read by a sequential scan, each primary key unique in it."""
        for setting in ("enable_indexscan", "enable_indexonlyscan", "enable_bitmapscan"):
            connection.execute(sql.SQL("SET {} = off").format(sql.Identifier(setting)))
        keys = connection.execute(
            "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
            " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE i.indisprimary AND n.nspname = 'public'"
        ).fetchall()
        problems = []
        for table, key in keys:
            query = sql.SQL("SELECT count(*), count(DISTINCT {}) FROM {}").format(
                sql.Identifier(key), sql.Identifier(table)
            )
            rows, distinct = connection.execute(query).fetchone() or (0, 0)
            if rows != distinct:
                problems.append(f"{table}: {rows} rows but {distinct} distinct {key}")
        return problems

    def checks(self) -> str:
        amcheck = "amcheck (bt_index_parent_check, verify_heapam), " if self.used_amcheck else ""
        return amcheck + "sequential scans with primary-key uniqueness"

    def drop(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            query = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            admin.execute(query.format(sql.Identifier(self.database)))
