"""Hardening for the events the ledger and the settlement clock emit (the phase-1 hardening tests drive
the admin API's test events): money requests that emit never wait on a receiver, their deliveries
survive a restart (SQLite, PostgreSQL), and no OTP or token reaches the delivery log."""

from __future__ import annotations

import json
import time
from contextlib import ExitStack, contextmanager

import httpx
import pytest

from mock_server import create_app, load_config
from mock_server.testing.live import LiveServer
from mock_server.webhooks import stop_worker
from tests.mock.funds_helpers import debit, top_up
from tests.mock.helpers import DEMO, EMPTY_BASIC, Partner

from ..postgres_support import fresh_schema
from .helpers import FAST, deliveries, register, wait_for

BODY = {"companyId": DEMO["companyId"], "cardAccountId": DEMO["cardAccountId"], "enKashCardId": "EKCWLUAADN",
        "transactionType": "CR"}


def _login(http: httpx.Client) -> dict:
    form = {k: DEMO[k] for k in ("username", "password", "clientId")} | {"grant_type": "password"}
    token = http.post("/oauth/token", data=form, headers=EMPTY_BASIC).json()["access_token"]
    return {"Authorization": f"Bearer {token}", "partnerId": DEMO["partnerId"]}


def test_top_ups_that_emit_do_not_wait_for_hanging_resetting_or_failing_receivers(make_app, receivers):
    app = make_app(webhook_timeout_ms=1000, webhook_senders=2, webhook_backoff_seconds=0, webhook_max_attempts=1000)
    bad = [receivers(["hang"] * 100), receivers(["reset"] * 100), receivers([500] * 1000)]
    server = LiveServer(app)
    try:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            for receiver in bad:
                assert http.post("/__admin/webhooks/endpoints", json={"partnerId": DEMO["partnerId"],
                                                                      "webhookUrl": receiver.url}).status_code == 201
            headers, latencies = _login(http), []
            for number in range(30):
                started = time.perf_counter()
                reply = http.post("/api/v0/partner/enKashCard/balance", headers=headers,
                                  json={**BODY, "amount": "1.00", "uniqueReferenceNumber": f"hardening-{number}"})
                latencies.append(time.perf_counter() - started)
                assert reply.json()["response_code"] == 0
            log = http.get("/__admin/webhooks/deliveries").json()["deliveries"]
            deadline = time.monotonic() + 10  # the worker did reach each bad receiver meanwhile
            while not all(receiver.requests for receiver in bad) and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        stop_worker(app)
        server.stop()
    assert max(latencies) < 0.5, f"slowest top-up took {max(latencies):.3f} s"
    assert len(log) == 30 * 3  # every top-up's event, to each endpoint, queued in its own transaction
    assert all(receiver.requests >= 1 for receiver in bad)


@contextmanager
def _store(kind: str, tmp_path):
    if kind == "sqlite":
        yield f"sqlite:{tmp_path / 'state.db'}"
    else:
        with fresh_schema() as url:
            yield url


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_ledger_and_settlement_events_survive_a_restart(kind, tmp_path, receivers):
    receiver = receivers()
    with ExitStack() as stack:
        store = stack.enter_context(_store(kind, tmp_path))
        first = create_app(load_config(store=store), **FAST)
        client = first.test_client()
        client.put("/__admin/clock", json={"now": "2026-11-27T12:00:00+05:30"})
        register(client, receiver.url, events=["CARD_TRANSACTION", "SETTLEMENT_STATUS"])
        stop_worker(first)  # the process "dies" before its worker sends anything
        demo = Partner(client, DEMO)
        paid = top_up(demo, "3.00").json["payload"]
        assert debit(demo, "1.00", unique_id="restart-1").json["response_code"] == 0
        client.post("/__admin/clock/advance", json={"seconds": 3600})  # APPROVED became due while down
        assert {d["status"] for d in deliveries(client)} == {"PENDING"} and receiver.requests == 0
        first.extensions["enkash"].store.close()

        second = create_app(load_config(store=store), **FAST)
        try:
            again = second.test_client()
            again.get("/__admin/health")  # a restarted process finds the work on its first request
            received = receiver.wait(4)  # top-up, debit, PENDING, APPROVED
            wait_for(again, lambda log: len(log) == 4 and all(d["status"] == "DELIVERED" for d in log))
        finally:
            stop_worker(second)
            second.extensions["enkash"].store.close()
    card = [r.json for r in received if r.headers["x-enkash-event-type"] == "CARD_TRANSACTION"]
    assert paid["enkashCardTxnId"] in {body["enKashCardTransactionId"] for body in card}
    settled = [r.json["settlementStatus"] for r in received if r.headers["x-enkash-event-type"] == "SETTLEMENT_STATUS"]
    assert sorted(settled) == ["APPROVED", "PENDING"]


def test_no_otp_or_token_of_a_payment_reaches_the_delivery_log(client, receivers):
    receiver = receivers()
    register(client, receiver.url)
    demo = Partner(client, DEMO)
    reference = demo.send_otp("EKCWLUAADN")
    otp = demo.otp_of(reference, "EKCWLUAADN")
    assert debit(demo, "2.00", otp=otp, reference=reference, unique_id="secret-check").json["response_code"] == 0
    receiver.wait(2)  # the card debit and its settlement PENDING
    wait_for(client, lambda log: len(log) == 2 and all(d["status"] == "DELIVERED" for d in log))
    texts = [json.dumps(deliveries(client)), client.get("/__admin/webhooks/events").get_data(as_text=True),
             *(r.body.decode() for r in receiver.received)]
    for text in texts:
        for secret in (otp, demo.token, DEMO["password"]):
            assert secret not in text
