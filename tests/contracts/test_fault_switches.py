"""The suite bites: against a mock with a planted fault it fails naming the right check; without, it passes.

Generated from the planted violations' own declarations (`mock_server.selftest.PLANTED`: the check
that must catch each one and the suite arguments that reach it). Each mock runs as a separate
process (`enkash-mock serve --fault NAME`), reached by URL like any target.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from contracts.cli import main
from contracts.targets import MOCK_DEFAULTS, resolve_target, running_target
from mock_server.selftest import PLANTED

pytestmark = pytest.mark.e2e

def _run(url: str, tmp_path, *extra: str) -> tuple[int, str, str]:
    report, junit = tmp_path / "report.md", tmp_path / "junit.xml"
    code = main(["run", "--target", "mock", "--auth-url", url, "--api-url", url, "--seed", "7",
                 "--report", str(report), "--junit", str(junit), *extra])
    return code, report.read_text(encoding="utf-8"), junit.read_text(encoding="utf-8")


@pytest.mark.parametrize("fault", sorted(PLANTED))
def test_each_planted_fault_makes_the_suite_fail(fault, tmp_path):
    arguments, check = PLANTED[fault].suite, PLANTED[fault].caught_by
    with running_target(resolve_target("mock"), "--fault", fault) as target:
        code, report, junit = _run(target.api_url, tmp_path, "--fail-fast", "--max-examples", "10", *arguments)
    assert code == 1, report
    assert f"`{check}`" in report
    assert f'type="{check}"' in junit


def test_the_clean_mock_passes_the_whole_ci_profile_in_process(tmp_path, capsys):
    """No URL: the default for --target mock is the app in-process (faster than a socket; the planted
    faults above and the sandbox path still go over real HTTP)."""
    report, junit = tmp_path / "report.md", tmp_path / "junit.xml"
    code = main(["run", "--target", "mock", "--seed", "7", "--report", str(report), "--junit", str(junit)])
    report, junit = report.read_text(encoding="utf-8"), junit.read_text(encoding="utf-8")
    captured = capsys.readouterr()
    summary = captured.out
    assert code == 0, report
    assert "PASSED" in summary and "cases/s" in summary
    # the quiet minute of `make contracts` says what it is doing, on stderr so stdout stays the summary
    progress = captured.err.splitlines()
    assert any(re.fullmatch(r"\.\.\. +[0-9.]+s conformance 1/\d+: \w+", line) for line in progress), progress
    assert any(re.fullmatch(r"\.\.\. +[0-9.]+s stateful: \d+ sequences of up to \d+ steps", line) for line in progress)
    assert "<failure" not in junit and "<error" not in junit
    assert "All checks held." in report


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_the_reports_reproduction_reproduces_with_a_token_it_shows_how_to_get(tmp_path):
    """Non-secret headers as sent (the mock session too), the bearer token a variable the report fills."""
    with running_target(resolve_target("mock"), "--fault", "drop_kyc_status") as target:
        code, report, _ = _run(target.api_url, tmp_path, "--fail-fast", "--max-examples", "5",
                               *PLANTED["drop_kyc_status"].suite)
        assert code == 1, report
        reproduce = report.split("Reproduce:\n\n```\n", 1)[1].split("```", 1)[0]
        assert "[Filtered]" not in reproduce and "X-Mock-Session: contracts-conformance-7" in reproduce
        assert "Test@1234567" not in reproduce and "ENKASH_TOKEN=$(curl" in reproduce
        env = {"PATH": os.environ["PATH"], **{name: MOCK_DEFAULTS[name]
                                             for name in ("ENKASH_USERNAME", "ENKASH_PASSWORD", "ENKASH_CLIENT_ID")}}
        done = subprocess.run(["bash", "-c", reproduce], env=env, capture_output=True, text=True, timeout=30)
    answer = json.loads(done.stdout)
    assert answer["response_code"] == 0 and "kycStatus" not in answer["payload"]  # the planted fault, reproduced
