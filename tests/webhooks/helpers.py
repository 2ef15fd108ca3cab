"""Shared by the webhook tests: quick settings, admin shortcuts and the spec's payload check."""

from __future__ import annotations

import time

from mock_server.config import DEFAULT_SPEC_PATH
from mock_server.webhooks.payloads import payload_problems

DEMO_PARTNER = "CRM338L2H"
OTHER_PARTNER = "CRQ7TEST2"
# Quick to run: short timeouts, fast polling, a first retry 10 s later on the mock's clock.
FAST = {"webhook_poll_ms": 10, "webhook_timeout_ms": 400, "webhook_backoff_seconds": 10,
        "webhook_max_attempts": 4}
FROZEN = "2026-11-25T11:00:00+05:30"


def register(client, url: str, partner: str = DEMO_PARTNER, expect: int = 201, **fields) -> dict:
    response = client.post("/__admin/webhooks/endpoints", json={"partnerId": partner, "webhookUrl": url, **fields})
    assert response.status_code == expect, response.json
    return response.json


def emit(client, event_type: str = "CARD_TRANSACTION", partner: str = DEMO_PARTNER, **fields) -> dict:
    response = client.post("/__admin/webhooks/events", json={"eventType": event_type, "partnerId": partner, **fields})
    assert response.status_code == 201, response.json
    return response.json


def deliveries(client, **filters) -> list[dict]:
    return client.get("/__admin/webhooks/deliveries", query_string=filters).json["deliveries"]


def wait_for(client, predicate, timeout: float = 5.0, what: str = "deliveries") -> list[dict]:
    """Poll the delivery log until `predicate(log)` holds."""
    deadline = time.monotonic() + timeout
    while True:
        log = deliveries(client)
        if predicate(log):
            return log
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}: {log}")
        time.sleep(0.01)


def attempts_of(client, delivery_id: str) -> list[dict]:
    return client.get(f"/__admin/webhooks/deliveries/{delivery_id}").json["attempts"]


def spec_problems(event_type: str, body) -> list[str]:
    return payload_problems(str(DEFAULT_SPEC_PATH), event_type, body)
