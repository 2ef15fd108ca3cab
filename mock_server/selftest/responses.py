"""Planted violations at the response seam: the answer is bent after the mock's own spec check."""

from __future__ import annotations

from typing import Any

from ..config import MockConfig

__all__ = ["RESPONSE_VIOLATIONS", "shape_response"]

RESPONSE_VIOLATIONS = frozenset({
    "drop_kyc_status", "otb_balance_string", "business_failure_500", "business_failure_201",
    "validation_code_mismatch", "business_failure_payload_differs", "wallet_of_another_account",
    "token_expires_in_zero", "kyc_regresses_in_details", "create_reports_min_kyc",
    "transaction_missing_from_history",
})
_DETAILS = {"getWalletDetails", "searchWallet"}
_CREATE = {"createWallet", "createWalletFull"}


def shape_response(config: MockConfig, status: int, body: Any, operation_id: str | None = None) -> tuple[int, Any]:
    """The response as the faulty mock sends it (unchanged when no response violation is on)."""
    on = set(config.faults) & RESPONSE_VIOLATIONS
    if not on or not isinstance(body, dict):
        return status, body
    _bend_payload(on, body, operation_id)
    if "token_expires_in_zero" in on and "expires_in" in body:
        body["expires_in"] = 0
    if status == 200 and body.get("response_code") == 1:
        if "business_failure_payload_differs" in on:
            body["payload"] = "See response_message"
        status = 500 if "business_failure_500" in on else 201 if "business_failure_201" in on else status
    if status == 422 and "validation_code_mismatch" in on:
        body["response_code"] = 400
    return status, body


def _bend_payload(on: set[str], body: dict, operation_id: str | None) -> None:
    payload = body.get("payload")
    if not isinstance(payload, dict):
        return
    if "otbBalance" in payload:
        if "drop_kyc_status" in on:
            payload.pop("kycStatus", None)
        if "otb_balance_string" in on:
            payload["otbBalance"] = str(payload["otbBalance"])
    if "wallet_of_another_account" in on and "cardAccountId" in payload and body.get("response_code") == 0:
        payload["cardAccountId"] = "CAC0001" if payload["cardAccountId"] != "CAC0001" else "CAC0002"
    if "kyc_regresses_in_details" in on and operation_id in _DETAILS and payload.get("kycStatus") == "MIN_KYC":
        payload["kycStatus"] = "PENDING"
    if "create_reports_min_kyc" in on and operation_id in _CREATE and payload.get("kycStatus") == "PENDING":
        payload["kycStatus"] = "MIN_KYC"
    if ("transaction_missing_from_history" in on and operation_id == "listTransactions"
            and payload.get("page") == 0 and payload.get("transactions")):
        payload["transactions"] = payload["transactions"][1:]
