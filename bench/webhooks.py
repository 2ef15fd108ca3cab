"""Webhook delivery figures: events/s delivered to a local receiver, and latency from emit to receipt.

    .venv/bin/python bench/webhooks.py [--events 500] [--rate 0] [--store sqlite|memory] [--senders 4]

`--rate 0` emits as fast as it can (throughput, latency then is mostly queueing); `--rate 50` paces the
emits at 50 per second (latency of a mock that keeps up).

Each event is emitted inside its own store write transaction, as a ledger change will emit it; the
latency of an event runs from that transaction's commit to the receiver having the body. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from mock_server import create_app, load_config
from mock_server.testing import WebhookReceiver
from mock_server.webhooks import emit, stop_worker
from mock_server.webhooks.payloads import sample_payload


def run(events: int, rate: float, store: str, senders: int, poll_ms: int) -> dict:
    with tempfile.TemporaryDirectory() as directory, WebhookReceiver() as receiver:
        url = f"sqlite:{Path(directory) / 'state.db'}" if store == "sqlite" else "memory"
        app = create_app(load_config(store=url), webhook_senders=senders, webhook_poll_ms=poll_ms)
        state = app.extensions["enkash"]
        client = app.test_client()
        client.post("/__admin/webhooks/endpoints", json={"partnerId": "CRM338L2H", "webhookUrl": receiver.url})
        payload = sample_payload(state.config.spec_path, "CARD_TRANSACTION")
        committed: dict[str, float] = {}
        started = time.perf_counter()
        for index in range(events):
            if rate:
                time.sleep(max(0.0, started + index / rate - time.perf_counter()))
            with state.world("default") as world:
                event_id = emit(world, "CARD_TRANSACTION", payload, partner_id="CRM338L2H")
            committed[event_id] = time.time()
        emitted = time.perf_counter() - started
        received = receiver.wait(events, timeout=120)
        elapsed = time.perf_counter() - started
        stop_worker(app)
    latencies = sorted((item.received_at - committed[item.event_id]) * 1000 for item in received)
    return {"events": events, "rate": rate or "max", "store": store, "senders": senders, "poll_ms": poll_ms,
            "emit_per_s": round(events / emitted), "delivered_per_s": round(events / elapsed),
            "latency_p50_ms": round(statistics.median(latencies), 1),
            "latency_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1),
            "latency_max_ms": round(latencies[-1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--rate", type=float, default=0.0, help="emits per second; 0 = as fast as possible")
    parser.add_argument("--store", choices=("sqlite", "memory"), default="sqlite")
    parser.add_argument("--senders", type=int, default=4)
    parser.add_argument("--poll-ms", type=int, default=50)
    args = parser.parse_args()
    print(json.dumps(run(args.events, args.rate, args.store, args.senders, args.poll_ms)))


if __name__ == "__main__":
    main()
