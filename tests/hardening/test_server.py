"""The HTTP server behind `enkash-mock serve`: slow clients, the access log, start-up refusals, shape, stop.

Every server here is a real `enkash-mock serve` on 127.0.0.1 and a free port, stopped by its own
process group; counts and waits are bounded (64 connections, a 2 s read timeout).
"""

from __future__ import annotations

import base64
import os
import re
import socket
import subprocess
import threading
import time

import httpx
import pytest

from contracts.targets import free_port
from mock_server.server import MAX_DEFAULT_WORKERS, default_workers

from .live import CLI, LiveMock

pytestmark = pytest.mark.e2e

READ_TIMEOUT = 2  # seconds, given to the server under test


def _stall(port: int, kind: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if kind == "request line":
        sock.sendall(b"POST /oauth/tok")
    else:  # a head that promises a body, then only part of it
        sock.sendall(b"POST /api/v0/partner/enKashCard/search HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"enKash")
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """True when the server ends the connection (an answer then EOF, or EOF alone) in time."""
    sock.settimeout(0.2)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if sock.recv(65536) == b"":
                return True
        except TimeoutError:
            continue
        except OSError:
            return True
    return False


def test_64_stalled_connections_neither_freeze_a_worker_nor_stay_open(tmp_path):
    with LiveMock(tmp_path, "--workers", "1", "--read-timeout-seconds", str(READ_TIMEOUT)) as mock:
        stalled = [_stall(mock.port, kind) for kind in ("request line", "body") for _ in range(32)]
        try:
            with httpx.Client(base_url=mock.url, timeout=1.0, trust_env=False) as fresh:
                for _ in range(10):
                    started = time.monotonic()
                    assert fresh.get("/__admin/health").status_code == 200
                    assert time.monotonic() - started < 1.0
            closed = [_closed_within(sock, READ_TIMEOUT + 3) for sock in stalled]
            assert all(closed), f"{closed.count(False)} of 64 stalled connections still open"
        finally:
            for sock in stalled:
                sock.close()


def test_a_stalled_body_is_answered_408_in_the_envelope(tmp_path):
    with LiveMock(tmp_path, "--read-timeout-seconds", "1") as mock:
        sock = _stall(mock.port, "body")
        sock.settimeout(5)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        sock.close()
    assert answer.startswith(b"HTTP/1.1 408") and b'"response_code": 408' in answer


@pytest.fixture(scope="module")
def logged(tmp_path_factory):
    with LiveMock(tmp_path_factory.mktemp("log"), "--access-log", "--workers", "1") as mock:
        yield mock


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def _log_lines(mock: LiveMock, marker: str) -> list[str]:
    time.sleep(0.2)  # the worker writes its line after the answer
    return [line for line in mock.log().splitlines() if marker in line]


def test_referer_and_other_logged_headers_are_masked(logged):
    referer = f"{logged.url}/__mock/vkyc/REFERERLINKTOKEN1?access_token=REFERERQUERYTOKEN2&x=1"
    with httpx.Client(base_url=logged.url, trust_env=False) as http:
        http.get("/__mock/vkyc/PATHLINKTOKEN3", params={"refresh_token": "QUERYTOKEN4", "mark": "m-referer"},
                 headers={"Referer": referer, "User-Agent": "agent/1 access_token=AGENTTOKEN5"})
    lines = _log_lines(logged, "m-referer")
    assert len(lines) == 1, "the access log is not on: this test would prove nothing"
    for secret in ("REFERERLINKTOKEN1", "REFERERQUERYTOKEN2", "PATHLINKTOKEN3", "QUERYTOKEN4"):
        assert secret not in lines[0]
    assert "/__mock/vkyc/[redacted]?access_token=[redacted]&x=1" in lines[0]  # still readable


def test_a_basic_header_without_a_colon_puts_nothing_in_the_user_field(logged):
    lonely = base64.b64encode(b"lonely-client-secret").decode()
    with httpx.Client(base_url=logged.url, trust_env=False) as http:
        http.post("/oauth/token?mark=m-basic", headers={"Authorization": f"Basic {lonely}"},
                  data={"grant_type": "password"})
    lines = _log_lines(logged, "m-basic")
    assert len(lines) == 1
    assert "lonely-client-secret" not in lines[0] and lonely not in lines[0]
    assert re.match(r"^127\.0\.0\.1 - - \[", lines[0])


def test_a_newline_in_the_path_cannot_forge_a_log_line(logged):
    forged = b"GET /x%0a127.0.0.1%20-%20-%20[forged]%20%22GET%20/admin%22%20200?mark=m-newline HTTP/1.1\r\n"
    _raw(logged.port, forged + b"Host: x\r\nConnection: close\r\n\r\n")
    lines = _log_lines(logged, "m-newline")
    assert len(lines) == 1 and "\\x0a" in lines[0]
    assert not any(line.startswith("127.0.0.1 - - [forged]") for line in logged.log().splitlines())


def test_a_port_in_use_is_one_clear_line_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([str(CLI), "serve", "--port", str(port), "--store", "memory"], capture_output=True,
                              text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "already in use" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("flags", [["--read-timeout-seconds", "0"], ["--workers", "0"], ["--threads", "-1"]])
def test_nonsense_server_flags_are_refused_at_start(flags):
    done = subprocess.run([str(CLI), "serve", "--port", str(free_port()), "--store", "memory", *flags],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_default_shape_is_one_worker_per_cpu_capped():
    assert default_workers("memory") == 1  # the memory store cannot be shared between processes
    cpus = len(os.sched_getaffinity(0))
    assert default_workers("sqlite:/tmp/x.db") == max(1, min(cpus, MAX_DEFAULT_WORKERS))


def test_serve_with_no_flags_starts_the_default_shape_and_stays_consistent(tmp_path):
    with LiveMock(tmp_path) as mock:
        with httpx.Client(base_url=mock.url, trust_env=False) as http:
            http.put("/__admin/clock", json={"now": "2030-01-01T00:00:00Z"})
            # many fresh connections, so both workers (where there are two) answer some of them
            seen = {httpx.get(mock.url + "/__admin/clock", trust_env=False).json()["now"] for _ in range(20)}
        workers = len(re.findall(r"Started worker-\d+\n", mock.log()))
    assert workers == default_workers("sqlite:state.db")
    assert seen == {"2030-01-01T00:00:00Z"}  # the clock lives in the shared store, not in one worker


def test_sigterm_lets_the_request_in_flight_finish(tmp_path):
    mock = LiveMock(tmp_path, "--workers", "1").start()
    result: dict = {}

    def slow_call():
        started = time.monotonic()
        try:
            result["status"] = httpx.get(mock.url + "/api/v0/partner/enKashCard/vkyc/status", timeout=10,
                                         headers={"X-Mock-Fault": "latency=1500ms"}, trust_env=False).status_code
            result["seconds"] = time.monotonic() - started
        except httpx.HTTPError as error:
            result["error"] = repr(error)

    caller = threading.Thread(target=slow_call)
    caller.start()
    time.sleep(0.5)
    mock.stop()
    caller.join(10)
    assert result.get("status") == 401, result  # answered (no token → 401), not cut off
    assert result["seconds"] >= 1.4  # the latency ran: the stop came while the request was in flight
