"""State stores: pick one by URL ("memory", "sqlite:PATH" or "postgresql://user:pass@host:port/db")."""

from __future__ import annotations

from .base import Store, Transaction, WriteNeeded
from .errors import StoreUnavailable
from .memory import MemoryStore
from .sqlite import SQLiteStore

__all__ = ["MemoryStore", "SQLiteStore", "Store", "StoreUnavailable", "Transaction", "WriteNeeded", "describe_store",
           "open_store"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(url: str) -> Store:
    if url == "memory":
        return MemoryStore()
    if url.startswith("sqlite:"):
        return SQLiteStore(url[len("sqlite:"):])
    if url.startswith(POSTGRES_SCHEMES):
        try:
            from .postgres import PostgresStore  # psycopg is an optional extra: import it only when asked
        except ImportError as error:
            raise ValueError(str(error)) from None
        return PostgresStore(url)
    raise ValueError(f"unknown store {describe_store(url)!r}: use 'memory', 'sqlite:PATH' or "
                     "'postgresql://user:pass@host:port/db'")


def describe_store(url: str) -> str:
    """A store URL fit for an error message: no password in logs."""
    scheme, sep, rest = url.partition("://")
    if sep and "@" in rest:
        credentials, _, host = rest.rpartition("@")
        return f"{scheme}://{credentials.partition(':')[0]}:***@{host}"
    return url
