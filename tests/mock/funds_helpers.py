"""Money calls of the demo partner, over Flask's test client."""

from __future__ import annotations

import itertools

from .helpers import Partner

WALLET = "EKCWLUAADN"  # seeded MIN_KYC, T&C accepted, ₹1,000.00
MERCHANT = "MD7GWIYV3VEMQ8KQ"  # the docs' example merchant, seeded for the demo partner
_references = itertools.count(1)


def fresh_reference(prefix: str = "ref") -> str:
    return f"{prefix}-{next(_references)}"


def top_up(partner: Partner, amount, wallet: str = WALLET, reference: str | None = None, **changes):
    body = {"companyId": partner.who["companyId"], "cardAccountId": partner.who["cardAccountId"],
            "enKashCardId": wallet, "amount": amount, "transactionType": "CR",
            "uniqueReferenceNumber": reference or fresh_reference("topup"), **changes}
    return partner.post("/balance", body)


def balance(partner: Partner, wallet: str = WALLET) -> float:
    response = partner.post("/card-balance", partner.ids(wallet))
    assert response.json["response_code"] == 0, response.json
    return response.json["payload"]["otbBalance"]


def history(partner: Partner, wallet: str = WALLET, **filters) -> dict:
    response = partner.post("/transaction/all", {**partner.ids(wallet), "size": 100, **filters})
    assert response.json["response_code"] == 0, response.json
    return response.json["payload"]


def debit(partner: Partner, amount, wallet: str = WALLET, merchant: str = MERCHANT, otp: str | None = None,
          reference: str | None = None, unique_id: str | None = None, **changes):
    """A merchant debit with a fresh TRANSACTION_OTP (read from the admin API) unless one is given."""
    if reference is None:
        reference = partner.send_otp(wallet)
    if otp is None:
        otp = partner.otp_of(reference, wallet)
    body = {"merchantDetailId": merchant, "enkashCardId": wallet, "companyId": partner.who["companyId"],
            "cardAccountId": partner.who["cardAccountId"], "amount": amount, "otp": otp,
            "otpReferenceId": reference, "uniqueTransactionId": unique_id or fresh_reference("debit"), **changes}
    return partner.post("/ppi-merchant-transaction", body)


def funds(client) -> dict:
    return client.get("/__admin/funds").json


def assert_ledger_invariants(partner: Partner, client) -> None:
    """balance = credits − debits of its history; nothing negative; money conserved across the session."""
    overview = funds(client)
    assert overview["totals"]["conserved"], overview["totals"]
    for wallet in overview["wallets"]:
        assert wallet["otbBalance"] >= 0
        if wallet["partnerId"] != partner.who["partnerId"] or wallet["cardAccountId"] != partner.who["cardAccountId"]:
            continue
        page = history(partner, wallet["enKashCardId"], size=100)
        if page["totalElements"] > 100:
            continue
        paise = sum(round(t["principalAmount"] * 100) * (1 if t["cardTransactionType"] == "CR" else -1)
                    for t in page["transactions"])
        assert paise == round(wallet["otbBalance"] * 100) == round(page["otbBalance"] * 100)
    for holder in (*overview["cardAccounts"], *overview["merchants"]):
        assert holder.get("availableBalance", holder.get("balance")) >= 0
