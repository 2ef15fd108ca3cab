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


# JUnit files CI can parse whatever a target answered: characters XML 1.0 cannot carry are stripped.
NASTY = "bell\x07 nul\x00 esc\x1b vt\x0b ok\ttab"
CLEAN = "bell nul esc vt ok\ttab"


def test_the_contract_run_report_strips_control_characters(tmp_path):
    record = results.TestRecord("conformance", "getWalletDetails", "getWalletDetails", reason=NASTY)
    record.fail(Finding("not_a_server_error", "getWalletDetails", NASTY, NASTY, NASTY, "documented"))
    skipped = results.TestRecord("conformance", "x", "x", status="skipped", reason=NASTY)
    path = tmp_path / "junit.xml"
    write_junit(path, RunResult("mock", "ci", 1, records=[record, skipped]))
    root = ET.parse(path).getroot()  # raises on any character XML cannot carry
    failure = root.find(".//failure")
    assert failure is not None and CLEAN in (failure.text or "")
    assert root.find(".//skipped").get("message") == CLEAN


def test_the_scenario_report_strips_control_characters(tmp_path):
    from contracts.scenarios.matchers import Check
    from contracts.scenarios.reports import write_junit as write_scenario_junit
    from contracts.scenarios.results import ScenarioResult, StepResult

    step = StepResult(1, NASTY, outcome="failed", checks=[Check("$.payload", NASTY, NASTY, ok=False)])
    error = StepResult(2, "second", outcome="error", message=NASTY)
    path = tmp_path / "junit.xml"
    write_scenario_junit(path, [ScenarioResult(NASTY, "x.yaml", "mock", steps=[step, error])])
    root = ET.parse(path).getroot()
    assert root.find("testsuite").get("name") == CLEAN
    assert root.find(".//error").get("message") == CLEAN


def test_xml_safe_keeps_what_xml_carries_and_drops_the_rest():
    from contracts.junit import xml_safe

    element = ET.Element("case", {"message": "a\x01b\ud800c\ufffe"})
    element.text = "é ✓ \U0001f600\x08"
    element.tail = "\x1ftail\n"
    xml_safe(element)
    assert element.get("message") == "abc"
    assert element.text == "é ✓ \U0001f600" and element.tail == "tail\n"
