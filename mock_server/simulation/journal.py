"""Request journal: the last N API requests, newest first, secrets masked.

Masking happens when an entry is written, so the journal never holds a secret. Where the rows live
is the store's choice (`Store.journal_rows`): a store shared by several hosts (PostgreSQL) keeps them
in its database, so every worker and replica reads one history; otherwise each worker process keeps
its own bounded deque, where an append is O(1) (with `--workers N` each worker has its own journal,
documented in docs/admin.md).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from ..kernel.clock import to_iso
from .redaction import mentions_secret, redact_headers, redact_query, redact_text, redact_value

__all__ = ["Entry", "Journal", "RingRows"]

_BODY_LIMIT = 8192  # characters kept per body: enough to debug, bounded for memory


@dataclass(frozen=True)
class Entry:
    id: int
    time: str
    session: str
    method: str
    path: str
    query: str
    operationId: str | None
    matched: bool
    status: int
    durationMs: float
    fault: str | None
    requestHeaders: dict[str, str]
    requestBody: str
    responseBody: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class RingRows:
    """The journal's rows in this process: a ring buffer, thread-safe because deque appends are atomic
    and ids come from a counter. A row may hold a `_MaskedJson`, serialised only when read."""

    shared = False

    def __init__(self, size: int):
        self.size = size
        self._rows: deque[tuple] = deque(maxlen=size)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def append(self, row: tuple) -> None:
        self._rows.append((next(self._ids), *row))

    def newest(self, *, session: str | None, operation: str | None, status: int | None, unmatched: bool,
               limit: int | None) -> list[tuple]:
        with self._lock:
            rows = list(self._rows)
        found: list[tuple] = []
        for row in reversed(rows):
            if ((session is not None and row[2] != session) or (operation is not None and row[6] != operation)
                    or (status is not None and row[8] != status) or (unmatched and row[7])):
                continue
            if limit is not None and len(found) >= limit:
                break
            found.append(row)
        return found

    def clear(self, session: str | None) -> int:
        with self._lock:
            before = len(self._rows)
            if session is None:
                self._rows.clear()
            else:
                kept = [row for row in self._rows if row[2] != session]
                self._rows.clear()
                self._rows.extend(kept)
            return before - len(self._rows)


class Journal:
    """Masks each request and keeps it in `rows` (a `RingRows` unless the store shares one).

    An append stores a tuple of already-masked values; `Entry` objects are built only when read.
    """

    def __init__(self, size: int = 1000, rows: Any = None):
        self.size = max(0, int(size))  # 0 switches the journal off (benchmarks)
        self._rows = rows if rows is not None and self.size else RingRows(self.size)

    def record(self, *, session: str, method: str, path: str, query: str, operation_id: str | None,
               matched: bool, status: int, started: float, duration: float, fault: str | None,
               headers: Iterable[tuple[str, str]], request_body: str, request_type: str | None,
               response_body: str, response_type: str | None, response_value: Any = None) -> None:
        """`response_value`: the JSON value `response_body` was serialised from, if the caller knows it."""
        request_text = _masked(request_body, request_type)
        response_text = _masked(response_body, response_type, response_value)
        if self._rows.shared:  # rows that leave the process hold plain text, not lazily serialised values
            request_text, response_text = _text(request_text), _text(response_text)
        self._rows.append((
            started, session, method, path, redact_query(query), operation_id, matched, status,
            duration, fault, redact_headers(headers), request_text, response_text,
        ))

    def entries(self, *, session: str | None = None, operation: str | None = None, status: int | None = None,
                unmatched: bool = False, limit: int | None = None) -> list[Entry]:
        """Newest first, filtered."""
        rows = self._rows.newest(session=session, operation=operation, status=status, unmatched=unmatched,
                                 limit=limit)
        return [_entry(row) for row in rows]

    def clear(self, session: str | None = None) -> int:
        return self._rows.clear(session)


@dataclass(frozen=True)
class _MaskedJson:
    """A JSON body already masked, serialised only if someone reads the entry."""

    value: Any


def _masked(body: str, mimetype: str | None, value: Any = None) -> str | _MaskedJson:
    if len(body) > _BODY_LIMIT:  # cut, so no longer JSON: masked as text (withheld if it names a secret)
        return redact_text(body[:_BODY_LIMIT], mimetype)
    if value is not None and mentions_secret(body):
        return _MaskedJson(redact_value(value))  # the value it was made from: no parse of the text
    return redact_text(body, mimetype)


def _text(body: str | _MaskedJson) -> str:
    return body if isinstance(body, str) else json.dumps(body.value)


def _entry(row: tuple) -> Entry:
    (entry_id, started, session, method, path, query, operation_id, matched, status, duration, fault, headers,
     request_body, response_body) = row
    return Entry(id=entry_id, time=to_iso(started), session=session, method=method, path=path, query=query,
                 operationId=operation_id, matched=matched, status=status, durationMs=round(duration * 1000, 3),
                 fault=fault, requestHeaders=headers, requestBody=_text(request_body),
                 responseBody=_text(response_body))
