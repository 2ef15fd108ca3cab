"""The in-process target: `--target mock` without a URL reaches the app through WSGI, never a socket.

IN_PROCESS_URL names port 80 on loopback, where nothing of ours listens: a call that went over the
network would fail to connect, so a passing call proves the in-process transport carried it.
"""

from __future__ import annotations

import pytest

from contracts.cli import main
from contracts.client import EnkashClient
from contracts.suites.command import execute
from contracts.suites.evidence import SpecEvidence
from contracts.suites.profiles import PROFILES
from contracts.targets import IN_PROCESS_URL, resolve_target, running_target

SMALL = PROFILES["ci"].with_overrides(max_examples=3, rate=None, fail_fast=None)


def test_running_target_in_process_carries_the_app_and_no_port():
    with running_target(resolve_target("mock"), in_process=True) as target:
        assert target.in_process and target.api_url == target.auth_url == IN_PROCESS_URL
        client = EnkashClient(target, session="in-process-probe")
        try:
            assert client.access_token()
            assert client.wallet_details("EKCWLUAADN").code == 0
        finally:
            client.close()


def test_mock_flags_still_start_a_server():
    """`--fault`, `--token-ttl`… are server flags: they never silently fall back to the default app."""
    with running_target(resolve_target("mock"), "--token-ttl", "300", in_process=True) as target:
        assert not target.in_process and target.api_url.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("suite", ["conformance", "stateful"])
def test_each_suite_passes_in_process(suite):
    with running_target(resolve_target("mock"), in_process=True) as target:
        result = execute(target, SMALL, 3, SpecEvidence(), suites=[suite], operations=["getWalletDetails"])
    assert result.cases > 0 and not result.findings and not result.errors, result.errors


@pytest.mark.e2e
def test_over_http_flag_runs_against_a_real_server(tmp_path, capsys):
    report = tmp_path / "report.md"
    code = main(["run", "--target", "mock", "--over-http", "--suite", "conformance", "--operation", "getToken",
                 "--max-examples", "3", "--seed", "2", "--report", str(report)])
    assert code == 0, report.read_text(encoding="utf-8")
    assert "PASSED" in capsys.readouterr().out


def test_url_flag_names_both_hosts(monkeypatch):
    seen = {}

    def fake_running(target, *args, in_process=False):
        seen.update(auth=target.auth_url, api=target.api_url, in_process=in_process)
        raise OSError("stop here")

    monkeypatch.setattr("contracts.suites.command.running_target", fake_running)
    assert main(["run", "--target", "mock", "--url", "http://127.0.0.1:9"]) == 2
    assert seen["auth"] == seen["api"] == "http://127.0.0.1:9"
