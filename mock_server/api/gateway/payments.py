"""What the payer does with an order (pay, fail, abandon) and what the clock does (expire it).

Every final outcome (PAID, FAILED, EXPIRED) writes, in the caller's one store transaction, the order, the
ledger credit when paid, and a PAYMENT_NOTIFY event. A paid order is money entering the system from the
payer's bank: it counts in its card account's `fundedPaise` (what came in for that account's wallets),
so the session's conservation total (funded = held) stays exact. A payment on a closed order is refused
(`admin_conflict`), so paying twice credits once. The limits are checked again when the money arrives;
a payment they refuse FAILS (the payer's bank would refund it), it never credits past a limit.
"""

from __future__ import annotations

import secrets

from ...kernel.errors import DomainError
from ...kernel.ids import new_id
from ...kernel.world import World
from ...webhooks import emit
from ..funds import ledger
from ..funds.periods import period_keys
from ..funds.usage import add_usage
from .notify import PAYMENT_MODES, payment_notify_payload
from .orders import FINAL, KIND, OPEN_KIND, load_refusal

__all__ = ["ADD_MONEY_TYPE", "abandon", "expire_due", "fail", "pay", "refresh"]

ADD_MONEY_TYPE = "ADD_MONEY_PG"


def _attempt(world: World, status: str, mode: str, message: str, bank_reference: bool = False) -> dict:
    return {"transactionId": new_id("EKPG", 10, lambda candidate: False), "status": status, "paymentMode": mode,
            "txnMsg": message, "at": world.now,
            "bankTransactionId": f"{secrets.randbelow(10**12):012d}" if bank_reference else None}


def _close(world: World, order: dict, status: str, attempt: dict) -> dict:
    order["status"] = status
    order["transactions"].append(attempt)
    world.tx.put(KIND, order["orderId"], order)
    world.tx.delete(OPEN_KIND, order["orderId"])
    emit(world, "PAYMENT_NOTIFY", payment_notify_payload(order, attempt), partner_id=order["partnerId"])
    return order


def refresh(world: World, order: dict) -> dict:
    """The order as of the session's clock: an open one past its expiry is EXPIRED (and notified) now."""
    if order["status"] not in FINAL and world.now >= order["expiresAt"]:
        _close(world, order, "EXPIRED", _attempt(world, "EXPIRED", _last_mode(order), "Order expired unpaid"))
    return order


def expire_due(world: World, partner_id: str | None = None) -> list[str]:
    """Expire every open order past its time (of one partner, or all); the open index keeps this small."""
    expired = []
    for order_id, item in list(world.tx.items(OPEN_KIND)):
        if partner_id in (None, item["partnerId"]) and world.now >= item["expiresAt"]:
            order = world.tx.get(KIND, order_id)
            if order is None:
                world.tx.delete(OPEN_KIND, order_id)
                continue
            refresh(world, order)
            expired.append(order_id)
    return expired


def _open(world: World, order: dict) -> None:
    refresh(world, order)
    if order["status"] in FINAL:
        raise DomainError("admin_conflict", detail=f"order {order['orderId']} is already {order['status']}")


def _mode(payment_mode: str | None) -> str:
    mode = payment_mode or "UPI"
    if mode not in PAYMENT_MODES:
        raise DomainError("admin_bad_request", detail=f"paymentMode must be one of {', '.join(PAYMENT_MODES)}")
    return mode


def _refusal(world: World, order: dict, wallet: dict | None) -> str | None:
    if wallet is None:
        return "Wallet no longer exists"
    if wallet["kycStatus"] == "PENDING" or not wallet["latestTncVersionAccepted"]:
        return "Wallet is not usable: minimum KYC and the latest T&C are required"
    breach = load_refusal(world, wallet, order["amountPaise"])
    return f"Amount exceeds the wallet's {breach} limit for its KYC level" if breach else None


def pay(world: World, order: dict, payment_mode: str | None = None) -> dict:
    """The payer pays: the wallet is credited once, in this transaction, or the payment fails on a limit."""
    mode = _mode(payment_mode)
    _open(world, order)
    wallet = world.tx.get("wallet", order["enKashCardId"])
    refused = _refusal(world, order, wallet)
    if refused or wallet is None:
        return _close(world, order, "FAILED", _attempt(world, "FAILED", mode, refused or "Wallet no longer exists"))
    account = world.tx.get("card_account", wallet["cardAccountId"])
    amount = order["amountPaise"]
    if account is not None:
        account["fundedPaise"] = account.get("fundedPaise", 0) + amount
        world.tx.put("card_account", account["cardAccountId"], account)
    periods = period_keys(world.now, world.config.funds_timezone)
    counters = wallet.setdefault("usage", {})
    add_usage(counters, "load", periods["month"], amount)
    add_usage(counters, "loadYear", periods["year"], amount)
    credit = ledger.post(world.tx, "wallet", wallet, wallet["enKashCardId"], "CR", amount, world.now,
                         type=ADD_MONEY_TYPE, reference=order["uniqueTransactionId"], orderId=order["orderId"],
                         description=f"Add money by payment gateway ({mode})", remarks=order.get("remarks"))
    order["enkashCardTxnId"] = credit["id"]
    return _close(world, order, "PAID", _attempt(world, "SUCCESS", mode, "Transaction successful", True))


def fail(world: World, order: dict, payment_mode: str | None = None, reason: str | None = None) -> dict:
    """The payer's bank declines: the order FAILS and nothing is credited."""
    mode = _mode(payment_mode)
    _open(world, order)
    return _close(world, order, "FAILED", _attempt(world, "FAILED", mode, reason or "Transaction declined by bank"))


def abandon(world: World, order: dict, payment_mode: str | None = None) -> dict:
    """The payer leaves the page: the order is ATTEMPTED and still expires on the clock (no event yet)."""
    mode = _mode(payment_mode)
    _open(world, order)
    order["status"] = "ATTEMPTED"
    order["transactions"].append(_attempt(world, "CANCELLED", mode, "Payer left the payment page"))
    world.tx.put(KIND, order["orderId"], order)
    return order


def _last_mode(order: dict) -> str:
    return order["transactions"][-1]["paymentMode"] if order["transactions"] else "NA"
