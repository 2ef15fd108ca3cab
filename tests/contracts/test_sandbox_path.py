"""The sandbox path: `enkash-contracts run --target uat` in its own process, given only URLs and credentials.

The "sandbox" here is a mock in another process, reached exactly as the real UAT hosts would be:
so the admin-dependent rules must be skipped with their reason and everything else must pass.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from contracts.targets import MOCK_DEFAULTS, free_port, resolve_target, running_target

pytestmark = pytest.mark.e2e


def test_uat_target_runs_against_urls_and_env_credentials_only(tmp_path):
    report, junit = tmp_path / "report.md", tmp_path / "junit.xml"
    with running_target(resolve_target("mock")) as sandbox:
        env = {**os.environ, **MOCK_DEFAULTS, "ENKASH_CLIENT_SECRET": "demo-client-secret",
               "ENKASH_AUTH_URL": sandbox.auth_url, "ENKASH_API_URL": sandbox.api_url}
        env.pop("ENKASH_FIXED_OTP", None)
        done = subprocess.run(
            [sys.executable, "-m", "contracts.cli", "run", "--target", "uat", "--seed", "5", "--rate", "100/s",
             "--report", str(report), "--junit", str(junit)],
            env=env, capture_output=True, text=True, timeout=180,
        )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "target uat, profile uat" in done.stdout
    text, xml = report.read_text(), junit.read_text()
    assert "`stateful.verify_expired`: needs the mock's admin API" in text
    assert '<skipped message="needs the mock' in xml
    for secret in ("Test@1234567", "demo-client-secret"):
        assert secret not in text and secret not in xml and secret not in done.stdout


def test_uat_without_credentials_is_a_usage_error_not_a_traceback():
    env = {key: value for key, value in os.environ.items() if not key.startswith("ENKASH_")}
    done = subprocess.run([sys.executable, "-m", "contracts.cli", "run", "--target", "uat"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "missing credentials" in done.stderr and "ENKASH_USERNAME" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("target", ["mock", "uat"])
def test_an_unreachable_target_is_one_line_and_exit_2(target):
    """CI must tell "the sandbox is down" (2, could not run) from "the contract is broken" (1)."""
    dead = f"http://127.0.0.1:{free_port()}"
    env = {**os.environ, **MOCK_DEFAULTS, "ENKASH_AUTH_URL": dead, "ENKASH_API_URL": dead}
    done = subprocess.run([sys.executable, "-m", "contracts.cli", "run", "--target", target,
                           "--auth-url", dead, "--api-url", dead], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"enkash-contracts run: could not run: cannot reach the {target} "
                                                f"auth host {dead}: [Errno 111] Connection refused"]
