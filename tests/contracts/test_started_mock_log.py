"""A mock the suite starts itself (`--over-http`) must never stall on its own log output."""

from __future__ import annotations

import logging

import httpx
import pytest

from contracts.targets import start_mock
from mock_server.cli import configure_logging


@pytest.mark.e2e
def test_a_started_mock_keeps_answering_past_a_pipe_buffer_of_log(monkeypatch):
    # PYTHONVERBOSE makes the server's Python write a line per import to stderr: far over the 64 KiB a pipe
    # holds. Sent to a pipe nobody reads, that output blocks the server before it ever answers.
    monkeypatch.setenv("PYTHONVERBOSE", "1")
    with start_mock() as url, httpx.Client(base_url=url, timeout=5) as client:
        for _ in range(50):
            assert client.get("/__admin/health").status_code == 200


def test_the_server_log_leaves_out_httpx_lines_per_webhook_post():
    before = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    try:
        configure_logging()
        assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
        assert not logging.getLogger("httpcore").isEnabledFor(logging.INFO)
    finally:
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)
