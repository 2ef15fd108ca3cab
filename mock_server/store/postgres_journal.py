"""The request journal in PostgreSQL: one history for every worker and replica on the database.

Rows arrive already masked (the journal masks before it appends), as the tuple the journal defines:
(started, session, method, path, query, operation_id, matched, status, duration, fault, headers,
request_body, response_body). Ids come from a sequence, so they are unique across replicas and
"newest first" is the order ids were taken. The table is trimmed to `size` rows now and then, and
reads never return more than `size`, so it stays bounded however many replicas write.

Recording is best effort: with the database gone the request has failed already (503), and
failing again here would only hide that answer.
"""

from __future__ import annotations

import json
import logging
import random

from .errors import StoreUnavailable
from .postgres import pg_text
from .postgres_connections import Connections

__all__ = ["PostgresJournalRows"]

log = logging.getLogger("enkash_mock.journal")

_TRIM_EVERY = 50  # appends between trims, on average: a DELETE per request would double the work


class PostgresJournalRows:
    shared = True  # rows must be plain JSON values: they cross processes

    def __init__(self, connections: Connections, size: int):
        self._db = connections
        self.size = size
        self._random = random.Random()

    def append(self, row: tuple) -> None:
        _, session, _, _, _, operation_id, matched, status, *_ = row
        try:
            self._db.autocommit_unsynced(
                "INSERT INTO enkash_journal (session, operation_id, matched, status, entry) "
                "VALUES (%s, %s, %s, %s, %s)",
                (pg_text(session), operation_id, matched, status, json.dumps(row)))
            if self._random.randrange(_TRIM_EVERY) == 0:
                self._trim()
        except StoreUnavailable as error:
            log.warning("journal entry not recorded: %s", error)

    def _trim(self) -> None:
        self._db.autocommit(
            "DELETE FROM enkash_journal WHERE id <= "
            "(SELECT id FROM enkash_journal ORDER BY id DESC OFFSET %s LIMIT 1)", (self.size,))

    def newest(self, *, session: str | None, operation: str | None, status: int | None, unmatched: bool,
               limit: int | None) -> list[tuple]:
        """Rows with their id first, newest first, among the newest `size` rows."""
        limit = self.size if limit is None else min(limit, self.size)
        session = None if session is None else pg_text(session)
        operation = None if operation is None else pg_text(operation)  # a filter from a query string: any text
        rows = self._db.autocommit(
            "SELECT id, entry FROM (SELECT * FROM enkash_journal ORDER BY id DESC LIMIT %s) AS recent "
            "WHERE (%s::text IS NULL OR session = %s) AND (%s::text IS NULL OR operation_id = %s) "
            "AND (%s::int IS NULL OR status = %s) AND (NOT %s OR NOT matched) ORDER BY id DESC LIMIT %s",
            (self.size, session, session, operation, operation, status, status, unmatched, limit))
        return [(entry_id, *json.loads(entry)) for entry_id, entry in rows]

    def clear(self, session: str | None) -> int:
        self._trim()  # count only rows a reader could still see
        if session is None:
            rows = self._db.autocommit("WITH gone AS (DELETE FROM enkash_journal RETURNING 1) "
                                           "SELECT count(*) FROM gone")
        else:
            rows = self._db.autocommit("WITH gone AS (DELETE FROM enkash_journal WHERE session=%s RETURNING 1) "
                                           "SELECT count(*) FROM gone", (pg_text(session),))
        return int(rows[0][0])
