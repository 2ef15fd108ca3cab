"""A schemathesis failure as a report finding: expected versus actual, evidence level, redacted curl."""

from __future__ import annotations

import json
import re
from typing import Any

from ..checks import CHECKS, ContractViolation, checks_with
from .evidence import SpecEvidence
from .results import Finding, mask_secrets, redact

__all__ = ["STATUS_CONVENTION_CHECKS", "finding_from_failure", "status_convention_evidence"]

# Checks that judge the status-code/envelope convention, which the spec marks as a whole.
STATUS_CONVENTION_CHECKS = frozenset(check.name for check in checks_with(evidence="status-convention"))
_AUTH_CHECKS = frozenset(check.name for check in checks_with(evidence="auth"))


def status_convention_evidence(evidence: SpecEvidence) -> str:
    return evidence.document.get("info", {}).get("x-enkash-status-convention", {}).get("x-enkash-evidence", "unknown")


def finding_from_failure(evidence: SpecEvidence, operation, case, response, check: str, failure: Any,
                         base_url: str, auth_url: str = "") -> Finding:
    op_id = operation.definition.raw.get("operationId") or operation.label
    level, subject = _evidence_of(evidence, op_id, check, failure)
    message = str(getattr(failure, "message", "") or "")
    explained = _explain(evidence, check, response)
    if explained:
        (level, subject), message = evidence.field(op_id, explained[0]), f"expected {explained[0]}: {explained[1]}"
    ours = failure if isinstance(failure, ContractViolation) else getattr(failure, "exception", None)
    expected, actual = _expected(check, message), ""
    if isinstance(ours, ContractViolation):  # one of contracts/checks.py: it says exactly what it wanted
        expected, actual = ours.problem.expected, f"{ours.problem.actual}; "
    return Finding(
        check=check,
        operation=op_id,
        title=str(getattr(failure, "title", "") or check),
        expected=expected,
        actual=f"{actual}HTTP {response.status_code}: {_excerpt(response)}",
        evidence=level,
        subject=subject,
        reproduce=_curl(case, response, base_url, auth_url or base_url),
    )


def _evidence_of(evidence: SpecEvidence, op_id: str, check: str, failure: Any) -> tuple[str, str]:
    if CHECKS[check].evidence == "field":
        path = "/".join(str(part) for part in getattr(failure, "instance_path", []) or [])
        field = _missing_property(failure) or path
        if field:
            return evidence.field(op_id, field)
        return evidence.operation(op_id), f"{op_id} response schema"
    if check in STATUS_CONVENTION_CHECKS:
        return status_convention_evidence(evidence), "status-code convention (x-enkash-status-convention)"
    if check in _AUTH_CHECKS:
        return evidence.operation(op_id), f"{op_id} security / partnerId header"
    return evidence.operation(op_id), op_id


def _explain(evidence: SpecEvidence, check: str, response) -> tuple[str, str] | None:
    if CHECKS[check].evidence != "field":
        return None
    try:
        return evidence.explain_payload(response.json().get("payload"))
    except Exception:  # not JSON, or no envelope: schemathesis's own message stands
        return None


def _missing_property(failure: Any) -> str:
    """`'kycStatus' is a required property` names the field; a oneOf failure names the closest branch's."""
    text = str(getattr(failure, "_raw_message", "") or getattr(failure, "message", ""))
    if "is a required property" in text:
        return text.split("'")[1] if "'" in text else ""
    return ""


def _expected(check: str, message: str) -> str:
    if CHECKS[check].expects:
        return CHECKS[check].expects
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    for line in lines:
        if line.lower().startswith("expected"):
            return line
    return lines[0][:300] if lines else f"the {check} property holds"


def _excerpt(response) -> str:
    try:  # masked while still parsed, then cut: a cut can never split a secret out of its mask
        body = json.dumps(mask_secrets(response.json()), sort_keys=True)
    except Exception:
        body = (response.text or "")
    return redact(body[:400])


# The (masked) bearer header of a reproduction becomes a shell variable, filled by the token request above it.
_AUTH_HEADER = re.compile(r"-H '(?i:authorization): [^']*'")


def _curl(case, response, base_url: str, auth_url: str) -> str:
    try:
        headers = dict(response.request.headers)
        command = redact(case.as_curl_command(headers=headers, base_url=base_url))
    except Exception as error:  # never let the reproduction hide the finding
        return f"(no curl: {type(error).__name__})"
    sent = next((value for name, value in headers.items() if name.lower() == "authorization"), "")
    if not str(sent).lower().startswith("bearer ") or not _AUTH_HEADER.search(command):
        return command
    command = _AUTH_HEADER.sub(lambda _: '-H "Authorization: Bearer $ENKASH_TOKEN"', command)
    return f"{_token_command(auth_url, headers)}\n{command}"


def _token_command(auth_url: str, headers: dict) -> str:
    """How to get the token the reproduction needs: a password grant with the run's own ENKASH_* values."""
    session = next((f" -H '{name}: {value}'" for name, value in headers.items() if name.lower() == "x-mock-session"),
                   "")
    return ("# The token is not in the report: get one with the credentials the run used (ENKASH_USERNAME,\n"
            "# ENKASH_PASSWORD, ENKASH_CLIENT_ID; against the mock, its demo values in the README).\n"
            f"ENKASH_TOKEN=$(curl -s -u : -X POST '{auth_url.rstrip('/')}/oauth/token'{session} "
            '-d grant_type=password --data-urlencode "username=$ENKASH_USERNAME" '
            '--data-urlencode "password=$ENKASH_PASSWORD" --data-urlencode "clientId=$ENKASH_CLIENT_ID" '
            "| python3 -c 'import json, sys; print(json.load(sys.stdin)[\"access_token\"])')")
