"""Run the mock the way users run it: granian (a Rust HTTP server), N worker processes, a thread pool each.

granian parses HTTP, bounds how long a request head may take, and stops gracefully on SIGTERM or
SIGINT (requests in flight finish). `wsgi_bridge.WsgiBridge` reads bodies without holding a thread
and runs the Flask app. The app is built once, before the workers fork, so every worker shares the
same OTP key and checked spec; each worker opens its own store connection after the fork.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import sys

from .app import create_app
from .config import MockConfig
from .kernel.seed import SeedError
from .wsgi_bridge import WsgiBridge

__all__ = ["MAX_DEFAULT_WORKERS", "default_workers", "run_wsgi", "serve"]

MAX_DEFAULT_WORKERS = 4  # past this, workers mostly wait on the one sqlite writer lock


def default_workers(store: str) -> int:
    """One worker per CPU this process may use, capped; one for the memory store (not shareable)."""
    if store == "memory":
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), MAX_DEFAULT_WORKERS))


def serve(config: MockConfig, host: str, port: int, workers: int, threads: int, access_log: bool,
          read_timeout: float) -> int:
    problem = _port_problem(host, port)
    if problem:
        print(f"enkash-mock: cannot listen on {host}:{port}: {problem}", file=sys.stderr)
        return 2
    try:
        app = create_app(config)
    except (SeedError, OSError, ValueError, RuntimeError) as error:
        print(f"enkash-mock: cannot start: {error}", file=sys.stderr)
        return 2
    app.extensions["enkash"].store.close()  # a database connection must not cross the fork
    run_wsgi(app, host=host, port=port, workers=workers, threads=threads, access_log=access_log,
             read_timeout=read_timeout, max_body=config.max_body_bytes)
    return 0


def run_wsgi(app, *, host: str, port: int, workers: int, threads: int, access_log: bool, read_timeout: float,
             max_body: int) -> None:
    """Serve any WSGI app the way `serve` serves the mock (the benchmark's bare Flask app uses it too)."""
    if access_log:
        _log_access_to_stdout()
    bridge = WsgiBridge(app, threads=threads, max_body=max_body, read_timeout=read_timeout, access_log=access_log)
    # Workers are forked from this process, so they inherit `bridge` (and the app) as built here.
    _granian(host, port, workers, read_timeout).serve(target_loader=lambda: bridge, wrap_loader=False)


def _granian(host: str, port: int, workers: int, read_timeout: float):
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings

    return Granian(
        "mock_server", address=host, port=port, interface=Interfaces.RSGI, http=HTTPModes.http1,
        workers=workers, websockets=False,
        http1_settings=HTTP1Settings(header_read_timeout=int(read_timeout * 1000)),
        workers_kill_timeout=5, log_access=False, process_name=None,
    )


def _port_problem(host: str, port: int) -> str | None:
    """Why the address cannot be bound, said in one line (granian would print a traceback)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return "the address is already in use (another enkash-mock? try --port)"
            return error.strerror or str(error)
    return None


def _log_access_to_stdout() -> None:
    logger = logging.getLogger("enkash_mock.access")
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
