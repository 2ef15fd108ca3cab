"""Start servers the way users run them: a subprocess on 127.0.0.1 and a free port.

Used by the benchmark (bench/run.py) and the soak script; every server started here is stopped
by the context manager that started it, by its own process id.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from contracts.targets import free_port

__all__ = ["REPO", "Served", "free_port", "serve_mock", "served", "wait_ready"]

REPO = Path(__file__).resolve().parent.parent
MOCK_CLI = Path(sys.executable).with_name("enkash-mock")


class Served:
    """A running server: its base URL, the process and the seconds it took to answer its first 200."""

    def __init__(self, process: subprocess.Popen, port: int, started: float):
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.started = started
        self.ready_seconds: float | None = None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, sig)  # the server's own process group: its main process and workers
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout)


def wait_ready(served: Served, path: str, timeout: float = 30, expect: int = 200, **request) -> float:
    """Poll until `path` answers `expect`; returns seconds since the process was started."""
    deadline = served.started + timeout
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise RuntimeError(f"server exited with {served.process.returncode} before answering")
        try:
            with urllib.request.urlopen(urllib.request.Request(served.url + path, **request), timeout=2) as reply:
                if reply.status == expect:
                    served.ready_seconds = time.monotonic() - served.started
                    return served.ready_seconds
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.005)
    raise TimeoutError(f"{served.url}{path} did not answer {expect} within {timeout}s")


@contextmanager
def served(command: list[str], port: int, log_path: str | os.PathLike | None = None, env: dict | None = None):
    """Run `command` in its own process group; always stopped on exit."""
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed below
    started = time.monotonic()
    # Its own process group, so stop() reaches the server's workers too, but not its own session: with
    # the kernel's autogroup scheduling (on by default) a new session is a separate scheduling group
    # from the load generator, which cost a two-process server ~8% against one started from the same
    # shell, as users do.
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, process_group=0,
                               env={**os.environ, **(env or {})}, cwd=REPO)
    server = Served(process, port, started)
    try:
        yield server
    finally:
        server.stop()
        if log_path:
            log.close()


def serve_mock(store: str, *extra: str, port: int | None = None, log_path=None):
    """`enkash-mock serve` on a free port with the given store (e.g. sqlite:/tmp/x/state.db)."""
    port = port or free_port()
    command = [str(MOCK_CLI), "serve", "--host", "127.0.0.1", "--port", str(port), "--store", store, *extra]
    return served(command, port, log_path)
