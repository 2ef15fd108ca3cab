"""Connections to PostgreSQL for the store: one pool per process, transactions, and failures as 503.

A pool must not cross a fork (gunicorn builds the app in its master), so each process makes its
own on first use. A pooled connection may have died with a database restart: a transaction whose
opening statements fail on a broken connection has not reached the server, so the next connection
is tried and the pool drops the dead one. That is how the store recovers by itself when the
database returns. Every other database failure becomes `StoreUnavailable` (503 in the envelope).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from .errors import StoreUnavailable

__all__ = ["Connections", "unavailable_as_503"]

# What "the database went away" looks like to psycopg and its pool.
_UNAVAILABLE = (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout)

Statement = tuple[str, tuple]


@contextmanager
def unavailable_as_503() -> Iterator[None]:
    """Turn a database failure into StoreUnavailable, keeping the cause for the log."""
    try:
        yield
    except _UNAVAILABLE as error:
        # libpq's first line names host and port, never the password
        reason = (str(error).strip().splitlines() or [""])[0] or type(error).__name__
        raise StoreUnavailable(f"PostgreSQL is unavailable: {reason}") from error


def _configure(db: psycopg.Connection) -> None:
    """Server-side limits for each new connection: a replica that vanished mid-transaction (its host gone
    without closing the socket) must not hold its session's lock for long, nor may a waiter wait forever."""
    db.execute("SET idle_in_transaction_session_timeout = '30s'")
    db.execute("SET lock_timeout = '15s'")


class Connections:
    """`pool_size` connections per process at most; `timeout` seconds a caller waits for one (then 503)."""

    def __init__(self, url: str, pool_size: int, timeout: float):
        self.url = url
        self.pool_size = pool_size
        self.timeout = timeout
        self._lock = threading.Lock()
        self._pool_obj: ConnectionPool | None = None
        self._pool_pid: int | None = None

    def connect(self) -> psycopg.Connection:
        """A connection of its own, outside the pool: an unreachable database fails at once with libpq's reason."""
        return psycopg.connect(self.url, connect_timeout=max(1, int(self.timeout)))

    def _pool(self) -> ConnectionPool:
        if self._pool_pid != os.getpid():  # first use in this process (after a fork, a new pool)
            with self._lock:
                if self._pool_pid != os.getpid():
                    self._pool_obj = ConnectionPool(
                        self.url, min_size=1, max_size=self.pool_size, timeout=self.timeout, open=True,
                        kwargs={"autocommit": True, **self._defaults()}, configure=_configure,
                        reconnect_timeout=0,  # a failed refill gives up; the next request asks for a new one
                        name=f"enkash-{os.getpid()}")
                    self._pool_pid = os.getpid()
        pool = self._pool_obj
        if pool is None:  # closed by another thread between the check above and here
            raise RuntimeError("the PostgreSQL connection pool was closed")
        return pool

    def _defaults(self) -> dict[str, Any]:
        """libpq settings so that a database host that vanishes (no reset, no answer) is noticed in seconds,
        not after TCP's quarter of an hour; a setting given in the URL wins."""
        defaults = {"connect_timeout": max(1, int(self.timeout)), "keepalives": 1, "keepalives_idle": 5,
                    "keepalives_interval": 2, "keepalives_count": 3, "tcp_user_timeout": 10_000}
        given = conninfo_to_dict(self.url)
        return {key: value for key, value in defaults.items() if key not in given}

    def _retrying(self, pool: ConnectionPool, send) -> Any:
        """`send(db)` on a pooled connection, again on the next one while they turn out dead."""
        for attempt in range(self.pool_size + 1):
            db = pool.getconn()
            try:
                return db, send(db)
            except BaseException:
                pool.putconn(db)
                if not db.broken or attempt == self.pool_size:
                    raise
        raise AssertionError("unreachable")

    @contextmanager
    def transaction(self, *opening: Statement) -> Iterator[psycopg.Connection]:
        """A transaction whose opening statements (BEGIN, a lock) go in one round trip; COMMIT at the end,
        ROLLBACK if the body raised."""

        def open_on(db: psycopg.Connection) -> None:
            with db.pipeline():
                for sql, params in opening:
                    db.execute(sql, params)

        with unavailable_as_503():
            pool = self._pool()
            db, _ = self._retrying(pool, open_on)
            try:
                try:
                    yield db
                except BaseException:
                    with suppress(*_UNAVAILABLE, psycopg.Error):
                        db.execute("ROLLBACK")  # on a lost connection the server rolls back by itself
                    raise
                db.execute("COMMIT")
            finally:
                pool.putconn(db)

    def autocommit(self, sql: str, params: tuple = ()) -> list[tuple]:
        """One idempotent statement on its own: one round trip, no BEGIN and COMMIT."""

        def run(db: psycopg.Connection) -> list[tuple]:
            cursor = db.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

        with unavailable_as_503():
            pool = self._pool()
            db, rows = self._retrying(pool, run)
            pool.putconn(db)
            return rows

    def autocommit_unsynced(self, sql: str, params: tuple = ()) -> None:
        """One write that need not wait for its WAL flush (the journal: diagnostics, not state), sent as
        one round trip. A PostgreSQL crash may lose the last such rows; never a document. Not retried:
        a row sent on a connection that then broke may have landed."""
        with unavailable_as_503(), self._pool().connection() as db, db.pipeline():
            db.execute("BEGIN")
            db.execute("SET LOCAL synchronous_commit TO off")
            db.execute(sql, params)
            db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            if self._pool_obj is not None and self._pool_pid == os.getpid():
                self._pool_obj.close()
            self._pool_obj = self._pool_pid = None
