"""State stores: pick one by URL ("memory" or "sqlite:PATH")."""

from __future__ import annotations

from .base import Store, Transaction, WriteNeeded
from .memory import MemoryStore
from .sqlite import SQLiteStore

__all__ = ["MemoryStore", "SQLiteStore", "Store", "Transaction", "WriteNeeded", "open_store"]


def open_store(url: str) -> Store:
    if url == "memory":
        return MemoryStore()
    if url.startswith("sqlite:"):
        return SQLiteStore(url[len("sqlite:"):])
    raise ValueError(f"unknown store {url!r}: use 'memory' or 'sqlite:PATH'")
