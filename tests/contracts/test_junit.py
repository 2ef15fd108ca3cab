"""The one JUnit writer, as both the contract run and the scenario replay use it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from contracts.suites import results
from contracts.suites.junit_report import write_junit
from contracts.suites.results import Finding, RunResult


def test_a_run_becomes_junit_with_failures_typed_by_check_and_secrets_masked(tmp_path):
    failed = results.TestRecord("conformance", "conformance.getWalletDetails", "getWalletDetails", cases=3, seconds=0.5)
    failed.fail(Finding("otp_is_single_use", "minKyc", "reused OTP", "code 1", "code 0", "inferred",
                        reproduce="curl -H 'Authorization: Bearer abcdefghijklmnop'"))
    skipped = results.TestRecord("stateful", "stateful.move_clock", "stateful", status="skipped", reason="needs admin")
    path = tmp_path / "junit.xml"
    write_junit(path, RunResult("mock", "ci", 7, [failed, skipped], seconds=1.0))
    root = ET.parse(path).getroot()
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {"conformance[mock]", "stateful[mock]"}
    failure = suites["conformance[mock]"].find("testcase/failure")
    assert failure.get("type") == "otp_is_single_use" and suites["conformance[mock]"].get("failures") == "1"
    assert "abcdefghijklmnop" not in path.read_text()
    assert suites["stateful[mock]"].find("testcase/skipped").get("message") == "needs admin"
