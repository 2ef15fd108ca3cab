"""What a suite run found: one record per test (passed, failed, skipped with a reason), and its findings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..secrecy import SECRET_KEYS

__all__ = ["Finding", "RunResult", "TestRecord", "redact"]

_SECRET_HEADER = re.compile(r"(?i)((?:-H\s+)?['\"]?(?:authorization|cookie)\s*:\s*)([^'\"\n]*)")
_KEYS = "|".join(SECRET_KEYS)
_SECRET_FIELD = re.compile(rf"(?i)((?:{_KEYS})=)([^&'\"\s]*)")
_SECRET_JSON = re.compile(rf"(?i)(\"(?:{_KEYS})\"\s*:\s*)\"[^\"]*\"")
_SCHEME_VALUE = re.compile(r"(?i)\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+")


def redact(text: str) -> str:
    """Hide everything secret a request or message may carry: auth headers, passwords, tokens, OTPs."""
    text = _SECRET_HEADER.sub(lambda m: m.group(1) + "***", text)
    text = _SECRET_FIELD.sub(lambda m: m.group(1) + "***", text)
    text = _SECRET_JSON.sub(lambda m: m.group(1) + '"***"', text)
    return _SCHEME_VALUE.sub(lambda m: m.group(1) + " ***", text)


@dataclass
class Finding:
    """One contract failure: which check, on which operation, how sure the spec was, and how to reproduce."""

    check: str
    operation: str  # operationId, or "stateful" for a sequence
    title: str
    expected: str
    actual: str
    evidence: str  # "documented" | "inferred" | "unknown"
    subject: str = ""  # the spec part the failure contradicts (operation or field)
    reproduce: str = ""  # a curl command or a step list, secrets redacted

    def __post_init__(self) -> None:
        self.title, self.expected, self.actual = redact(self.title), redact(self.expected), redact(self.actual)
        self.reproduce = redact(self.reproduce)


@dataclass
class TestRecord:
    suite: str  # "conformance" | "stateful"
    name: str
    operation: str
    status: str = "passed"  # "passed" | "failed" | "skipped" | "error"
    cases: int = 0
    seconds: float = 0.0
    reason: str = ""  # why skipped, or the harness error
    findings: list[Finding] = field(default_factory=list)

    def fail(self, finding: Finding) -> None:
        self.findings.append(finding)
        self.status = "failed"


@dataclass
class RunResult:
    target: str
    profile: str
    seed: int
    records: list[TestRecord] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def cases(self) -> int:
        return sum(record.cases for record in self.records)

    @property
    def findings(self) -> list[Finding]:
        return [finding for record in self.records for finding in record.findings]

    @property
    def errors(self) -> list[TestRecord]:
        return [record for record in self.records if record.status == "error"]

    @property
    def skipped(self) -> list[TestRecord]:
        return [record for record in self.records if record.status == "skipped"]

    @property
    def rate(self) -> float:
        return self.cases / self.seconds if self.seconds > 0 else 0.0

    def exit_code(self) -> int:
        if self.findings:
            return 1
        return 2 if self.errors else 0
