"""Tokens that expire every second: both suites must refresh them (a refused token is a failure)."""

from __future__ import annotations

import pytest

from contracts.cli import main
from contracts.targets import resolve_target, running_target

pytestmark = pytest.mark.e2e


def test_suites_refresh_expiring_tokens(tmp_path):
    report = tmp_path / "report.md"
    with running_target(resolve_target("mock"), "--token-ttl-seconds", "1") as target:
        code = main(["run", "--target", "mock", "--auth-url", target.auth_url, "--api-url", target.api_url,
                     "--seed", "2", "--operation", "getWalletDetails", "--operation", "minKyc",
                     "--report", str(report)])
    text = report.read_text()
    assert code == 0, text
    assert "valid_token_is_accepted" not in text
