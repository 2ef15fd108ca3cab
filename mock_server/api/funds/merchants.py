"""Merchants a partner's wallets can pay, and the merchant debit (`/ppi-merchant-transaction`).

A debit needs a single-use TRANSACTION_OTP of that wallet. Every refusal that needs no OTP is checked
before the OTP is consumed, so a refused payment leaves the holder's OTP usable.
"""

from __future__ import annotations

from ...kernel.errors import DomainError
from ...kernel.ids import new_id
from ...kernel.world import World
from ..kyc.otp import ensure_unused, verify_otp
from ..kyc.rules import OTP_ACTION
from . import idempotency, ledger
from .controls import controls_breach
from .limits import debit_breach
from .money import rupees
from .periods import period_keys
from .usage import add_usage
from .wallet_money import ensure_usable, find_wallet_for_money, tier

__all__ = ["KIND", "TXN_KIND", "add_merchant", "debit_for_merchant", "find_merchant", "new_merchant"]

KIND = "merchant"
TXN_KIND = "merchant_txn"
_DEBIT_COUNTERS = (("debitDay", "day"), ("debit", "month"), ("debitYear", "year"))
_COUNT_COUNTERS = (("debitCountDay", "day"), ("debitCountMonth", "month"), ("debitCountYear", "year"))


def new_merchant(merchant_id: str, partner_id: str, name: str) -> dict:
    return {"merchantDetailId": merchant_id, "partnerId": partner_id, "name": name,
            "balancePaise": 0, "ledgerCount": 0}


def add_merchant(world: World, partner_id: str, name: str, merchant_id: str | None = None) -> dict:
    if world.tx.get("partner", partner_id) is None:
        raise DomainError("admin_not_found", detail=f"no partner {partner_id} in this session")
    if merchant_id is None:
        merchant_id = new_id("MD", 14, lambda candidate: world.tx.get(KIND, candidate) is not None)
    elif world.tx.get(KIND, merchant_id) is not None:
        raise DomainError("admin_conflict", detail=f"merchant {merchant_id} already exists")
    merchant = new_merchant(merchant_id, partner_id, name)
    world.tx.put(KIND, merchant_id, merchant)
    return merchant


def find_merchant(world: World, partner: dict, merchant_id: str) -> dict:
    merchant = world.tx.get(KIND, merchant_id)
    if merchant is None or merchant["partnerId"] != partner["partnerId"]:
        raise DomainError("merchant_not_found")
    return merchant


def txn_key(partner_id: str, unique_transaction_id: str) -> str:
    return f"{partner_id}:{unique_transaction_id}"


def debit_for_merchant(world: World, partner: dict, request: dict, amount: int) -> dict:
    reference = request["uniqueTransactionId"]
    print_ = idempotency.fingerprint(request, amount)
    replay = idempotency.recall(world, "merchant", partner["partnerId"], reference, print_)
    if replay is not None:
        return replay
    wallet = find_wallet_for_money(world, partner, request["enkashCardId"], request["cardAccountId"],
                                   request["companyId"])
    ensure_usable(wallet)
    merchant = find_merchant(world, partner, request["merchantDetailId"])
    ensure_unused(world, wallet, request["otpReferenceId"], OTP_ACTION)
    periods = period_keys(world.now, world.config.funds_timezone)
    counters = wallet.setdefault("usage", {})
    breach = controls_breach(wallet.get("controls"), counters, periods, amount)
    if breach:
        raise DomainError("card_control_refused", control=breach)
    breach = debit_breach(world.config.wallet_limits, tier(wallet), counters, periods, amount)
    if breach:
        raise DomainError("debit_limit_exceeded", limit=breach)
    if wallet.get("balancePaise", 0) < amount:
        raise DomainError("insufficient_wallet_balance")
    verify_otp(world, wallet, request["otpReferenceId"], request["otp"], OTP_ACTION)  # writes the OTP only
    for name, period in _DEBIT_COUNTERS:
        add_usage(counters, name, periods[period], amount)
    for name, period in _COUNT_COUNTERS:
        add_usage(counters, name, periods[period], 1)
    details = {"type": "MERCHANT_PAYMENT", "reference": reference, "merchantDetailId": merchant["merchantDetailId"],
               "description": f"Payment to {merchant['name']}", "remarks": request.get("remarks"),
               "productCode": request.get("productCode")}
    debit, _ = ledger.transfer(world.tx, ("wallet", wallet, wallet["enKashCardId"]),
                               (KIND, merchant, merchant["merchantDetailId"]), amount, world.now, **details)
    payment = {
        "uniqueTransactionId": reference, "partnerId": partner["partnerId"], "enkashCardTxnId": debit["id"],
        "enKashCardId": wallet["enKashCardId"], "merchantDetailId": merchant["merchantDetailId"],
        "amountPaise": amount, "at": world.now, "forced": None, "refund": None,
    }
    world.tx.put(TXN_KIND, txn_key(partner["partnerId"], reference), payment)
    from . import settlement_events  # imported late: it reads this module's payments

    settlement_events.start(world, payment)  # SETTLEMENT_STATUS PENDING, and the schedule's next change
    result = {
        "enkashCardTxnId": debit["id"], "uniqueTransactionId": reference,
        "merchantDetailId": merchant["merchantDetailId"], "enkashCardId": wallet["enKashCardId"],
        "amount": rupees(amount), "otbBalance": rupees(wallet["balancePaise"]),
        "status": "SUCCESS", "settlementStatus": "PENDING",
    }
    idempotency.remember(world, "merchant", partner["partnerId"], reference, print_, result)
    return result
