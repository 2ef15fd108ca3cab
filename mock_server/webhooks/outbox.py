"""The outbox: events and their deliveries as store documents, written in the caller's transaction.

    event     webhook_event/<eventId>        what happened (type, partner, payload, when)
    delivery  webhook_delivery/<deliveryId>  one event to one endpoint: status and every attempt
    pending   webhook_pending/<deliveryId>   the small index a worker scans: when due, who holds it

An event exists if and only if the transaction that emitted it committed. A worker claims a due
delivery in a write transaction (status IN_FLIGHT with a lease in real time), so with several worker
processes exactly one sends each attempt; a lease that runs out (the process died) frees it again.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

from ..kernel.clock import to_iso
from ..kernel.ids import new_id
from ..kernel.world import World
from ..simulation.redaction import redact_text, redact_value
from ..store import Transaction
from .backoff import RetryPolicy
from .endpoints import endpoints_for
from .events import event_type
from .payloads import PayloadError, payload_problems, to_wire

__all__ = ["claim", "delivery_view", "due_deliveries", "emit", "record_attempt", "record_event", "redeliver",
           "take_recorded"]

PENDING, IN_FLIGHT, DELIVERED, FAILED = "PENDING", "IN_FLIGHT", "DELIVERED", "FAILED"
_EXCERPT = 512  # characters of a receiver's answer kept in the delivery log
# Set when this thread's request recorded a delivery: only then is the worker woken at the request's end
# (waking it after every POST made it scan every session on every call, a fifth of a loaded worker's time).
_RECORDED: ContextVar[bool] = ContextVar("enkash_delivery_recorded", default=False)


def take_recorded() -> bool:
    """Whether a delivery was recorded in this context since the last call; resets the mark."""
    recorded = _RECORDED.get()
    if recorded:
        _RECORDED.set(False)
    return recorded


def emit(world: World, event_name: str, payload: dict, *, partner_id: str, strict: bool | None = None) -> str:
    """Record an event and one pending delivery per subscribed endpoint, in `world`'s transaction.

    Returns the event id (also sent as X-Enkash-Event-Id). `strict` (default: the mock's
    validate_responses, on in tests) refuses a payload that breaks openapi.yaml's schema.
    """
    event_type(event_name)
    body = to_wire(payload)
    if world.config.validate_responses if strict is None else strict:
        problems = payload_problems(world.config.spec_path, event_name, body)
        if problems:
            raise PayloadError(f"{event_name} payload breaks openapi.yaml: " + "; ".join(problems))
    return record_event(world.tx, world.now, event_name, body, partner_id=partner_id)


def record_event(tx: Transaction, now: float, event_name: str, body: dict, *, partner_id: str) -> str:
    """The outbox write of `emit`, for code that holds a transaction but no World (the ledger): the
    caller has put `body` on the wire (`to_wire`) and answers for it matching its schema."""
    event_id = new_id("EVT", 17, lambda candidate: tx.get("webhook_event", candidate) is not None)
    # Events of one instant keep the order they were emitted in (a settlement forced twice in a frozen second).
    sequence = (tx.get("webhook_event_seq", "last") or {"seq": 0})["seq"] + 1
    tx.put("webhook_event_seq", "last", {"seq": sequence})
    tx.put("webhook_event", event_id, {"eventId": event_id, "eventType": event_name, "partnerId": partner_id,
                                       "createdAt": now, "createdRealAt": time.time(), "seq": sequence,
                                       "payload": body})
    for endpoint in endpoints_for(tx, partner_id, event_name):
        delivery_id = new_id("DLV", 17, lambda candidate: tx.get("webhook_delivery", candidate) is not None)
        tx.put("webhook_delivery", delivery_id, {
            "deliveryId": delivery_id, "eventId": event_id, "eventType": event_name,
            "endpointId": endpoint["endpointId"], "partnerId": partner_id, "webhookUrl": endpoint["webhookUrl"],
            "status": PENDING, "attempts": [], "roundStart": 0, "nextAttemptAt": now, "createdAt": now,
        })
        tx.put("webhook_pending", delivery_id, {"nextAttemptAt": now, "leaseUntil": None})
        _RECORDED.set(True)
    return event_id


def due_deliveries(tx: Transaction, clock_now: float, real_now: float) -> list[str]:
    """Deliveries due on the session's clock and held by nobody (or by a lease that ran out), the longest
    due first: a receiver that fails at once (retried with no backoff) cannot starve the others."""
    due = []
    for delivery_id, pending in tx.items("webhook_pending"):
        lease = pending.get("leaseUntil")
        if pending["nextAttemptAt"] <= clock_now and (lease is None or lease < real_now):
            due.append((pending["nextAttemptAt"], delivery_id))
    return [delivery_id for _, delivery_id in sorted(due)]


def claim(tx: Transaction, delivery_id: str, clock_now: float, real_now: float, lease_seconds: float,
          claimant: str) -> dict | None:
    """Take a due delivery for one attempt; None if another worker got there first."""
    pending = tx.get("webhook_pending", delivery_id)
    if pending is None or pending["nextAttemptAt"] > clock_now:
        return None
    if pending.get("leaseUntil") is not None and pending["leaseUntil"] >= real_now:
        return None
    delivery = tx.get("webhook_delivery", delivery_id)
    if delivery is None:
        tx.delete("webhook_pending", delivery_id)
        return None
    tx.put("webhook_pending", delivery_id, {**pending, "leaseUntil": real_now + lease_seconds, "claimant": claimant})
    delivery["status"] = IN_FLIGHT
    tx.put("webhook_delivery", delivery_id, delivery)
    return delivery


def record_attempt(tx: Transaction, delivery_id: str, attempt: dict, policy: RetryPolicy, clock_now: float) -> dict:
    """Log an attempt; then delivered, scheduled again with backoff, or failed for good."""
    delivery = tx.get("webhook_delivery", delivery_id)
    if delivery is None:  # the session was reset while the attempt was under way
        tx.delete("webhook_pending", delivery_id)
        return {}
    attempt = {**attempt, "attempt": len(delivery["attempts"]) + 1, "at": to_iso(clock_now)}
    if attempt.get("excerpt"):
        attempt["excerpt"] = _masked_excerpt(attempt["excerpt"])
    delivery["attempts"].append(attempt)
    failures = len(delivery["attempts"]) - delivery.get("roundStart", 0)
    delay = None if attempt["ok"] else policy.delay_after(failures)
    if attempt["ok"] or delay is None:
        delivery["status"], delivery["nextAttemptAt"] = (DELIVERED if attempt["ok"] else FAILED), None
        tx.delete("webhook_pending", delivery_id)
    else:
        delivery["status"], delivery["nextAttemptAt"] = PENDING, clock_now + delay
        tx.put("webhook_pending", delivery_id, {"nextAttemptAt": clock_now + delay, "leaseUntil": None})
    tx.put("webhook_delivery", delivery_id, delivery)
    return delivery


def redeliver(tx: Transaction, delivery_id: str, clock_now: float) -> dict | None:
    """Send again now, with a fresh attempt budget; the earlier attempts stay in the log."""
    delivery = tx.get("webhook_delivery", delivery_id)
    if delivery is None:
        return None
    if delivery["status"] == IN_FLIGHT:
        return delivery  # an attempt is under way: its outcome decides what comes next
    delivery.update(status=PENDING, nextAttemptAt=clock_now, roundStart=len(delivery["attempts"]))
    tx.put("webhook_delivery", delivery_id, delivery)
    tx.put("webhook_pending", delivery_id, {"nextAttemptAt": clock_now, "leaseUntil": None})
    return delivery


def delivery_view(delivery: dict, event: dict | None = None) -> dict[str, Any]:
    """The delivery log entry as the admin API and the inspector show it (no secret in it)."""
    view = {key: value for key, value in delivery.items() if key not in ("roundStart", "createdAt", "nextAttemptAt")}
    view["createdAt"] = to_iso(delivery["createdAt"])
    view["nextAttemptAt"] = to_iso(delivery["nextAttemptAt"]) if delivery.get("nextAttemptAt") is not None else None
    if event is not None:
        view["payload"] = redact_value(event["payload"])
    return view


def _masked_excerpt(text: str) -> str:
    cut = text[:_EXCERPT]
    return redact_text(cut, "application/json") if cut == text else redact_text(cut, None)
