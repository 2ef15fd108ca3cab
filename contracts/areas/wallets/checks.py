"""Wallet checks, registered with `@contract_check`: partner isolation and the holder lock."""

from __future__ import annotations

from typing import Any

from ...bodies import response_code
from ...errors import Problem
from ...registration import contract_check

__all__ = ["WALLET_CHECKS", "holder_details_locked_after_kyc", "wallet_not_leaked_across_partners"]


@contract_check(evidence="operation", scope="any")
def wallet_not_leaked_across_partners(request_ids: dict[str, Any], body: Any) -> Problem | None:
    """A wallet in a success answer belongs to the account the caller named (never another partner's)."""
    if response_code(body) != 0 or not isinstance(body.get("payload"), dict):
        return None
    payload = body["payload"]
    for name in ("companyId", "cardAccountId", "enKashCardId"):
        wanted = request_ids.get(name)
        if wanted is not None and name in payload and payload[name] != wanted:
            return Problem(f"{name} {wanted} (the caller's)", f"{name} {payload[name]}")
    return None


@contract_check(evidence="operation", scope="stateful")
def holder_details_locked_after_kyc(kyc_before: str, status: int, body: Any) -> Problem | None:
    """Once the OTP is verified (kycStatus beyond PENDING) holder details cannot change."""
    if kyc_before == "PENDING" or (status == 200 and response_code(body) == 1):
        return None
    return Problem(f"HTTP 200, response_code 1 (locked, kycStatus {kyc_before})",
                   f"HTTP {status}, response_code {response_code(body)!r}")


WALLET_CHECKS = (wallet_not_leaked_across_partners, holder_details_locked_after_kyc)
