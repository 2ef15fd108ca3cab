"""Domain checks of the Enkash contract, named as the properties they assert.

Each predicate returns None when the property holds, or a `Problem` (expected versus actual).
The same predicates serve the stateful suite directly and schemathesis as registered checks
(`schemathesis_checks()`), so one definition of each rule judges both suites.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ContractViolation",
    "Problem",
    "business_failure_repeats_message",
    "envelope_matches_http_status",
    "holder_details_locked_after_kyc",
    "kyc_never_regresses",
    "otp_is_single_use",
    "schemathesis_checks",
    "token_expires",
    "valid_token_is_accepted",
    "wallet_not_leaked_across_partners",
]

KYC_ORDER = {"PENDING": 0, "MIN_KYC": 1, "FULL_KYC": 2}
_ENVELOPE_STATUSES = {400, 404, 405, 413, 422}


@dataclass(frozen=True)
class Problem:
    expected: str
    actual: str

    def __str__(self) -> str:
        return f"expected {self.expected}; got {self.actual}"


class ContractViolation(AssertionError):
    """A named check found the target off its contract."""

    def __init__(self, check: str, problem: Problem, context: str = ""):
        self.check, self.problem, self.context = check, problem, context
        super().__init__(f"{check}: {problem}" + (f" ({context})" if context else ""))


def _code(body: Any) -> Any:
    return body.get("response_code") if isinstance(body, dict) else None


def envelope_matches_http_status(status: int, body: Any) -> Problem | None:
    """Wallet answers: 200 carries code 0 or 1; 400/404/405/413/422 carry code = status; 401 is Spring's OAuth body."""
    if status == 401:
        if isinstance(body, dict) and {"error", "error_description"} <= set(body):
            return None
        return Problem("HTTP 401 with an OAuth body {error, error_description}", f"HTTP 401 with {_shape(body)}")
    if not isinstance(body, dict) or "response_code" not in body:
        return Problem(f"an envelope {{response_code, response_message, payload}} with HTTP {status}", _shape(body))
    code = body["response_code"]
    if status == 200 and code in (0, 1):
        return None
    if status in _ENVELOPE_STATUSES and code == status:
        return None
    wanted = "0 or 1" if status == 200 else str(status) if status in _ENVELOPE_STATUSES else "no such status"
    return Problem(f"response_code {wanted} with HTTP {status}", f"response_code {code!r} with HTTP {status}")


def business_failure_repeats_message(status: int, body: Any) -> Problem | None:
    """A business failure (200, code 1) repeats its message as the payload string."""
    if status != 200 or _code(body) != 1:
        return None
    if isinstance(body.get("payload"), str) and body.get("payload") == body.get("response_message"):
        return None
    return Problem("payload equal to response_message", f"payload {_shape(body.get('payload'))}")


def wallet_not_leaked_across_partners(request_ids: dict[str, Any], body: Any) -> Problem | None:
    """A wallet in a success answer belongs to the account the caller named (never another partner's)."""
    if _code(body) != 0 or not isinstance(body.get("payload"), dict):
        return None
    payload = body["payload"]
    for name in ("companyId", "cardAccountId", "enKashCardId"):
        wanted = request_ids.get(name)
        if wanted is not None and name in payload and payload[name] != wanted:
            return Problem(f"{name} {wanted} (the caller's)", f"{name} {payload[name]}")
    return None


def otp_is_single_use(reuse_status: int, reuse_body: Any) -> Problem | None:
    """An OTP that already verified never verifies again."""
    if reuse_status == 200 and _code(reuse_body) == 1:
        return None
    return Problem("HTTP 200, response_code 1 (OTP already used)", f"HTTP {reuse_status}, response_code "
                   f"{_code(reuse_body)!r}")


def holder_details_locked_after_kyc(kyc_before: str, status: int, body: Any) -> Problem | None:
    """Once the OTP is verified (kycStatus beyond PENDING) holder details cannot change."""
    if kyc_before == "PENDING" or (status == 200 and _code(body) == 1):
        return None
    return Problem(f"HTTP 200, response_code 1 (locked, kycStatus {kyc_before})",
                   f"HTTP {status}, response_code {_code(body)!r}")


def token_expires(body: Any) -> Problem | None:
    """A token answer says when the token expires: a positive whole number of seconds, at most a year."""
    expires_in = body.get("expires_in") if isinstance(body, dict) else None
    if isinstance(expires_in, int) and not isinstance(expires_in, bool) and 0 < expires_in <= 366 * 86400:
        return None
    return Problem("expires_in in 1..31622400 seconds", f"expires_in {expires_in!r}")


def valid_token_is_accepted(status: int, body: Any) -> Problem | None:
    """A fresh token from the token endpoint, with the partner's own partnerId, is never refused (401).

    Without this, a run whose authentication broke would pass: 401 is a documented answer everywhere."""
    if status != 401:
        return None
    return Problem("the call authenticated (any status but 401)", f"HTTP 401 {_shape(body)}")


def kyc_never_regresses(before: str | None, after: str | None) -> Problem | None:
    """kycStatus only moves forward: PENDING → MIN_KYC → FULL_KYC."""
    if before is None or after is None or KYC_ORDER.get(after, -1) >= KYC_ORDER.get(before, -1):
        return None
    return Problem(f"kycStatus {before} or later", f"kycStatus {after}")


def _shape(value: Any) -> str:
    if isinstance(value, dict):
        return "object with keys " + ", ".join(sorted(map(str, value))[:8])
    return f"{type(value).__name__} {str(value)[:60]!r}"


def _json(response: Any) -> Any:
    try:
        return response.json()
    except Exception:  # a non-JSON body is judged by the content-type check, not here
        return None


def schemathesis_checks() -> list[Callable]:
    """The predicates that apply to single responses, registered with schemathesis under their own names."""
    import schemathesis

    def wallet_envelope(predicate: Callable[[int, Any], Problem | None]) -> Callable:
        def check(ctx, response, case):
            if case.path == "/oauth/token":
                return None
            return _raise(predicate.__name__, predicate(response.status_code, _json(response)))
        check.__name__ = predicate.__name__
        return check

    def leak(ctx, response, case):
        ids = {**(case.query or {}), **(case.body if isinstance(case.body, dict) else {})}
        return _raise("wallet_not_leaked_across_partners", wallet_not_leaked_across_partners(ids, _json(response)))
    leak.__name__ = "wallet_not_leaked_across_partners"

    def expiry(ctx, response, case):
        if case.path != "/oauth/token" or response.status_code != 200:
            return None
        return _raise("token_expires", token_expires(_json(response)))
    expiry.__name__ = "token_expires"

    made = [wallet_envelope(envelope_matches_http_status), wallet_envelope(business_failure_repeats_message),
            leak, expiry]
    return [schemathesis.check(check) for check in made]


def _raise(name: str, problem: Problem | None) -> None:
    if problem is not None:
        raise ContractViolation(name, problem)
    return None
