"""SQLite store (stdlib sqlite3, WAL): state survives restarts and is shared by worker processes.

Write transactions start with BEGIN IMMEDIATE so two requests never both read-then-write the
same document; WAL with synchronous=NORMAL keeps every committed write across a `kill -9`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .base import Document, Store, Transaction, WriteNeeded
from .read_cache import MISSING, ReadCache
from .writer_lock import WriterLock

__all__ = ["SQLiteStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    session TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (session, kind, key)
) WITHOUT ROWID
"""


def _raw(db: sqlite3.Connection, session: str, kind: str, key: str) -> str | None:
    row = db.execute(
        "SELECT value FROM documents WHERE session=? AND kind=? AND key=?", (session, kind, key)
    ).fetchone()
    return row[0] if row else None


class _SQLiteTransaction(Transaction):
    def __init__(self, connection: sqlite3.Connection, session: str, writable: bool = True,
                 cache: ReadCache | None = None):
        self._db = connection
        self._session = session
        self._writable = writable  # a deferred (read) transaction never upgrades: it could meet SQLITE_BUSY
        self._cache = cache  # read transactions only: a write transaction sees its own uncommitted rows

    def get(self, kind: str, key: str) -> Document | None:
        if self._cache is None:
            raw = _raw(self._db, self._session, kind, key)
        else:
            cache_key = (self._session, kind, key)
            raw = self._cache.lookup(cache_key)
            if raw is MISSING:
                raw = _raw(self._db, self._session, kind, key)
                self._cache.keep(cache_key, raw)
        return json.loads(raw) if raw is not None else None

    def put(self, kind: str, key: str, value: Document) -> None:
        if not self._writable:
            raise WriteNeeded
        self._db.execute(
            "INSERT OR REPLACE INTO documents (session, kind, key, value) VALUES (?, ?, ?, ?)",
            (self._session, kind, key, json.dumps(value)),
        )

    def delete(self, kind: str, key: str) -> None:
        if not self._writable:
            raise WriteNeeded
        self._db.execute(
            "DELETE FROM documents WHERE session=? AND kind=? AND key=?", (self._session, kind, key)
        )

    def items(self, kind: str) -> Iterator[tuple[str, Document]]:
        rows = self._db.execute(
            "SELECT key, value FROM documents WHERE session=? AND kind=? ORDER BY key", (self._session, kind)
        ).fetchall()
        for key, value in rows:
            yield key, json.loads(value)


class SQLiteStore(Store):
    def __init__(self, path: str):
        self.path = path
        self._local = threading.local()
        self._writers = WriterLock(path)
        with self._write() as db:
            db.execute(_SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        # One connection per thread and per process: a connection must not cross a fork.
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA busy_timeout=30000")
            local.db, local.pid, local.cache = db, os.getpid(), ReadCache()
        return local.db

    @contextmanager
    def _write(self):
        with self._writers.held():
            db = self._connection()
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    yield db
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
            finally:
                self._local.cache.forget()  # this connection's own commits do not move data_version

    @contextmanager
    def transaction(self, session: str, write: bool = True):
        if write:
            with self._write() as db:
                yield _SQLiteTransaction(db, session)
            return
        db = self._connection()
        cache = self._local.cache
        db.execute("BEGIN")
        try:
            cache.validate(db)
            yield _SQLiteTransaction(db, session, writable=False, cache=cache)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def read(self, session: str, kind: str, key: str) -> Document | None:
        # One SELECT in autocommit mode is a transaction of its own: no BEGIN and COMMIT round trips.
        raw = _raw(self._connection(), session, kind, key)
        return json.loads(raw) if raw is not None else None

    def export(self, session: str) -> dict[str, dict[str, Document]]:
        out: dict[str, dict[str, Document]] = {}
        rows = self._connection().execute(
            "SELECT kind, key, value FROM documents WHERE session=?", (session,)
        ).fetchall()
        for kind, key, value in rows:
            out.setdefault(kind, {})[key] = json.loads(value)
        return out

    def replace(self, session: str, data: dict[str, dict[str, Document]]) -> None:
        with self._write() as db:
            db.execute("DELETE FROM documents WHERE session=?", (session,))
            db.executemany(
                "INSERT INTO documents (session, kind, key, value) VALUES (?, ?, ?, ?)",
                [(session, kind, key, json.dumps(v)) for kind, bucket in data.items() for key, v in bucket.items()],
            )

    def sessions(self) -> list[str]:
        rows = self._connection().execute("SELECT DISTINCT session FROM documents ORDER BY session").fetchall()
        return [row[0] for row in rows]

    def drop(self, session: str | None = None) -> None:
        with self._write() as db:
            if session is None:
                db.execute("DELETE FROM documents")
            else:
                db.execute("DELETE FROM documents WHERE session=?", (session,))

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None and self._local.pid == os.getpid():
            db.close()
            self._local.db = None
            self._local.pid = None
        self._writers.close()
