"""CARD_TRANSACTION: the webhook every credit and debit on a wallet sends, written by the ledger itself.

`ledger.post()` calls `announce()` for each wallet entry, in the same store transaction, so a flow that
moves money (top-up, merchant debit, refund, and whatever posts to the ledger next) gets its event
without code of its own, and an event exists if and only if its entry committed.

The body is the 22 + 11 keys a public consumer of Enkash's card-transaction webhook indexes
(openapi.yaml `cardTransaction`). Inferred, and documented in docs/webhooks.md:
- only wallet entries are card transactions; the card account's and the merchant's legs of the same
  money (a top-up's DR on CAC7975, a payment's CR on the merchant) send nothing;
- `enKashCardTransactionId` and `txnDetails.txnRefNo` are the entry's id (what `transaction/all` shows),
  `txnDetails.id` its 1-based position in the wallet's ledger (the consumer reads it as a number);
- `principalAmount` = `fcyAmount` (INR only), `balance` the wallet's balance after the entry;
- `merchantName` the merchant's name for a payment or its refund, else null; `channel` "API";
  card-network fields (`mcc`, `network`, `retrievalRefNo`, `traceNo`, `cardKitNumber`) null: a wallet
  has no card network; `transactionFees` 0;
- `companyName` the card account's, else the partner's company id (the schema wants a string).
The seed's opening balances are state to start from, not something that happened: they post with
`announce=False` and have no event.
"""

from __future__ import annotations

from decimal import Decimal

from ...kernel.clock import to_iso
from ...store import Transaction

__all__ = ["EVENT", "announce", "card_transaction_payload"]

EVENT = "CARD_TRANSACTION"


def _amount(paise: int) -> Decimal:
    return Decimal(paise).scaleb(-2)


def _holder_name(wallet: dict) -> str:
    holder = wallet.get("holder") or {}
    name = " ".join(part for part in (holder.get("firstName"), holder.get("lastName")) if part)
    return name or wallet["enKashCardId"]


def _company_name(tx: Transaction, wallet: dict) -> str:
    account = tx.get("card_account", wallet["cardAccountId"]) or {}
    return account.get("companyName") or wallet["companyId"]


def _merchant_name(tx: Transaction, entry: dict) -> str | None:
    merchant_id = entry.get("merchantDetailId")
    merchant = tx.get("merchant", merchant_id) if merchant_id else None
    return merchant.get("name") if merchant else None


def card_transaction_payload(tx: Transaction, entry: dict, wallet: dict) -> dict:
    """The event body of one wallet entry (amounts as Decimal; `to_wire` puts them on the wire)."""
    instant = to_iso(entry["at"])
    kind = entry.get("type") or ("LOAD_MONEY" if entry["direction"] == "CR" else "DEBIT")
    return {
        "enKashCardTransactionId": entry["id"],
        "maskedCard": f"XXXX XXXX XXXX {wallet['last4']}",
        "enkashCardId": wallet["enKashCardId"],
        "userId": wallet["userId"],
        "cardKitNumber": None,
        "cardHolderName": _holder_name(wallet),
        "companyName": _company_name(tx, wallet),
        "companyId": wallet["companyId"],
        "principalAmount": _amount(entry["amountPaise"]),
        "fcyAmount": _amount(entry["amountPaise"]),
        "balance": _amount(entry["balancePaise"]),
        "pgReferenceNumber": entry.get("reference"),
        "description": entry.get("description"),
        "currency": "INR",
        "fcyCurrency": "INR",
        "cardTransactionType": entry["direction"],
        "status": entry["status"],
        "type": kind,
        "createdOn": instant,
        "txnDate": instant,
        "modifiedOn": instant,
        "txnDetails": {
            "id": entry["seq"] + 1,
            "txnRefNo": entry["id"],
            "merchantName": _merchant_name(tx, entry),
            "transactionType": kind,
            "mcc": None,
            "channel": "API",
            "retrievalRefNo": None,
            "traceNo": None,
            "txnCurrency": "INR",
            "network": None,
            "transactionFees": 0,
        },
    }


def announce(tx: Transaction, entry: dict, wallet: dict) -> str | None:
    """Write the entry's CARD_TRANSACTION event (and its deliveries) in `tx`; returns the event id.

    A bare balance holder with no partner (the ledger's own unit tests post to one) has nobody to tell."""
    if "partnerId" not in wallet:
        return None
    # imported late: the webhooks package imports the state, which imports the seed, which posts to the ledger
    from ...webhooks.outbox import record_event
    from ...webhooks.payloads import to_wire

    body = to_wire(card_transaction_payload(tx, entry, wallet))
    return record_event(tx, entry["at"], EVENT, body, partner_id=wallet["partnerId"])
