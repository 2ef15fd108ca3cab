"""Machine-readable replay results: JUnit XML for CI and a JSON report that `diff` can compare."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from ..report_junit import xml_safe
from .results import ScenarioResult

__all__ = ["write_json_report", "write_junit"]


def write_json_report(path: str | Path, results: list[ScenarioResult], target: str) -> None:
    """Checks are already redacted by the runner; the report holds no request bodies or headers."""
    data = {"format": "enkash-scenario-report/1", "target": target, "scenarios": [r.as_dict() for r in results]}
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_junit(path: str | Path, results: list[ScenarioResult]) -> None:
    root = ET.Element("testsuites", name="enkash-scenarios")
    for result in results:
        suite = ET.SubElement(root, "testsuite", name=result.name, tests=str(max(len(result.steps), 1)),
                              failures=str(sum(s.outcome == "failed" for s in result.steps)),
                              errors=str(sum(s.outcome == "error" for s in result.steps)),
                              file=result.source)
        if result.skipped:
            case = ET.SubElement(suite, "testcase", name=result.name, classname=result.name)
            ET.SubElement(case, "skipped", message=result.skipped)
        for step in result.steps:
            _testcase(suite, result.name, step)
    ET.ElementTree(xml_safe(root)).write(path, encoding="utf-8", xml_declaration=True)


def _testcase(suite: ET.Element, scenario: str, step) -> None:
    case = ET.SubElement(suite, "testcase", classname=scenario, name=f"{step.index:02d} {step.name}",
                         time=f"{step.elapsed_ms / 1000:.3f}")
    details = "\n".join([*(f"{c.where}: expected {c.expected}, got {c.actual}" for c in step.failures),
                         *(f"violation {v}" for v in step.violations),
                         *([f"response: {step.response}"] if step.response else [])])
    if step.outcome == "failed":
        ET.SubElement(case, "failure", message=f"{len(step.failures)} expectation(s) failed").text = details
    elif step.outcome == "error":
        ET.SubElement(case, "error", message=step.message)
    elif step.outcome == "skipped":
        ET.SubElement(case, "skipped", message=step.message)
