"""The recording proxy, with the mock as upstream in its own process: what reaches disk is scrubbed."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import uuid

import httpx
import pytest
import yaml

from contracts.cli import main
from contracts.targets import free_port

from .support import CLIENT_ID, PASSWORD, SESSION_REQUESTS, USERNAME, run_session


def _start_recorder(upstream: str, out, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "contracts.cli", "record", "--upstream-auth", upstream, "--upstream-api",
               upstream, "--port", str(port), "-o", str(out), *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()  # listening; nothing recorded
            return process, url
        except OSError:
            time.sleep(0.05)
    process.kill()
    pytest.fail("the recorder did not start: " + process.communicate()[1])


def _record(mock_url, tmp_path, *extra):
    out = tmp_path / "recorded.yaml"
    process, url = _start_recorder(mock_url, out, *extra)
    try:
        with httpx.Client(base_url=url, headers={"X-Mock-Session": f"rec-{uuid.uuid4().hex[:8]}"}) as client:
            used = run_session(client)
        return process, out, used
    except BaseException:
        process.kill()
        raise


def test_recording_stops_after_max_requests_and_holds_no_secret_or_pii(mock_url, tmp_path):
    process, out, used = _record(mock_url, tmp_path, "--max-requests", str(SESSION_REQUESTS))
    _, err = process.communicate(timeout=20)  # stops by itself
    assert process.returncode == 0, err
    text = out.read_text(encoding="utf-8")
    leaked = {name: value for name, value in used.items() if value in text}
    assert not leaked, f"secrets/PII written to disk: {sorted(leaked)}"
    assert "Bearer ${" in text and "${env:ENKASH_PASSWORD}" in text
    for name, value in used.items():
        assert value not in err, f"{name} printed by the recorder"
    # the file's request count is the console's: one "recorded" line per request
    counted = err.count("\nrecorded ") + err.startswith("recorded ")
    assert f"from {counted} requests" in err and f"a recording of {counted} requests" in text


def test_a_recording_replays_against_the_mock(mock_url, tmp_path, capsys):
    process, out, _ = _record(mock_url, tmp_path)
    process.send_signal(signal.SIGINT)  # Ctrl-C
    assert process.wait(timeout=20) == 0
    assert out.exists()
    data = yaml.safe_load(out.read_text())
    assert [s["request"].get("operation") for s in data["steps"]][:3] == ["getToken", "createWallet", "generateOtp"]
    assert main(["replay", str(out), "--auth-url", mock_url, "--api-url", mock_url]) == 0, capsys.readouterr().out


def test_keep_pii_keeps_the_recorded_mobile(mock_url, tmp_path):
    process, out, used = _record(mock_url, tmp_path, "--keep-pii")
    process.terminate()  # SIGTERM ends a recording as cleanly as Ctrl-C
    assert process.wait(timeout=20) == 0
    text = out.read_text(encoding="utf-8")
    assert used["mobile"] in text and used["password"] not in text and used["access_token"] not in text


def test_a_chunked_request_body_is_forwarded_whole(mock_url, tmp_path):
    out = tmp_path / "chunked.yaml"
    process, url = _start_recorder(mock_url, out, "--max-requests", "1")
    form = f"username={USERNAME}&password={PASSWORD}&grant_type=password&clientId={CLIENT_ID}".encode()

    def chunks():  # a generator body: httpx sends it with Transfer-Encoding: chunked, no Content-Length
        yield form[:10]
        yield form[10:]

    try:
        answer = httpx.post(f"{url}/oauth/token", content=chunks(), timeout=10, headers={
            "Authorization": "Basic Og==", "Content-Type": "application/x-www-form-urlencoded",
            "X-Mock-Session": f"rec-{uuid.uuid4().hex[:8]}"})
    finally:
        _, err = process.communicate(timeout=20)
    assert answer.status_code == 200, answer.text
    assert "access_token" in answer.json()
    assert "${env:ENKASH_PASSWORD}" in out.read_text(encoding="utf-8"), err
