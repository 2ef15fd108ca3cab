"""PostgreSQL for tests: the server `scripts/postgres-ci.sh` started, one fresh schema per test.

Without ENKASH_TEST_POSTGRES_URL a test that needs PostgreSQL skips with the reason; under CI=true it
fails instead, so a CI run that lost its database cannot pass by skipping everything.
"""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest

__all__ = ["control_postgres", "fresh_schema", "postgres_url"]

URL_VARIABLE = "ENKASH_TEST_POSTGRES_URL"
CONTROL_VARIABLE = "ENKASH_TEST_POSTGRES_CONTROL"
_HOW = 'run eval "$(scripts/postgres-ci.sh start)" first'


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is not set under CI=true: .ci/run must start PostgreSQL ({_HOW})")
    pytest.skip(f"no PostgreSQL for this test: {what} is not set ({_HOW})")


def postgres_url() -> str:
    url = os.environ.get(URL_VARIABLE)
    if not url:
        _missing(URL_VARIABLE)
    return url


@contextmanager
def fresh_schema(url: str | None = None) -> Iterator[str]:
    """A URL whose tables live in a new, empty schema (dropped afterwards): tests never share state."""
    import psycopg

    url = url or postgres_url()
    schema = f"test_{secrets.token_hex(6)}"
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


def control_postgres(action: str) -> None:
    """`pause` or `resume` the test server (scripts/postgres-ci.sh)."""
    script = os.environ.get(CONTROL_VARIABLE)
    if not script:
        _missing(CONTROL_VARIABLE)
    subprocess.run([script, action], check=True, timeout=90)
