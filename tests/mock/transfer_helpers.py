"""A FULL_KYC wallet with a bank beneficiary, and IMPS transfers from it, over Flask's test client."""

from __future__ import annotations

import itertools

from .funds_helpers import balance, top_up
from .helpers import IST_WEDNESDAY_11AM, Partner

_ids = itertools.count(1)
BENEFICIARY = "BENEF001"


def fresh_transaction_id() -> str:
    return f"TXN-{next(_ids):06d}"


def full_kyc_wallet(partner: Partner, client, funds: str = "5000.00") -> str:
    """A new wallet through the documented path: min KYC, T&C, VKYC approved (admin), then topped up."""
    client.put("/__admin/clock", json={"now": IST_WEDNESDAY_11AM})  # VKYC hours, and a clock that stands still
    wallet = partner.create_wallet()["enKashCardId"]
    partner.complete_min_kyc(wallet)
    assert client.post(f"/__admin/tnc/{wallet}/accept").status_code == 200
    assert partner.vkyc("link", wallet).json["response_code"] == 0
    decided = client.post(f"/__admin/vkyc/{wallet}/decision", json={"outcome": "APPROVED"})
    assert decided.json["kycStatus"] == "FULL_KYC", decided.json
    assert top_up(partner, funds, wallet).json["response_code"] == 0
    return wallet


def add_bank_beneficiary(partner: Partner, wallet: str, beneficiary_id: str = BENEFICIARY, **changes) -> None:
    body = {**partner.ids(wallet), "beneficiaryId": beneficiary_id, "beneficiaryName": "Asha Verma",
            "beneficiaryAccountNumber": "50100123456789", "beneficiaryIfsc": "HDFC0000240", **changes}
    response = partner.post("/beneficiary", body)
    assert response.json["response_code"] == 0, response.json


def transfer(partner: Partner, wallet: str, amount, beneficiary: str = BENEFICIARY, transaction_id: str | None = None,
             reference: str | None = None, otp: str | None = None, **changes):
    """A fund transfer with a fresh TRANSACTION_OTP (read from the admin API) unless one is given."""
    if reference is None:
        reference = partner.send_otp(wallet)
    if otp is None:
        otp = partner.otp_of(reference, wallet)
    body = {**partner.ids(wallet), "beneficiaryId": beneficiary,
            "transactionId": transaction_id or fresh_transaction_id(), "transferAmount": amount,
            "transferMode": "IMPS", "otpMedium": "MOBILE", "otp": otp, "otpReferenceId": reference, **changes}
    return partner.post("/fund-transfer", body)


def status_of(partner: Partner, transaction_id: str):
    return partner.get("/fund-transfer/status", transactionId=transaction_id)


def advance(client, seconds: float) -> None:
    assert client.post("/__admin/clock/advance", json={"seconds": seconds}).status_code == 200


def set_outcome(client, wallet: str, outcome: str, beneficiary: str = BENEFICIARY, reason: str | None = None):
    return client.put(f"/__admin/beneficiaries/{wallet}/{beneficiary}/outcome",
                      json={"outcome": outcome, "reason": reason})


__all__ = ["BENEFICIARY", "add_bank_beneficiary", "advance", "balance", "fresh_transaction_id", "full_kyc_wallet",
           "set_outcome", "status_of", "transfer"]
