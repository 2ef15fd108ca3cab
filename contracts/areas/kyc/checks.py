"""KYC checks, registered with `@contract_check`; called by the KYC rules (scope "stateful")."""

from __future__ import annotations

from typing import Any

from ...bodies import response_code
from ...errors import Problem
from ...registration import contract_check

__all__ = ["KYC_CHECKS", "KYC_ORDER", "kyc_never_regresses", "otp_is_single_use"]

KYC_ORDER = {"PENDING": 0, "MIN_KYC": 1, "FULL_KYC": 2}


@contract_check(evidence="operation", scope="stateful")
def otp_is_single_use(reuse_status: int, reuse_body: Any) -> Problem | None:
    """An OTP that already verified never verifies again."""
    if reuse_status == 200 and response_code(reuse_body) == 1:
        return None
    return Problem("HTTP 200, response_code 1 (OTP already used)", f"HTTP {reuse_status}, response_code "
                   f"{response_code(reuse_body)!r}")


@contract_check(evidence="operation", scope="stateful")
def kyc_never_regresses(before: str | None, after: str | None) -> Problem | None:
    """kycStatus only moves forward: PENDING → MIN_KYC → FULL_KYC."""
    if before is None or after is None or KYC_ORDER.get(after, -1) >= KYC_ORDER.get(before, -1):
        return None
    return Problem(f"kycStatus {before} or later", f"kycStatus {after}")


KYC_CHECKS = (otp_is_single_use, kyc_never_regresses)
