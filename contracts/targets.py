"""Where a suite or scenario runs: the mock (started here unless URLs are given) or the UAT sandbox.

A Target carries two base URLs, as the real sandbox has two hosts (auth and wallet), and the
credentials to use there. Secrets are kept out of `repr` so they never reach a log or report.
A mock target may also carry the WSGI `app` itself: callers then reach it in-process (no socket),
which is the only reason `contracts` imports `mock_server` (to build it, never to reuse its rules).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import IO, Any

import httpx

from .errors import ToolError

__all__ = [
    "IN_PROCESS_URL",
    "UAT_API_URL",
    "UAT_AUTH_URL",
    "Credentials",
    "Target",
    "TargetError",
    "check_reachable",
    "free_port",
    "in_process_mock",
    "resolve_target",
    "running_target",
    "start_mock",
]

UAT_AUTH_URL = "https://ekpayout-uat.enkash.in"
UAT_API_URL = "https://pay-en-uat.enkash.in"
# The origin an in-process mock is addressed by: never resolved, the WSGI transport hands requests to the app.
IN_PROCESS_URL = "http://127.0.0.1"

# The identifiers of the Enkash docs' own examples, which the mock's default seed owns.
MOCK_DEFAULTS = {
    "ENKASH_USERNAME": "6001020040",
    "ENKASH_PASSWORD": "Test@1234567",
    "ENKASH_CLIENT_ID": "CEKHZH0UHW",
    "ENKASH_PARTNER_ID": "CRM338L2H",
    "ENKASH_COMPANY_ID": "CEKQ08TRRG",
    "ENKASH_CARD_ACCOUNT_ID": "CAC7975",
}
REQUIRED = tuple(MOCK_DEFAULTS)


class TargetError(ToolError):
    """The target cannot be used as configured (a usage or harness error: exit code 2)."""


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(repr=False)
    client_id: str
    partner_id: str
    company_id: str
    card_account_id: str
    client_secret: str = field(default="", repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Credentials:
        missing = [name for name in REQUIRED if not env.get(name)]
        if missing:
            raise TargetError(
                "missing credentials for the UAT target: set " + ", ".join(missing)
                + " (ENKASH_CLIENT_SECRET is optional)"
            )
        return cls(
            username=env["ENKASH_USERNAME"], password=env["ENKASH_PASSWORD"], client_id=env["ENKASH_CLIENT_ID"],
            partner_id=env["ENKASH_PARTNER_ID"], company_id=env["ENKASH_COMPANY_ID"],
            card_account_id=env["ENKASH_CARD_ACCOUNT_ID"], client_secret=env.get("ENKASH_CLIENT_SECRET", ""),
        )


@dataclass(frozen=True)
class Target:
    name: str  # "mock" | "uat"
    auth_url: str
    api_url: str
    credentials: Credentials
    app: Any = field(default=None, repr=False, compare=False)  # a WSGI app served in-process, or None

    @property
    def in_process(self) -> bool:
        return self.app is not None

    @property
    def is_mock(self) -> bool:
        """Only the mock has the admin API (read OTPs, move the clock, decide VKYC)."""
        return self.name == "mock"

    @property
    def admin_url(self) -> str:
        return self.api_url.rstrip("/") + "/__admin"


def resolve_target(name: str, auth_url: str | None = None, api_url: str | None = None,
                   env: Mapping[str, str] | None = None) -> Target:
    """A target from flags and environment (flags win). A mock without URLs gets empty URLs:
    `running_target` then starts one."""
    env = dict(os.environ if env is None else env)
    if name == "mock":
        merged = {**MOCK_DEFAULTS, **{k: v for k, v in env.items() if k in MOCK_DEFAULTS and v}}
        return Target("mock", auth_url or api_url or "", api_url or auth_url or "", Credentials.from_env(merged))
    if name == "uat":
        return Target(
            "uat",
            auth_url or env.get("ENKASH_AUTH_URL") or UAT_AUTH_URL,
            api_url or env.get("ENKASH_API_URL") or UAT_API_URL,
            Credentials.from_env(env),
        )
    raise TargetError(f"unknown target {name!r}: use 'mock' or 'uat'")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def start_mock(*extra_args: str, startup_timeout: float = 20.0) -> Iterator[str]:
    """Run `enkash-mock serve` as a separate process on a free loopback port; yield its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "mock_server.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--store", "memory", *extra_args]
    # Its log goes to a temporary file, read only if start-up fails: a pipe nobody reads fills up after
    # 64 KiB and then blocks whichever of the server's threads logs next (the webhook senders first).
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(process, url, startup_timeout, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_healthy(process: subprocess.Popen, url: str, timeout: float, log: IO[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            err = log.read().decode(errors="replace")[-2000:]
            raise TargetError(f"the mock exited during start-up:\n{err}")
        try:
            if httpx.get(url + "/__admin/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise TargetError(f"the mock did not answer at {url} within {timeout:.0f}s")


@contextmanager
def in_process_mock() -> Iterator[Any]:
    """The mock's WSGI app with the default configuration and an in-memory store; its workers stopped afterwards."""
    from mock_server import create_app  # only here: building the target, never reusing the mock's code
    from mock_server.config import load_config
    from mock_server.webhooks.runtime import stop_worker

    app = create_app(load_config(store="memory"))
    try:
        yield app
    finally:
        stop_worker(app)


@contextmanager
def running_target(target: Target, *mock_args: str, in_process: bool = False) -> Iterator[Target]:
    """The target ready to use: a mock without URLs is started (and stopped afterwards); a given one
    must answer, so that "the sandbox is down" is a harness error (exit 2), not a contract failure.

    `in_process` builds the app here and serves it without a socket (only with the default configuration:
    `mock_args` are server flags, so they always start a real `enkash-mock serve`)."""
    if target.is_mock and not target.api_url and in_process and not mock_args:
        with in_process_mock() as app:
            yield replace(target, auth_url=IN_PROCESS_URL, api_url=IN_PROCESS_URL, app=app)
        return
    if target.is_mock and not target.api_url:
        with start_mock(*mock_args) as url:
            yield replace(target, auth_url=url, api_url=url)
        return
    check_reachable(target)
    yield target


def check_reachable(target: Target, timeout: float = 10.0) -> None:
    """Any HTTP answer will do (even a 404): only a host that cannot be reached is refused."""
    for role, url in (("auth host", target.auth_url), ("wallet host", target.api_url)):
        try:
            httpx.get(url, timeout=timeout)
        except httpx.TransportError as error:
            reason = " ".join(str(error).split()) or type(error).__name__
            raise TargetError(f"cannot reach the {target.name} {role} {url}: {reason}") from None
        except httpx.InvalidURL as error:
            raise TargetError(f"the {target.name} {role} URL {url!r} is not valid: {error}") from None
