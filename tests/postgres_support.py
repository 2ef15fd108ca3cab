"""PostgreSQL for tests: the server `scripts/postgres-ci.sh` started, one fresh schema per test.

Without ENKASH_TEST_POSTGRES_URL a test that needs PostgreSQL skips with the reason; under CI=true it
fails instead, so a CI run that lost its database cannot pass by skipping everything.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from mock_server.store.postgres_schema import fresh_schema as schema_on

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
    with schema_on(url or postgres_url(), "test") as schema_url:
        yield schema_url


def control_postgres(action: str) -> None:
    """`pause` or `resume` the test server (scripts/postgres-ci.sh)."""
    script = os.environ.get(CONTROL_VARIABLE)
    if not script:
        _missing(CONTROL_VARIABLE)
    subprocess.run([script, action], check=True, timeout=90)
