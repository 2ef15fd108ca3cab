"""The contract checks, registered with `@contract_check`: name, evidence class, where they apply.

Each predicate returns None when the property holds, or a `Problem` (expected versus actual).
The checks every area shares live here; an area's own live in `contracts/areas/<area>/checks.py` and
join `CHECKS` by one line. `CHECKS` is the one registry: the schemathesis adapters
(`schemathesis_checks()`), the stateful rules' failures (`check.fail(...)`) and the report's evidence
classes are all built from it, so no check is named by a string anywhere else. schemathesis's own
checks are registered here too (`builtin(...)`), with what the report says they expect.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from .areas.events.checks import EVENT_CHECKS
from .areas.funds.checks import (
    MONEY_CHECKS,
    balance_equals_history,
    kyc_limits_hold,
    money_is_conserved,
    reference_is_idempotent,
)
from .areas.gateway.checks import GATEWAY_CHECKS, unpaid_order_credits_nothing, wallet_transfer_is_atomic
from .areas.kyc.checks import KYC_CHECKS, kyc_never_regresses, otp_is_single_use
from .areas.payouts.checks import PAYOUT_CHECKS
from .areas.wallets.checks import WALLET_CHECKS, holder_details_locked_after_kyc, wallet_not_leaked_across_partners
from .bodies import response_code, shape
from .errors import ContractViolation, Problem
from .registration import ContractCheck, Evidence, Scope, builtin, contract_check

__all__ = [
    "CHECKS",
    "ContractCheck",
    "ContractViolation",
    "Problem",
    "balance_equals_history",
    "business_failure_repeats_message",
    "contract_check",
    "envelope_matches_http_status",
    "holder_details_locked_after_kyc",
    "kyc_limits_hold",
    "kyc_never_regresses",
    "money_is_conserved",
    "otp_is_single_use",
    "reference_is_idempotent",
    "schemathesis_checks",
    "target_agrees_with_model",
    "token_expires",
    "unpaid_order_credits_nothing",
    "valid_token_is_accepted",
    "wallet_not_leaked_across_partners",
    "wallet_transfer_is_atomic",
]

_ENVELOPE_STATUSES = {400, 404, 405, 413, 422}


@contract_check(evidence="status-convention", scope="wallet")
def envelope_matches_http_status(status: int, body: Any) -> Problem | None:
    """Wallet answers: 200 carries code 0 or 1; 400/404/405/413/422 carry code = status; 401 is Spring's OAuth body."""
    if status == 401:
        if isinstance(body, dict) and {"error", "error_description"} <= set(body):
            return None
        return Problem("HTTP 401 with an OAuth body {error, error_description}", f"HTTP 401 with {shape(body)}")
    if not isinstance(body, dict) or "response_code" not in body:
        return Problem(f"an envelope {{response_code, response_message, payload}} with HTTP {status}", shape(body))
    code = body["response_code"]
    if status == 200 and code in (0, 1):
        return None
    if status in _ENVELOPE_STATUSES and code == status:
        return None
    wanted = "0 or 1" if status == 200 else str(status) if status in _ENVELOPE_STATUSES else "no such status"
    return Problem(f"response_code {wanted} with HTTP {status}", f"response_code {code!r} with HTTP {status}")


@contract_check(evidence="status-convention", scope="wallet")
def business_failure_repeats_message(status: int, body: Any) -> Problem | None:
    """A business failure (200, code 1) repeats its message as the payload string."""
    if status != 200 or response_code(body) != 1:
        return None
    if isinstance(body.get("payload"), str) and body.get("payload") == body.get("response_message"):
        return None
    return Problem("payload equal to response_message", f"payload {shape(body.get('payload'))}")


@contract_check(evidence="operation", scope="token")
def token_expires(body: Any) -> Problem | None:
    """A token answer says when the token expires: a positive whole number of seconds, at most a year."""
    expires_in = body.get("expires_in") if isinstance(body, dict) else None
    if isinstance(expires_in, int) and not isinstance(expires_in, bool) and 0 < expires_in <= 366 * 86400:
        return None
    return Problem("expires_in in 1..31622400 seconds", f"expires_in {expires_in!r}")


@contract_check(evidence="auth", scope="authenticated")
def valid_token_is_accepted(status: int, body: Any) -> Problem | None:
    """A fresh token from the token endpoint, with the partner's own partnerId, is never refused (401).

    Without this, a run whose authentication broke would pass: 401 is a documented answer everywhere."""
    if status != 401:
        return None
    return Problem("the call authenticated (any status but 401)", f"HTTP 401 {shape(body)}")


def _json(response: Any) -> Any:
    try:
        return response.json()
    except Exception:  # a non-JSON body is judged by the content-type check, not here
        return None


@contract_check(evidence="operation", scope="stateful")
def target_agrees_with_model(expected: Any, actual: Any) -> Problem | None:
    """The target answers what the reference model predicts (status, response_code, kycStatus, vkycStatus).

    `expected` and `actual` are (comparable value, description) pairs."""
    if expected[0] == actual[0]:
        return None
    return Problem(expected[1], actual[1])


CHECKS: Mapping[str, ContractCheck] = MappingProxyType({check.name: check for check in (
    envelope_matches_http_status, business_failure_repeats_message, token_expires, valid_token_is_accepted,
    target_agrees_with_model,
    # each area's own checks (contracts/areas/<area>/checks.py): one line an area
    *WALLET_CHECKS,
    *KYC_CHECKS,
    *MONEY_CHECKS,
    *PAYOUT_CHECKS,
    *GATEWAY_CHECKS,
    *EVENT_CHECKS,
    builtin("not_a_server_error", "operation", "no server error (a 2xx or 4xx answer)"),
    builtin("status_code_conformance", "status-convention", "a status code the operation documents in openapi.yaml"),
    builtin("content_type_conformance", "operation", "the content type the operation documents (application/json)"),
    builtin("response_schema_conformance", "field"),
    builtin("negative_data_rejection", "status-convention"),
    builtin("positive_data_acceptance", "status-convention"),
    builtin("ignored_auth", "auth"),
    builtin("missing_required_header", "auth"),
)})


def checks_with(*, scope: Scope | None = None, evidence: Evidence | None = None) -> list[ContractCheck]:
    return [check for check in CHECKS.values()
            if (scope is None or check.scope == scope) and (evidence is None or check.evidence == evidence)]


def _adapter(check: ContractCheck) -> Callable:
    """A schemathesis check judging one response with a registered predicate, by the check's scope."""
    def judge(ctx, response, case):
        if check.scope == "wallet" and case.path == "/oauth/token":
            return None
        if check.scope == "token" and (case.path != "/oauth/token" or response.status_code != 200):
            return None
        if check.scope == "any":
            ids = {**(case.query or {}), **(case.body if isinstance(case.body, dict) else {})}
            problem = check(ids, _json(response))
        elif check.scope == "token":
            problem = check(_json(response))
        else:
            problem = check(response.status_code, _json(response))
        if problem is not None:
            raise check.fail(problem)
        return None
    judge.__name__ = check.name
    return judge


def schemathesis_checks() -> list[Callable]:
    """schemathesis's built-ins, then our single-response checks registered with it under their own names."""
    import schemathesis
    import schemathesis.checks

    builtins = [getattr(schemathesis.checks, check.name) for check in checks_with(scope="builtin")]
    ours = [schemathesis.check(_adapter(check)) for scope in ("wallet", "any", "token")
            for check in checks_with(scope=scope)]
    return builtins + ours
