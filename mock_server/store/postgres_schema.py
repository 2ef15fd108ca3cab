"""A throwaway PostgreSQL schema: what the store tests and the benchmark run each PostgreSQL store against.

`fresh_schema(url)` creates an empty schema on the server at `url`, yields a URL whose connections
use it (`search_path`), and drops it afterwards, so no run ever sees what another left behind.
psycopg (the `postgres` extra) is imported only when a schema is asked for.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

__all__ = ["fresh_schema"]


@contextmanager
def fresh_schema(url: str, prefix: str = "test") -> Iterator[str]:
    import psycopg

    schema = f"{prefix}_{secrets.token_hex(6)}"
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")
