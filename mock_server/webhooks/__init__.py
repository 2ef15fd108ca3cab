"""Webhooks: events written to an outbox in the store, delivered by a background worker with retries.

For the code that moves money (one line, inside the request's transaction, next to the ledger entry):

    from mock_server.webhooks import emit
    emit(world, "CARD_TRANSACTION", payload, partner_id=wallet["partnerId"])

The event and one delivery per subscribed endpoint are written in `world`'s transaction, so an event
exists if and only if its ledger entry committed. Event types: PAYMENT_NOTIFY, CARD_TRANSACTION,
FUND_TRANSFER_STATUS, SETTLEMENT_STATUS (`EVENT_TYPES`); each body is described in openapi.yaml's
`webhooks` section and, in tests (validate_responses), checked against it at `emit`. Amounts may be
Decimal: they leave as exact JSON numbers.

Delivery: a JSON POST from a per-process worker thread (never a request thread), on a bounded pool,
with bounded timeouts; timeouts and non-2xx answers retried with exponential backoff on the session's
clock (advance the clock and what is due goes out); a unique event id per event
(X-Enkash-Event-Id) for de-duplication; optional HMAC-SHA256 signature (`signature`); URLs only to
allowed hosts (default loopback), checked at registration and before every attempt. Endpoints and the
delivery log: /__admin/webhooks (docs/webhooks.md). Servers call `start_worker(app)` in each serving
process; test handles call `stop_worker(app)`.
"""

from __future__ import annotations

from .events import EVENT_TYPES, EventType
from .outbox import emit
from .payloads import PayloadError, to_wire
from .runtime import install, start_worker, stop_worker, worker_of
from .signature import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify

__all__ = [
    "EVENT_TYPES",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "EventType",
    "PayloadError",
    "emit",
    "install",
    "sign",
    "start_worker",
    "stop_worker",
    "to_wire",
    "verify",
    "worker_of",
]
