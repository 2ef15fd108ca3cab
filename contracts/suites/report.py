"""The Markdown report of a run: findings grouped by operation, skips with reasons, contradicted inferences.

Everything written here has already passed through `redact`; the report is safe to attach to a ticket.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .results import Finding, RunResult, redact

__all__ = ["markdown_report", "summary_line", "write_markdown"]


def summary_line(result: RunResult) -> str:
    verdict = "FAILED" if result.findings else "ERROR" if result.errors else "PASSED"
    return (f"{verdict}: target {result.target}, profile {result.profile}, seed {result.seed}: "
            f"{result.cases} cases in {result.seconds:.1f}s ({result.rate:.1f} cases/s), "
            f"{len(result.findings)} failure(s), {len(result.skipped)} skipped, {len(result.errors)} harness error(s)")


def markdown_report(result: RunResult) -> str:
    lines = ["# Enkash contract run", "", summary_line(result), ""]
    lines += _contradictions(result.findings)
    lines += _by_operation(result)
    lines += _skipped(result)
    lines += _errors(result)
    return "\n".join(lines) + "\n"


def write_markdown(result: RunResult, path: str | Path) -> None:
    Path(path).write_text(markdown_report(result), encoding="utf-8")


def _contradictions(findings: list[Finding]) -> list[str]:
    lines = ["## Inferred parts of the spec this target contradicts", ""]
    inferred = defaultdict(set)
    for finding in findings:
        if finding.evidence == "inferred":
            inferred[finding.subject or finding.operation].add(finding.check)
    if not inferred:
        return [*lines, "None: no failure touched a part marked `x-enkash-evidence: inferred`.", ""]
    for subject in sorted(inferred):
        lines.append(f"- `{subject}` (inferred), contradicted by: {', '.join(sorted(inferred[subject]))}")
    documented = sorted({f.subject or f.operation for f in findings if f.evidence == "documented"})
    if documented:
        lines += ["", "Failures on documented parts (the target breaks the published docs, or our reading of them):"]
        lines += [f"- `{subject}`" for subject in documented]
    return [*lines, ""]


def _by_operation(result: RunResult) -> list[str]:
    lines = ["## Results by operation", ""]
    operations: dict[str, list] = defaultdict(list)
    for record in result.records:
        operations[record.operation].append(record)
    for operation in sorted(operations):
        records = operations[operation]
        failed = [finding for record in records for finding in record.findings]
        cases = sum(record.cases for record in records)
        lines.append(f"### {operation}: {'FAILED' if failed else 'ok'} ({cases} cases)")
        lines.append("")
        for finding in failed:
            lines += _finding(finding)
        if not failed:
            lines += ["All checks held.", ""]
    return lines


def _finding(finding: Finding) -> list[str]:
    return [
        f"#### `{finding.check}`: {finding.title.splitlines()[0] if finding.title else finding.check}",
        "",
        f"- evidence: **{finding.evidence}** ({finding.subject or finding.operation})",
        f"- expected: {_one_line(finding.expected)}",
        f"- actual: {_one_line(finding.actual)}",
        "",
        "Reproduce:",
        "",
        "```",
        redact(finding.reproduce) or "(no reproduction recorded)",
        "```",
        "",
    ]


def _skipped(result: RunResult) -> list[str]:
    return _listed("## Skipped", result.skipped)


def _errors(result: RunResult) -> list[str]:
    return _listed("## Harness errors (the suite could not run these)", result.errors)


def _listed(heading: str, records) -> list[str]:
    if not records:
        return []
    return [heading, "", *(f"- `{record.name}`: {redact(record.reason)}" for record in records), ""]


def _one_line(text: str) -> str:
    return " ".join(text.split())[:600]
