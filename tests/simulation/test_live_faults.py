"""Faults over real sockets: granian (as `enkash-mock serve` runs) and werkzeug's server."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

import httpx
import pytest

from contracts.targets import free_port, start_mock

from .helpers import ACCOUNT, CLIENT_ID, COMPANY, PARTNER, PASSWORD, USER, WALLET, WALLET_PATH
from .servers import werkzeug_server

pytestmark = pytest.mark.e2e

TRANSPORT_ERRORS = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


def _login(client: httpx.Client, session: str) -> dict:
    form = {"username": USER, "password": PASSWORD, "grant_type": "password", "clientId": CLIENT_ID}
    token = client.post("/oauth/token", data=form, headers={"Authorization": "Basic Og==",
                                                             "X-Mock-Session": session}).json()["access_token"]
    return {"Authorization": f"Bearer {token}", "partnerId": PARTNER, "X-Mock-Session": session}


def _wallet_body(mobile: str) -> dict:
    return {"companyId": COMPANY, "cardAccountId": ACCOUNT, "mobile": mobile, "title": "Ms", "firstName": "Asha",
            "lastName": "V", "gender": "F", "email": "a@example.com", "address": "1 Road", "city": "Kota",
            "state": "RJ", "country": "India", "pincode": "323307",
            "documents": [{"docType": "PAN", "docNo": "ABCDE1234F"}]}


def _details(client: httpx.Client, headers: dict, **extra: str) -> httpx.Response:
    return client.post(f"{WALLET_PATH}/wallet-details", headers={**headers, **extra},
                       json={"companyId": COMPANY, "cardAccountId": ACCOUNT, "enKashCardId": WALLET})


@pytest.fixture(scope="module")
def served_mock():
    with start_mock("--fixed-otp", "123456") as base:
        yield base


def _raw_request(base: str, extra_header: str) -> bytes:
    """Send one raw HTTP request; return whatever came back before the connection ended."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as sock:
        head = f"GET {WALLET_PATH}/vkyc/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra_header}\r\n\r\n"
        sock.sendall(head.encode())
        received = b""
        try:
            while chunk := sock.recv(4096):
                received += chunk
        except ConnectionResetError:
            pass
    return received


def test_reset_drops_the_connection_without_a_byte(served_mock):
    assert _raw_request(served_mock, "X-Mock-Fault: reset") == b""
    assert _raw_request(served_mock, "X-Mock-Fault: status=503").startswith(b"HTTP/1.1 503")


def test_http_client_sees_a_transport_error_and_the_server_keeps_serving(served_mock):
    with httpx.Client(base_url=served_mock, timeout=5) as client:
        headers = _login(client, "live-reset")
        with pytest.raises(TRANSPORT_ERRORS):
            _details(client, headers, **{"X-Mock-Fault": "reset"})
        assert _details(client, headers).status_code == 200


def test_lost_response_commits_before_the_connection_drops(served_mock):
    with httpx.Client(base_url=served_mock, timeout=5) as client:
        headers = _login(client, "live-lost")
        with pytest.raises(TRANSPORT_ERRORS):
            client.post(WALLET_PATH, json=_wallet_body("6000091111"),
                        headers={**headers, "X-Mock-Fault": "lost-response"})
        retry = client.post(WALLET_PATH, json=_wallet_body("6000091111"), headers=headers).json()
        assert retry["response_code"] == 1 and "already exists" in retry["payload"]
        journal = client.get("/__admin/requests", params={"session": "live-lost", "operation": "createWallet"})
        assert [e["fault"] for e in journal.json()["requests"]] == [None, "lost-response"]


def test_latency_rule_delays_the_answer(served_mock):
    with httpx.Client(base_url=served_mock, timeout=5) as client:
        headers = _login(client, "live-latency")
        rule = {"operationId": "getWalletDetails", "kind": "latency", "ms": 300}
        client.put("/__admin/faults", json={"rules": [rule]}, headers={"X-Mock-Session": "live-latency"})
        started = time.perf_counter()
        assert _details(client, headers).status_code == 200
        assert time.perf_counter() - started >= 0.3  # a lower bound only: the fault's own promise


def test_rules_reach_every_worker_through_the_sqlite_store(tmp_path):
    with start_mock("--store", f"sqlite:{tmp_path / 'state.db'}", "--workers", "2", "--threads", "2") as base:
        rule = {"operationId": "getWalletDetails", "nthCall": 3, "kind": "status", "status": 503}
        httpx.put(f"{base}/__admin/faults", json={"rules": [rule]}, headers={"X-Mock-Session": "multi"})
        headers = _login(httpx.Client(base_url=base), "multi")
        statuses = []
        for _ in range(5):
            with httpx.Client(base_url=base, timeout=5) as fresh:  # new connection: any worker may answer
                statuses.append(_details(fresh, headers).status_code)
        assert statuses == [200, 200, 503, 200, 200]


def test_werkzeug_server_drops_the_connection_too(app):
    with werkzeug_server(app) as base:
        assert _raw_request(base, "X-Mock-Fault: reset") == b""
        with httpx.Client(base_url=base, timeout=5) as client:
            assert _details(client, _login(client, "wz")).status_code == 200


def test_a_dropped_connection_is_not_logged_as_a_server_error(tmp_path):
    log = tmp_path / "mock.log"
    port = free_port()
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "mock_server.cli", "serve", "--host", "127.0.0.1",
                                    "--port", str(port), "--store", "memory"], stdout=sink, stderr=sink)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(base)
            assert _raw_request(base, "X-Mock-Fault: reset") == b""
            assert _raw_request(base, "X-Mock-Fault: lost-response") == b""
        finally:
            process.terminate()
            process.wait(timeout=10)
    text = log.read_text()
    assert "Started worker" in text and "Traceback" not in text and "ERROR" not in text


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/__admin/health", timeout=1).status_code == 200:
                return
        time.sleep(0.05)
    raise AssertionError(f"the mock did not start at {base}")
