"""What a suite run found: one record per test (passed, failed, skipped with a reason), and its findings."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..secrecy import MASK, SECRET_KEYS, is_secret_key

__all__ = ["Finding", "RunResult", "TestRecord", "mask_secrets", "redact"]

# A `$VARIABLE` in a reproduction is a placeholder the reader fills in, not a secret: it is kept.
_SECRET_HEADER = re.compile(r"(?i)((?:-H\s+)?['\"]?(?:authorization|cookie)\s*:\s*+)(?!(?:Bearer\s+|Basic\s+)?\$)"
                            r"([^'\"\n]*)")
# Every spelling of every key: client_secret, clientSecret, client-secret.
_KEYS = "|".join(sorted({part for key in SECRET_KEYS
                         for part in (key, key.replace("_", ""), key.replace("_", "-"))}, key=len, reverse=True))
_SECRET_FIELD = re.compile(rf"(?i)\b((?:{_KEYS})=)(?!\$)([^&'\"\s]*)")
# A JSON string value, escaped quotes included; unterminated when an excerpt was cut inside it.
_SECRET_JSON = re.compile(rf"(?i)(\"(?:{_KEYS})\"\s*:\s*)\"(?:[^\"\\]|\\.)*(?:\"|\\?$)")
_SCHEME_VALUE = re.compile(r"(?i)\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+")
_DECODER = json.JSONDecoder()


def redact(text: str) -> str:
    """Hide everything secret a request or message may carry: auth headers, passwords, tokens, OTPs.

    JSON inside the text is parsed and masked by key first, so no quoting trick (an escaped quote in a
    password) can leave part of a secret behind; the patterns then catch form fields, headers and any
    JSON too broken to parse (an excerpt cut short).
    """
    text = _mask_json_documents(text)
    text = _SECRET_HEADER.sub(lambda m: m.group(1) + MASK, text)
    text = _SECRET_FIELD.sub(lambda m: m.group(1) + MASK, text)
    text = _SECRET_JSON.sub(lambda m: m.group(1) + f'"{MASK}"', text)
    return _SCHEME_VALUE.sub(lambda m: m.group(1) + " " + MASK, text)


def mask_secrets(value: Any) -> Any:
    """A parsed JSON value with the value of every secret key (any spelling, any depth) masked."""
    if isinstance(value, dict):
        return {key: MASK if is_secret_key(str(key)) else mask_secrets(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_secrets(item) for item in value]
    return value


def _mask_json_documents(text: str) -> str:
    out, position = [], 0
    while (start := _next_document(text, position)) != -1:
        try:
            value, end = _DECODER.raw_decode(text, start)
        except ValueError:
            out.append(text[position:start + 1])
            position = start + 1
            continue
        out.append(text[position:start])
        out.append(json.dumps(mask_secrets(value), ensure_ascii=False) if isinstance(value, dict | list)
                   else text[start:end])
        position = end
    out.append(text[position:])
    return "".join(out)


def _next_document(text: str, position: int) -> int:
    found = [index for index in (text.find("{", position), text.find("[", position)) if index != -1]
    return min(found) if found else -1


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
