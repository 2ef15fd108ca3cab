"""The store interface: JSON documents by (session, kind, key), changed inside one transaction.

A request opens exactly one transaction; if the request fails unexpectedly nothing it wrote is kept.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

__all__ = ["Store", "Transaction", "WriteNeeded"]

Document = dict[str, Any]


class WriteNeeded(Exception):
    """A read transaction was asked to write: run the request again in a write transaction."""


class Transaction(ABC):
    """What a handler sees: reads see the transaction's own writes."""

    @abstractmethod
    def get(self, kind: str, key: str) -> Document | None: ...

    @abstractmethod
    def put(self, kind: str, key: str, value: Document) -> None: ...

    @abstractmethod
    def delete(self, kind: str, key: str) -> None: ...

    @abstractmethod
    def items(self, kind: str) -> Iterator[tuple[str, Document]]: ...


class Store(ABC):
    @abstractmethod
    def transaction(self, session: str, write: bool = True) -> AbstractContextManager[Transaction]: ...

    def read(self, session: str, kind: str, key: str) -> Document | None:
        """One document, on its own: cheaper than a transaction where a store can do better."""
        with self.transaction(session, write=False) as tx:
            return tx.get(kind, key)

    @abstractmethod
    def export(self, session: str) -> dict[str, dict[str, Document]]:
        """Every document of a session, as {kind: {key: value}}."""

    @abstractmethod
    def replace(self, session: str, data: dict[str, dict[str, Document]]) -> None:
        """Atomically make `data` the whole state of a session."""

    @abstractmethod
    def sessions(self) -> list[str]: ...

    @abstractmethod
    def drop(self, session: str | None = None) -> None:
        """Forget a session, or every session when None."""

    # Optional hooks for stores shared by several hosts (PostgreSQL); the defaults suit one host.

    def journal_rows(self, size: int) -> Any:
        """Where the request journal keeps its rows so every process sharing this store reads one
        history (see mock_server/simulation/journal.py for the rows' interface); None: each process keeps its own."""
        return None

    def shared_secret(self) -> bytes | None:
        """An instance secret kept in the store, the same for every process that opens it; None: the
        mock makes a random one per start (worker processes inherit it from the master)."""
        return None

    def close(self) -> None:  # noqa: B027 - optional hook
        pass
