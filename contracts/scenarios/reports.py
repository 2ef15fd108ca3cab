"""Machine-readable replay results: JUnit XML for CI and a JSON report that `diff` can compare."""

from __future__ import annotations

import json
from pathlib import Path

from ..junit import JunitCase, JunitFailure, JunitSuite
from ..junit import write_junit as write_junit_xml
from .results import ScenarioResult

__all__ = ["write_json_report", "write_junit"]


def write_json_report(path: str | Path, results: list[ScenarioResult], target: str) -> None:
    """Checks are already redacted by the runner; the report holds no request bodies or headers."""
    data = {"format": "enkash-scenario-report/1", "target": target, "scenarios": [r.as_dict() for r in results]}
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_junit(path: str | Path, results: list[ScenarioResult]) -> None:
    suites = []
    for result in results:
        cases = [_case(result.name, step) for step in result.steps]
        if result.skipped:
            cases.insert(0, JunitCase(result.name, result.name, skipped=result.skipped))
        suites.append(JunitSuite(result.name, cases, tests=max(len(result.steps), 1),
                                 attributes={"file": result.source}))
    write_junit_xml(path, "enkash-scenarios", suites)


def _case(scenario: str, step) -> JunitCase:
    case = JunitCase(scenario, f"{step.index:02d} {step.name}", step.elapsed_ms / 1000)
    if step.outcome == "failed":
        details = "\n".join([*(f"{c.where}: expected {c.expected}, got {c.actual}" for c in step.failures),
                             *(f"violation {v}" for v in step.violations),
                             *([f"response: {step.response}"] if step.response else [])])
        case.failures.append(JunitFailure(f"{len(step.failures)} expectation(s) failed", details))
    elif step.outcome == "error":
        case.error = step.message
    elif step.outcome == "skipped":
        case.skipped = step.message
    return case
