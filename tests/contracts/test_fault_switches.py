"""The suite bites: against a mock with a planted fault it fails naming the right check; without, it passes.

Each mock runs as a separate process (`enkash-mock serve --faults NAME`), reached by URL like any target.
"""

from __future__ import annotations

import pytest

from contracts.cli import main
from contracts.targets import resolve_target, running_target

pytestmark = pytest.mark.e2e

# fault -> (suite arguments that reach it quickly, the check that must name it)
FAULTS = {
    "drop_kyc_status": (["--suite", "conformance", "--operation", "getWalletDetails"], "response_schema_conformance"),
    "otb_balance_string": (["--suite", "conformance", "--operation", "searchWallet"], "response_schema_conformance"),
    "business_failure_500": (["--suite", "conformance", "--operation", "getVkycStatus"], "not_a_server_error"),
    "business_failure_201": (["--suite", "conformance", "--operation", "generateOtp"], "status_code_conformance"),
    "validation_code_mismatch": (["--suite", "conformance", "--operation", "minKyc"], "envelope_matches_http_status"),
    "ignore_auth": (["--suite", "conformance", "--operation", "getWalletDetails"], "ignored_auth"),
    "digit_name_500": (["--suite", "conformance", "--operation", "createWallet"], "not_a_server_error"),
    "otp_reuse": (["--suite", "stateful"], "otp_is_single_use"),
}


def _run(url: str, tmp_path, *extra: str) -> tuple[int, str, str]:
    report, junit = tmp_path / "report.md", tmp_path / "junit.xml"
    code = main(["run", "--target", "mock", "--auth-url", url, "--api-url", url, "--seed", "7",
                 "--report", str(report), "--junit", str(junit), *extra])
    return code, report.read_text(encoding="utf-8"), junit.read_text(encoding="utf-8")


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_planted_fault_makes_the_suite_fail(fault, tmp_path):
    arguments, check = FAULTS[fault]
    with running_target(resolve_target("mock"), "--faults", fault) as target:
        code, report, junit = _run(target.api_url, tmp_path, "--fail-fast", "--max-examples", "10", *arguments)
    assert code == 1, report
    assert f"`{check}`" in report
    assert f'type="{check}"' in junit


def test_the_clean_mock_passes_the_whole_ci_profile(tmp_path, capsys):
    with running_target(resolve_target("mock")) as target:
        code, report, junit = _run(target.api_url, tmp_path)
    summary = capsys.readouterr().out
    assert code == 0, report
    assert "PASSED" in summary and "cases/s" in summary
    assert "<failure" not in junit and "<error" not in junit
    assert "All checks held." in report
