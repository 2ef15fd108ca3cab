"""Planted violations of the webhook events, at the handler seam: a top-up's CARD_TRANSACTION event is
bent after the handler wrote it, in the same transaction (so the delivery carries the bent event)."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["EVENT_VIOLATIONS"]


def _top_up_events(call, result) -> list[tuple[str, dict]]:
    """The CARD_TRANSACTION events the top-up just wrote (its entry's id is in the answer)."""
    payload = result.get("payload") if isinstance(result, dict) else None
    entry_id = payload.get("enkashCardTxnId") if isinstance(payload, dict) else None
    if not entry_id:
        return []
    return [(event_id, event) for event_id, event in call.world.tx.items("webhook_event")
            if event["eventType"] == "CARD_TRANSACTION" and event["payload"].get("enKashCardTransactionId") == entry_id]


def _drop_balance(handler: Callable) -> Callable:
    """The card event goes out without `balance`, a key the public consumer indexes."""
    def dropping(call):
        result = handler(call)
        for event_id, event in _top_up_events(call, result):
            event["payload"].pop("balance", None)
            call.world.tx.put("webhook_event", event_id, event)
        return result
    return dropping


def _swallow_event(handler: Callable) -> Callable:
    """The top-up's card event, and its deliveries, are removed: the partner never hears of the credit."""
    def swallowing(call):
        result = handler(call)
        for event_id, _ in _top_up_events(call, result):
            for delivery_id, delivery in list(call.world.tx.items("webhook_delivery")):
                if delivery["eventId"] == event_id:
                    call.world.tx.delete("webhook_delivery", delivery_id)
                    call.world.tx.delete("webhook_pending", delivery_id)
            call.world.tx.delete("webhook_event", event_id)
        return result
    return swallowing


# fault -> (operations whose handler it wraps, the wrapper), merged into handlers.HANDLER_VIOLATIONS
EVENT_VIOLATIONS: dict[str, tuple[tuple[str, ...], Callable[[Callable], Callable]]] = {
    "card_event_drops_balance": (("topUpWallet",), _drop_balance),
    "top_up_emits_no_event": (("topUpWallet",), _swallow_event),
}
