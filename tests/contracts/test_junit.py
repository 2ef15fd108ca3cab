"""JUnit files CI can parse whatever a target answered: characters XML 1.0 cannot carry are stripped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from contracts.report_junit import junit_xml
from contracts.scenarios.reports import write_junit
from contracts.scenarios.results import Check, ScenarioResult, StepResult
from contracts.suites.results import Finding, RunResult
from contracts.suites.results import TestRecord as Record

NASTY = "bell\x07 nul\x00 esc\x1b vt\x0b ok\ttab"


def test_the_contract_run_writer_strips_control_characters():
    record = Record("conformance", "getWalletDetails", "getWalletDetails", reason=NASTY)
    record.fail(Finding("not_a_server_error", "getWalletDetails", NASTY, NASTY, NASTY, "documented"))
    skipped = Record("conformance", "x", "x", status="skipped", reason=NASTY)
    text = junit_xml(RunResult("mock", "ci", 1, records=[record, skipped]))
    root = ET.fromstring(text.encode())  # raises on any invalid character
    failure = root.find(".//failure")
    assert failure is not None and "bell nul esc vt ok\ttab" in failure.text
    assert root.find(".//skipped").get("message") == "bell nul esc vt ok\ttab"


def test_the_scenario_writer_strips_control_characters(tmp_path):
    step = StepResult(1, NASTY, outcome="failed", checks=[Check("$.payload", NASTY, NASTY, ok=False)])
    error = StepResult(2, "second", outcome="error", message=NASTY)
    path = tmp_path / "junit.xml"
    write_junit(path, [ScenarioResult(NASTY, "x.yaml", "mock", steps=[step, error])])
    root = ET.parse(path).getroot()
    assert root.find("testsuite").get("name") == "bell nul esc vt ok\ttab"
    assert root.find(".//error").get("message") == "bell nul esc vt ok\ttab"
