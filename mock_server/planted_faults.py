"""Planted faults: switches that make the mock break its own contract on purpose.

They exist for one reason: to prove that the contract suite bites (`enkash-mock serve --faults NAME`).
Each fault is named after the contract it breaks; the hooks in the pipeline and the domain are
one line each and do nothing unless `MockConfig.faults` names the fault.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .config import MockConfig
from .domain.errors import DomainError
from .errors import ApiError

__all__ = ["FAULTS", "PlantedFault", "active", "check_known", "crash_on_input", "guard_auth", "shape_response"]

# name -> what it breaks (shown by `enkash-mock serve --help` and in errors)
FAULTS = {
    "drop_kyc_status": "wallet payloads lack kycStatus",
    "otb_balance_string": "wallet payloads carry otbBalance as a string",
    "business_failure_500": "business failures (response_code 1) are sent with HTTP 500",
    "business_failure_201": "business failures (response_code 1) are sent with HTTP 201",
    "validation_code_mismatch": "422 answers carry response_code 400",
    "otp_reuse": "a used OTP verifies again (min-kyc succeeds a second time)",
    "ignore_auth": "wallet calls with a missing or invalid bearer token are served (partner from partnerId)",
    "digit_name_500": "a firstName containing a digit crashes the mock (500)",
}


class PlantedFault(RuntimeError):
    """The crash a planted fault causes on purpose."""


def check_known(faults: tuple[str, ...]) -> None:
    unknown = sorted(set(faults) - set(FAULTS))
    if unknown:
        raise ValueError(f"unknown fault(s): {', '.join(unknown)}; known: {', '.join(sorted(FAULTS))}")


def active(config: MockConfig, name: str) -> bool:
    return name in config.faults


def shape_response(config: MockConfig, status: int, body: Any) -> tuple[int, Any]:
    """The response as the faulty mock sends it (unchanged when no response fault is on)."""
    if not config.faults or not isinstance(body, dict):
        return status, body
    payload = body.get("payload")
    if isinstance(payload, dict) and "otbBalance" in payload:
        if active(config, "drop_kyc_status"):
            payload.pop("kycStatus", None)
        if active(config, "otb_balance_string"):
            payload["otbBalance"] = str(payload["otbBalance"])
    if status == 200 and body.get("response_code") == 1:
        status = 500 if active(config, "business_failure_500") else 201 if active(config, "business_failure_201") \
            else status
    if status == 422 and active(config, "validation_code_mismatch"):
        body["response_code"] = 400
    return status, body


def guard_auth(config: MockConfig, world: Any, headers: dict[str, str], authenticate: Callable[[], Any]) -> Any:
    """`authenticate()`, unless `ignore_auth` is on: then a refused caller is served as the partnerId's partner."""
    if not active(config, "ignore_auth"):
        return authenticate()
    try:
        return authenticate()
    except (ApiError, DomainError):
        partner = world.tx.get("partner", headers.get("partnerid") or "")
        if partner is None:
            raise
        return partner


def crash_on_input(config: MockConfig, body: Any) -> None:
    if active(config, "digit_name_500") and isinstance(body, dict):
        name = body.get("firstName")
        if isinstance(name, str) and any(char.isdigit() for char in name):
            raise PlantedFault("planted fault digit_name_500")
