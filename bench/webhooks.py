"""Webhook delivery figures: events/s delivered to a local receiver, and latency from emit to receipt.

    .venv/bin/python bench/webhooks.py [--source ledger|emit] [--events 500] [--rate 0]
                                       [--store sqlite|memory] [--senders 4]

`--source ledger` (the default) drives real ledger changes: top-ups through the request pipeline
in-process (Flask's test client: routing, auth, validation, handler, one store transaction), each of
which writes its CARD_TRANSACTION event; the latency of an event runs from the top-up's answer (its
transaction committed) to the receiver having the body, matched by the entry id. `--source emit` emits
the spec's example event in a bare write transaction (the phase-1 figure, without the request's cost).

`--rate 0` goes as fast as it can (throughput; latency then is mostly queueing); `--rate 50` paces
the changes at 50 per second (latency of a mock that keeps up). Prints JSON. `make bench` runs
`ledger_delivery()` (bench/run.py).
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
from mock_server.webhooks import emit, start_worker, stop_worker
from mock_server.webhooks.payloads import sample_payload

_PARTNER = {"partnerId": "CRM338L2H", "companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975"}
_WALLET = "EKCWLUAADN"  # the seed's funded minimum-KYC wallet: 1.00 a top-up stays inside its limits
_LOGIN = {"username": "6001020040", "password": "Test@1234567", "clientId": "CEKHZH0UHW", "grant_type": "password"}


def _top_up_driver(client):
    token = client.post("/oauth/token", data=_LOGIN, headers={"Authorization": "Basic Og=="}).json["access_token"]
    headers = {"Authorization": f"Bearer {token}", "partnerId": _PARTNER["partnerId"]}
    body = {"companyId": _PARTNER["companyId"], "cardAccountId": _PARTNER["cardAccountId"], "enKashCardId": _WALLET,
            "amount": "1.00", "transactionType": "CR"}

    def top_up(index: int) -> str:
        reply = client.post("/api/v0/partner/enKashCard/balance", headers=headers,
                            json={**body, "uniqueReferenceNumber": f"bench-webhooks-{index}"}).json
        if reply["response_code"] != 0:
            raise RuntimeError(f"top-up {index} refused: {reply}")
        return reply["payload"]["enkashCardTxnId"]

    return top_up


def run(events: int, rate: float, store: str, senders: int, poll_ms: int, source: str = "ledger") -> dict:
    if source == "ledger":
        return run_ledger(events, rate, store, senders, poll_ms)
    return run_emit(events, rate, store, senders, poll_ms)


def run_ledger(events: int, rate: float, store: str, senders: int, poll_ms: int) -> dict:
    with tempfile.TemporaryDirectory() as directory, WebhookReceiver() as receiver:
        app = _subscribed_app(Path(directory), store, senders, poll_ms, receiver)
        client = app.test_client()
        top_up = _top_up_driver(client)
        committed: dict[str, float] = {}
        started = time.perf_counter()
        for index in range(events):
            if rate:
                time.sleep(max(0.0, started + index / rate - time.perf_counter()))
            committed[top_up(index)] = time.time()
        emitted = time.perf_counter() - started
        received = receiver.wait(events, timeout=120)
        elapsed = time.perf_counter() - started
        stop_worker(app)
    latencies = sorted((item.received_at - committed[item.json["enKashCardTransactionId"]]) * 1000
                       for item in received)
    return {"source": "ledger (top-ups through the request pipeline)", **_figures(
        events, rate, store, senders, poll_ms, emitted, elapsed, latencies)}


def _subscribed_app(directory: Path, store: str, senders: int, poll_ms: int, receiver: WebhookReceiver):
    """A mock on `store` whose demo partner sends CARD_TRANSACTION to `receiver` (its worker started)."""
    url = f"sqlite:{directory / 'state.db'}" if store == "sqlite" else "memory"
    app = create_app(load_config(store=url), webhook_senders=senders, webhook_poll_ms=poll_ms)
    app.test_client().post("/__admin/webhooks/endpoints", json={
        "partnerId": _PARTNER["partnerId"], "webhookUrl": receiver.url, "events": ["CARD_TRANSACTION"]})
    return app


def _figures(events, rate, store, senders, poll_ms, emitted, elapsed, latencies) -> dict:
    return {"events": events, "rate": rate or "max", "store": store, "senders": senders, "poll_ms": poll_ms,
            "emit_per_s": round(events / emitted), "delivered_per_s": round(events / elapsed),
            "latency_p50_ms": round(statistics.median(latencies), 1),
            "latency_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1),
            "latency_max_ms": round(latencies[-1], 1)}


def drain_ledger(events: int, store: str, senders: int, poll_ms: int) -> dict:
    """Delivery throughput alone: `events` top-ups queue their events with no worker running, then one
    starts and the time to deliver them all is measured (the top-ups' own cost left out)."""
    with tempfile.TemporaryDirectory() as directory, WebhookReceiver() as receiver:
        app = _subscribed_app(Path(directory), store, senders, poll_ms, receiver)
        client = app.test_client()
        stop_worker(app)  # registering started it: the events queue up instead
        top_up = _top_up_driver(client)
        for index in range(events):
            top_up(index)
        started = time.perf_counter()
        start_worker(app)
        receiver.wait(events, timeout=120)
        elapsed = time.perf_counter() - started
        stop_worker(app)
    return {"source": "ledger, queued then drained", "events": events, "store": store, "senders": senders,
            "delivered_per_s": round(events / elapsed)}


def ledger_delivery(events: int = 300) -> dict:
    """`make bench`: ledger-driven delivery: throughput (a queue of top-ups' events drained), a burst of
    top-ups, and top-ups paced at 50/s (latency from the top-up's answer to the receiver)."""
    return {"drain": drain_ledger(events, "sqlite", 4, 50), "burst": run_ledger(events, 0, "sqlite", 4, 50),
            "paced_50_per_s": run_ledger(events, 50, "sqlite", 4, 50)}


def run_emit(events: int, rate: float, store: str, senders: int, poll_ms: int) -> dict:
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
    return {"source": "emit (bare write transactions)", **_figures(
        events, rate, store, senders, poll_ms, emitted, elapsed, latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--rate", type=float, default=0.0, help="emits per second; 0 = as fast as possible")
    parser.add_argument("--store", choices=("sqlite", "memory"), default="sqlite")
    parser.add_argument("--senders", type=int, default=4)
    parser.add_argument("--poll-ms", type=int, default=50)
    parser.add_argument("--source", choices=("ledger", "emit", "drain"), default="ledger",
                        help="drain: queue the top-ups' events first, then time their delivery alone")
    args = parser.parse_args()
    if args.source == "drain":
        print(json.dumps(drain_ledger(args.events, args.store, args.senders, args.poll_ms)))
        return
    print(json.dumps(run(args.events, args.rate, args.store, args.senders, args.poll_ms, args.source)))


if __name__ == "__main__":
    main()
