"""The event types a partner can subscribe to, each tied to its payload schema in openapi.yaml's `webhooks`.

Names follow the payout product's webhook configuration (upper-case event names, e.g. PAYOUT_SUCCESS);
the wallet's own names are not documented, so all four are inferred.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EVENT_TYPES", "EventType", "event_type"]


@dataclass(frozen=True)
class EventType:
    name: str  # what a partner subscribes to and what the X-Enkash-Event-Type header carries
    webhook: str  # the key under openapi.yaml's `webhooks` that describes the body
    about: str


EVENT_TYPES: dict[str, EventType] = {
    event.name: event
    for event in (
        EventType("PAYMENT_NOTIFY", "paymentNotify", "an Add Money (payment gateway) order was paid or failed"),
        EventType("CARD_TRANSACTION", "cardTransaction", "a credit or debit on a wallet"),
        EventType("FUND_TRANSFER_STATUS", "fundTransferStatus", "a bank transfer changed status"),
        EventType("SETTLEMENT_STATUS", "settlementStatus", "a merchant transaction's settlement changed status"),
    )
}


def event_type(name: str) -> EventType:
    try:
        return EVENT_TYPES[name]
    except KeyError:
        raise KeyError(f"unknown webhook event type {name!r}; known: {', '.join(EVENT_TYPES)}") from None
