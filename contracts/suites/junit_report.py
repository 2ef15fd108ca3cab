"""JUnit XML of a contract run: one testsuite per suite, one testcase per record; skips carry their reason."""

from __future__ import annotations

from pathlib import Path

from ..junit import JunitCase, JunitFailure, JunitSuite
from ..junit import write_junit as write_junit_xml
from .results import RunResult, TestRecord, redact

__all__ = ["junit_suites", "write_junit"]


def junit_suites(result: RunResult) -> list[JunitSuite]:
    suites = []
    for suite in sorted({record.suite for record in result.records}):
        records = [record for record in result.records if record.suite == suite]
        properties = {"target": result.target, "profile": result.profile, "seed": str(result.seed)}
        suites.append(JunitSuite(f"{suite}[{result.target}]", [_case(record) for record in records],
                                 properties=properties))
    return suites


def _case(record: TestRecord) -> JunitCase:
    failures = [JunitFailure(
        message=f"{finding.check} [{finding.evidence}]: {finding.title.splitlines()[0]}",
        text=redact(f"expected: {finding.expected}\nactual: {finding.actual}\n"
                    f"evidence: {finding.evidence} ({finding.subject})\n\n{finding.reproduce}"),
        type=finding.check) for finding in record.findings]
    return JunitCase(f"{record.suite}.{record.operation}", record.name, record.seconds, failures,
                     error=redact(record.reason)[:500] if record.status == "error" else None,
                     skipped=record.reason if record.status == "skipped" else None,
                     system_out=f"{record.cases} cases")


def write_junit(path: str | Path, result: RunResult) -> None:
    write_junit_xml(path, f"enkash-contracts {result.target}", junit_suites(result), result.seconds)
