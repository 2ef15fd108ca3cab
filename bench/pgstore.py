"""PostgreSQL for the benchmark: the server given by URL, or a throwaway one from scripts/postgres-ci.sh.

Each measured store gets a fresh schema of its own (dropped afterwards), so figures never depend on
what an earlier run left behind. The benchmark stops only a server it started itself.
"""

from __future__ import annotations

import os
import subprocess
from contextlib import AbstractContextManager, ExitStack

from mockproc import REPO

from mock_server.store.postgres_schema import fresh_schema as schema_on

__all__ = ["fresh_schema", "postgres_server"]

SCRIPT = REPO / "scripts" / "postgres-ci.sh"
URL_VARIABLES = ("ENKASH_BENCH_POSTGRES_URL", "ENKASH_TEST_POSTGRES_URL")


def postgres_server(stack: ExitStack) -> str | None:
    """A base URL, or None (with the reason printed) when PostgreSQL cannot be had here."""
    for name in URL_VARIABLES:
        if os.environ.get(name):
            return os.environ[name]
    env = {**os.environ, "ENKASH_PG_HOME": "/tmp/enkash-pg-bench"}
    try:
        exports = subprocess.run([str(SCRIPT), "start"], env=env, capture_output=True, text=True, check=True,
                                 timeout=600).stdout
    except (OSError, subprocess.SubprocessError) as error:
        print(f"PostgreSQL not available ({error}): its cases are skipped", flush=True)
        return None
    stack.callback(subprocess.run, [str(SCRIPT), "stop"], env=env, check=False, timeout=120)
    found = dict(line.removeprefix("export ").split("=", 1) for line in exports.splitlines() if "=" in line)
    return found["ENKASH_TEST_POSTGRES_URL"]


def fresh_schema(base_url: str) -> AbstractContextManager[str]:
    return schema_on(base_url, "bench")
