"""PostgreSQL store (psycopg 3 + psycopg_pool): one database shared by many mock replicas on many hosts.

One database transaction per request, as in the other stores. A write transaction first takes a
transaction-scoped advisory lock on its session, so two writers of one session (from any replica)
run one after the other and each sees what the other committed: no lost updates, and ids checked
for uniqueness inside the transaction stay unique. Writers of different sessions do not wait for
each other. A read transaction is REPEATABLE READ READ ONLY: one snapshot, no locks.

Every database failure (server down, connection lost, pool exhausted, lock timeout) becomes
`StoreUnavailable` — the app answers 503 in the envelope — and the transaction is rolled back by
the server, so nothing is half-written; connections and recovery are in postgres_connections.py.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .base import Document, Store, Transaction, WriteNeeded

try:
    import psycopg

    from .postgres_connections import Connections, unavailable_as_503
except ImportError as missing:  # an optional extra: say how to get it
    raise ImportError(
        "the PostgreSQL store needs psycopg 3 and psycopg_pool: pip install 'enkash-toolkit[postgres]'"
    ) from missing

__all__ = ["PostgresStore", "pg_text"]

# Advisory lock keys (two-int form): (namespace, key). Every writer takes ALL_SESSIONS shared, then
# its session exclusively; drop(None) takes ALL_SESSIONS exclusively. The order is fixed: no deadlock.
_ALL_SESSIONS = (0x456E, 0)
_SESSION_NAMESPACE = 0x456F
_SCHEMA_LOCK = (0x4570, 0)  # replicas starting together must not race on CREATE TABLE

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS enkash_documents (
        session TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (session, kind, key))""",
    """CREATE TABLE IF NOT EXISTS enkash_journal (
        id BIGSERIAL PRIMARY KEY, session TEXT NOT NULL, operation_id TEXT, matched BOOLEAN NOT NULL,
        status INTEGER NOT NULL, entry TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS enkash_journal_session ON enkash_journal (session, id)",
    "CREATE TABLE IF NOT EXISTS enkash_instance (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


def pg_text(text: str) -> str:
    """Any Python text as PostgreSQL text, which cannot hold NUL: NUL becomes `\\0` and a backslash
    doubles, so distinct keys stay distinct (a NUL in a username must not turn a request into a 500)."""
    if "\x00" not in text and "\\" not in text:
        return text  # the common case costs two scans and no copy
    return text.replace("\\", "\\\\").replace("\x00", "\\0")


def _plain(text: str) -> str:
    """The inverse of `pg_text`."""
    if "\\" not in text:
        return text
    return re.sub(r"\\(\\|0)", lambda m: "\\" if m.group(1) == "\\" else "\x00", text)


class _PostgresTransaction(Transaction):
    def __init__(self, connection: psycopg.Connection, session: str, writable: bool):
        self._db = connection
        self._session = pg_text(session)
        self._writable = writable

    def get(self, kind: str, key: str) -> Document | None:
        row = self._db.execute(
            "SELECT value FROM enkash_documents WHERE session=%s AND kind=%s AND key=%s",
            (self._session, pg_text(kind), pg_text(key))).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, kind: str, key: str, value: Document) -> None:
        if not self._writable:
            raise WriteNeeded
        self._db.execute(
            "INSERT INTO enkash_documents (session, kind, key, value) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (session, kind, key) DO UPDATE SET value = EXCLUDED.value",
            (self._session, pg_text(kind), pg_text(key), json.dumps(value)))

    def delete(self, kind: str, key: str) -> None:
        if not self._writable:
            raise WriteNeeded
        self._db.execute("DELETE FROM enkash_documents WHERE session=%s AND kind=%s AND key=%s",
                         (self._session, pg_text(kind), pg_text(key)))

    def items(self, kind: str) -> Iterator[tuple[str, Document]]:
        # COLLATE "C": the same code-point order as the memory and SQLite stores, whatever the database's locale.
        rows = self._db.execute(
            'SELECT key, value FROM enkash_documents WHERE session=%s AND kind=%s ORDER BY key COLLATE "C"',
            (self._session, pg_text(kind))).fetchall()
        for key, value in rows:
            yield _plain(key), json.loads(value)


class PostgresStore(Store):
    """`PostgresStore("postgresql://user:pass@host:5432/db")`; `pool_size` connections per process at most."""

    def __init__(self, url: str, pool_size: int = 10, timeout: float = 5.0):
        self.url = url
        self.pool_size = pool_size
        self.timeout = timeout  # seconds a request waits for a connection before it gets 503
        self._connections = Connections(url, pool_size, timeout)
        self._sql = self._connections.autocommit  # one statement on its own
        self._create_schema()

    def _create_schema(self) -> None:
        with unavailable_as_503(), self._connections.connect() as db:
            db.execute("SELECT pg_advisory_xact_lock(%s, %s)", _SCHEMA_LOCK)
            for statement in _SCHEMA:
                db.execute(statement)

    @contextmanager
    def _write(self, session: str | None) -> Iterator[psycopg.Connection]:
        """A write transaction holding its session's lock (every session's when `session` is None)."""
        lock: tuple[str, tuple[int | str, ...]]
        if session is None:
            lock = ("SELECT pg_advisory_xact_lock(%s, %s)", _ALL_SESSIONS)
        else:
            lock = ("SELECT pg_advisory_xact_lock_shared(%s, %s), pg_advisory_xact_lock(%s, hashtext(%s))",
                    (*_ALL_SESSIONS, _SESSION_NAMESPACE, pg_text(session)))
        with self._connections.transaction(("BEGIN", ()), lock) as db:
            yield db

    # -- the Store interface --------------------------------------------------------------------------

    @contextmanager
    def transaction(self, session: str, write: bool = True):
        if write:
            with self._write(session) as db:
                yield _PostgresTransaction(db, session, writable=True)
            return
        with self._connections.transaction(("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", ())) as db:
            yield _PostgresTransaction(db, session, writable=False)

    def read(self, session: str, kind: str, key: str) -> Document | None:
        rows = self._sql("SELECT value FROM enkash_documents WHERE session=%s AND kind=%s AND key=%s",
                         (pg_text(session), pg_text(kind), pg_text(key)))
        return json.loads(rows[0][0]) if rows else None

    def export(self, session: str) -> dict[str, dict[str, Document]]:
        out: dict[str, dict[str, Document]] = {}
        for kind, key, value in self._sql(
                "SELECT kind, key, value FROM enkash_documents WHERE session=%s", (pg_text(session),)):
            out.setdefault(_plain(kind), {})[_plain(key)] = json.loads(value)
        return out

    def replace(self, session: str, data: dict[str, dict[str, Document]]) -> None:
        with self._write(session) as db:
            stored = pg_text(session)
            db.execute("DELETE FROM enkash_documents WHERE session=%s", (stored,))
            with db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO enkash_documents (session, kind, key, value) VALUES (%s, %s, %s, %s)",
                    [(stored, pg_text(kind), pg_text(key), json.dumps(v))
                     for kind, bucket in data.items() for key, v in bucket.items()])

    def sessions(self) -> list[str]:
        rows = self._sql('SELECT DISTINCT session COLLATE "C" FROM enkash_documents ORDER BY 1')
        return [_plain(row[0]) for row in rows]

    def drop(self, session: str | None = None) -> None:
        with self._write(session) as db:
            if session is None:
                db.execute("DELETE FROM enkash_documents")
            else:
                db.execute("DELETE FROM enkash_documents WHERE session=%s", (pg_text(session),))

    def shared_secret(self) -> bytes:
        """The instance secret every replica on this database shares, made once by whoever came first."""
        self._sql("INSERT INTO enkash_instance (name, value) VALUES ('secret', %s) ON CONFLICT DO NOTHING",
                  (secrets.token_hex(32),))
        return bytes.fromhex(self._sql("SELECT value FROM enkash_instance WHERE name='secret'")[0][0])

    def journal_rows(self, size: int) -> Any:
        from .postgres_journal import PostgresJournalRows  # only journals that are switched on need it

        return PostgresJournalRows(self._connections, size)

    def close(self) -> None:
        self._connections.close()
