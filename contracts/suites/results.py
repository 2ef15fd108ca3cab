"""What a suite run found: one record per test (passed, failed, skipped with a reason), and its findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..secrecy import mask_secrets, redact

__all__ = ["Finding", "RunResult", "TestRecord", "mask_secrets", "redact"]


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
