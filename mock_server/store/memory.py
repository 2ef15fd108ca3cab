"""In-memory store for tests and the in-process (respx) mock: one lock, buffered writes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .base import Document, Store, Transaction

__all__ = ["MemoryStore"]

_DELETED = object()


class _MemoryTransaction(Transaction):
    def __init__(self, data: dict[str, dict[str, str]]):
        self._data = data
        self._writes: dict[tuple[str, str], Any] = {}  # JSON text, or _DELETED

    def get(self, kind: str, key: str) -> Document | None:
        raw = self._writes.get((kind, key))
        if raw is None:
            raw = self._data.get(kind, {}).get(key)
        if raw is None or raw is _DELETED:
            return None
        return json.loads(raw)  # a fresh copy: callers may mutate it freely

    def put(self, kind: str, key: str, value: Document) -> None:
        self._writes[(kind, key)] = json.dumps(value)

    def delete(self, kind: str, key: str) -> None:
        self._writes[(kind, key)] = _DELETED

    def items(self, kind: str) -> Iterator[tuple[str, Document]]:
        keys = set(self._data.get(kind, {})) | {k for (c, k) in self._writes if c == kind}
        for key in sorted(keys):
            value = self.get(kind, key)
            if value is not None:
                yield key, value

    def commit(self) -> None:
        for (kind, key), raw in self._writes.items():
            bucket = self._data.setdefault(kind, {})
            if raw is _DELETED:
                bucket.pop(key, None)
            else:
                bucket[key] = raw


class MemoryStore(Store):
    def __init__(self) -> None:
        self._sessions: dict[str, dict[str, dict[str, str]]] = {}
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self, session: str, write: bool = True):
        with self._lock:
            tx = _MemoryTransaction(self._sessions.setdefault(session, {}))
            yield tx
            tx.commit()  # not reached when the body raised: the writes are dropped

    def export(self, session: str) -> dict[str, dict[str, Document]]:
        with self._lock:
            data = self._sessions.get(session, {})
            return {kind: {k: json.loads(v) for k, v in bucket.items()} for kind, bucket in data.items()}

    def replace(self, session: str, data: dict[str, dict[str, Document]]) -> None:
        encoded = {kind: {k: json.dumps(v) for k, v in bucket.items()} for kind, bucket in data.items()}
        with self._lock:
            self._sessions[session] = encoded

    def sessions(self) -> list[str]:
        with self._lock:
            return sorted(self._sessions)

    def drop(self, session: str | None = None) -> None:
        with self._lock:
            if session is None:
                self._sessions.clear()
            else:
                self._sessions.pop(session, None)
