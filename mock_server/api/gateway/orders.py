"""Add Money orders: created by the partner for a wallet and an amount, paid (or not) by the payer.

    order  pg_order/<orderId>       the order, its payment attempts and, once paid, its ledger credit
    open   pg_order_open/<orderId>  the small index of orders that can still be paid (what expiry scans)

Statuses are the PG checkout SDK's: CREATED → ATTEMPTED (the payer left the page) → PAID | FAILED |
EXPIRED (nobody paid within `gateway_order_ttl_seconds` of the session's clock). The limits are checked
when the order is created and again when it is paid (a balance may have grown meanwhile).
"""

from __future__ import annotations

from ...kernel.clock import to_iso
from ...kernel.errors import DomainError
from ...kernel.ids import new_id
from ...kernel.world import World
from ..funds.limits import load_breach
from ..funds.money import rupees
from ..funds.periods import period_keys
from ..funds.wallet_money import ensure_usable, find_wallet_for_money, tier
from . import references

__all__ = ["FINAL", "KIND", "OPEN_KIND", "create_order", "find_order", "load_refusal", "order_view", "orders_of"]

KIND = "pg_order"
OPEN_KIND = "pg_order_open"
FINAL = ("PAID", "FAILED", "EXPIRED")


def load_refusal(world: World, wallet: dict, amount: int) -> str | None:
    """The limit a credit of `amount` would break, or None (the KYC tier's load limits)."""
    periods = period_keys(world.now, world.config.funds_timezone)
    return load_breach(world.config.wallet_limits, tier(wallet), wallet.get("balancePaise", 0),
                       wallet.get("usage", {}), periods, amount)


def create_order(world: World, partner: dict, request: dict, amount: int, page_url) -> dict:
    """A new order (or, for a retried uniqueTransactionId, the first answer); `page_url(orderId)` links the page."""
    reference = request["uniqueTransactionId"]
    print_ = references.fingerprint(request, amount)
    replay = references.recall(world, "pgorder", partner["partnerId"], reference, print_)
    if replay is not None:
        return replay
    wallet = find_wallet_for_money(world, partner, request["enKashCardId"], request["cardAccountId"],
                                   request["companyId"])
    ensure_usable(wallet)
    breach = load_refusal(world, wallet, amount)
    if breach:
        raise DomainError("load_limit_exceeded", limit=breach)
    order_id = new_id("EKORD", 9, lambda candidate: world.tx.get(KIND, candidate) is not None)
    record = {
        "orderId": order_id, "partnerId": partner["partnerId"], "companyId": wallet["companyId"],
        "cardAccountId": wallet["cardAccountId"], "enKashCardId": wallet["enKashCardId"],
        "uniqueTransactionId": reference, "amountPaise": amount, "remarks": request.get("remarks"),
        "status": "CREATED", "createdAt": world.now, "expiresAt": world.now + world.config.gateway_order_ttl_seconds,
        "transactions": [], "enkashCardTxnId": None, "paymentUrl": page_url(order_id),
    }
    world.tx.put(KIND, order_id, record)
    world.tx.put(OPEN_KIND, order_id, {"partnerId": partner["partnerId"], "expiresAt": record["expiresAt"]})
    result = order_view(record)
    references.remember(world, "pgorder", partner["partnerId"], reference, print_, result)
    return result


def find_order(world: World, partner_id: str | None, order_id: str) -> dict:
    """The order; another partner's reads exactly like a missing one (`partner_id` None: any, for admins)."""
    record = world.tx.get(KIND, order_id)
    if record is None or (partner_id is not None and record["partnerId"] != partner_id):
        raise DomainError("order_not_found")
    return record


def orders_of(world: World, partner_id: str | None = None) -> list[dict]:
    found = [record for _, record in world.tx.items(KIND) if partner_id in (None, record["partnerId"])]
    return sorted(found, key=lambda record: (record["createdAt"], record["orderId"]))


def _transaction_view(item: dict) -> dict:
    return {"transactionId": item["transactionId"], "transactionStatus": item["status"],
            "paymentMode": item["paymentMode"], "txnMsg": item["txnMsg"], "txnDate": to_iso(item["at"]),
            "bankTransactionId": item.get("bankTransactionId")}


def order_view(record: dict) -> dict:
    return {
        "orderId": record["orderId"], "uniqueTransactionId": record["uniqueTransactionId"],
        "enKashCardId": record["enKashCardId"], "cardAccountId": record["cardAccountId"],
        "amount": rupees(record["amountPaise"]), "currency": "INR", "orderStatus": record["status"],
        "paymentUrl": record["paymentUrl"], "createdOn": to_iso(record["createdAt"]),
        "expiresAt": to_iso(record["expiresAt"]), "enkashCardTxnId": record["enkashCardTxnId"],
        "transactions": [_transaction_view(item) for item in record["transactions"]],
    }
