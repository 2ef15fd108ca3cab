"""Documents one SQLite connection has already read, kept while no other connection commits.

Each SQL statement releases the GIL, and under load every release is a thread hand-off: a
wallet-details or repeated token request read five or six documents that rarely change. A read
transaction asks `PRAGMA data_version` first (which also pins its snapshot); the number moves only
when another connection, in this process or another, has committed, and then the cache is emptied.
A connection's own commits do not move it, so any write transaction empties the cache itself.

Raw JSON text is cached, not parsed documents: every `get` still hands out a fresh copy.
"""

from __future__ import annotations

import sqlite3

__all__ = ["MISSING", "ReadCache"]

MISSING = object()  # what `lookup` returns for a key it has never seen


class ReadCache:
    """Per connection (so per thread and process): never shared, so never locked."""

    def __init__(self, limit: int = 1024):
        self.limit = limit  # bounded: a scan over a million wallets must not keep them all
        self._rows: dict[tuple[str, str, str], str | None] = {}
        self._version: int | None = None

    def validate(self, db: sqlite3.Connection) -> None:
        """Call first in a read transaction: drops everything if another connection committed."""
        version = db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._rows.clear()
            self._version = version

    def forget(self) -> None:
        """After this connection wrote (or tried to): its cached rows may be stale."""
        self._rows.clear()
        self._version = None

    def lookup(self, key: tuple[str, str, str]):
        """The cached JSON text, None for a cached absence, or `MISSING`."""
        return self._rows.get(key, MISSING)

    def keep(self, key: tuple[str, str, str], raw: str | None) -> None:
        if len(self._rows) >= self.limit:
            self._rows.clear()
        self._rows[key] = raw
