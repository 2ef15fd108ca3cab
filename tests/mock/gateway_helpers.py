"""Wallet-to-wallet transfers and Add Money orders of the demo partner, over Flask's test client."""

from __future__ import annotations

import itertools

from .funds_helpers import WALLET, top_up
from .helpers import Partner

_references = itertools.count(1)


def usable_wallet(partner: Partner, client, balance: str | None = None) -> str:
    """A new wallet of the partner with minimum KYC and the T&C accepted (optionally topped up)."""
    wallet = partner.create_wallet()["enKashCardId"]
    partner.complete_min_kyc(wallet)
    assert client.post(f"/__admin/tnc/{wallet}/accept").status_code == 200
    if balance is not None:
        assert top_up(partner, balance, wallet).json["response_code"] == 0
    return wallet


def transfer(partner: Partner, amount, target: str, source: str = WALLET, *, otp: str | None = None,
             reference: str | None = None, transaction_id: str | None = None, **changes):
    """A wallet-to-wallet transfer with a fresh TRANSACTION_OTP of the source unless one is given."""
    if reference is None:
        reference = partner.send_otp(source)
    if otp is None:
        otp = partner.otp_of(reference, source)
    body = {**partner.ids(source), "toEnKashCardId": target, "amount": amount, "otp": otp, "otpReferenceId": reference,
            "transactionId": transaction_id or f"w2w-{next(_references)}", **changes}
    return partner.post("/wallet-transfer", body)


def create_order(partner: Partner, amount, wallet: str = WALLET, unique_id: str | None = None, **changes):
    body = {**partner.ids(wallet), "amount": amount, "uniqueTransactionId": unique_id or f"order-{next(_references)}",
            **changes}
    return partner.post("/add-money", body)


def order_status(partner: Partner, order_id: str):
    return partner.get("/add-money/status", orderId=order_id)
