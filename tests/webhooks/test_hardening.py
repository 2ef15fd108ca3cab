"""Receivers that misbehave never slow the API; pending deliveries survive restarts; exactly-once claims;
no secret in any log; webhooks only to allowed hosts."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from mock_server import create_app, load_config
from mock_server.testing import WebhookReceiver, enkash_respx
from mock_server.testing.live import LiveServer
from mock_server.webhooks import start_worker, stop_worker, worker_of

from ..mock.helpers import DEMO, EMPTY_BASIC
from .helpers import FAST, deliveries, register, wait_for
from .helpers import emit as emit_event


def _login(http: httpx.Client) -> dict:
    form = {k: DEMO[k] for k in ("username", "password", "clientId")} | {"grant_type": "password"}
    token = http.post("/oauth/token", data=form, headers=EMPTY_BASIC).json()["access_token"]
    return {"Authorization": f"Bearer {token}", "partnerId": DEMO["partnerId"]}


def test_hanging_resetting_and_failing_receivers_do_not_slow_the_api(make_app, receivers):
    app = make_app(webhook_timeout_ms=1000, webhook_senders=2, webhook_backoff_seconds=0, webhook_max_attempts=1000)
    hang, reset, failing = receivers(["hang"]), receivers(["reset"]), receivers([500])
    server = LiveServer(app)
    try:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            for receiver in (hang, reset, failing):
                assert http.post("/__admin/webhooks/endpoints", json={"partnerId": DEMO["partnerId"],
                                                                      "webhookUrl": receiver.url}).status_code == 201
            for _ in range(10):
                http.post("/__admin/webhooks/events", json={"eventType": "CARD_TRANSACTION",
                                                            "partnerId": DEMO["partnerId"]})
            headers = _login(http)
            body = {"companyId": DEMO["companyId"], "cardAccountId": DEMO["cardAccountId"],
                    "enKashCardId": "EKCWLUAADN"}
            latencies = []
            for _ in range(40):
                started = time.perf_counter()
                reply = http.post("/api/v0/partner/enKashCard/wallet-details", json=body, headers=headers)
                latencies.append(time.perf_counter() - started)
                assert reply.status_code == 200
            outcomes = _outcomes_when(http, {"timeout", "connection_error", "http_error"})
    finally:
        stop_worker(app)
        server.stop()
    assert max(latencies) < 0.5, f"slowest API request took {max(latencies):.3f} s"
    assert hang.requests >= 1 and reset.requests >= 1 and failing.requests >= 1
    assert {"timeout", "connection_error", "http_error"} <= outcomes


def _outcomes_when(http: httpx.Client, wanted: set[str], timeout: float = 5.0) -> set[str]:
    deadline = time.monotonic() + timeout
    while True:
        log = http.get("/__admin/webhooks/deliveries").json()["deliveries"]
        outcomes = {attempt["outcome"] for delivery in log for attempt in delivery["attempts"]}
        if wanted <= outcomes or time.monotonic() > deadline:
            return outcomes
        time.sleep(0.05)


def test_pending_deliveries_survive_a_restart(tmp_path, receivers):
    store = f"sqlite:{tmp_path / 'state.db'}"
    receiver = receivers()
    first = create_app(load_config(store=store), **FAST)
    client = first.test_client()
    register(client, receiver.url)
    stop_worker(first)  # the process "dies" before its worker sends anything
    emitted = emit_event(client)
    assert deliveries(client)[0]["status"] == "PENDING" and receiver.requests == 0
    first.extensions["enkash"].store.close()

    second = create_app(load_config(store=store), **FAST)
    try:
        second.test_client().get("/__admin/health")  # a restarted process finds the work on its first request
        [received] = receiver.wait(1)
    finally:
        stop_worker(second)
    assert received.event_id == emitted["eventId"]


def test_two_workers_on_one_store_send_each_delivery_once(tmp_path, receivers):
    store = f"sqlite:{tmp_path / 'state.db'}"
    receiver = receivers()
    # An attempt timed out by a loaded machine is retried (at-least-once), which is a second request too:
    # attempts get time enough here, so a second request can only come from the other worker.
    settings = {**FAST, "webhook_timeout_ms": 10_000}
    one, two = create_app(load_config(store=store), **settings), create_app(load_config(store=store), **settings)
    try:
        client = one.test_client()
        register(client, receiver.url)
        start_worker(two)
        emitted = {emit_event(client)["eventId"] for _ in range(30)}
        received = receiver.wait(30)
        wait_for(client, lambda log: all(d["status"] == "DELIVERED" for d in log))
        time.sleep(0.2)  # a duplicate, if any, would arrive now
    finally:
        stop_worker(one)
        stop_worker(two)
    assert receiver.requests == 30
    assert {item.event_id for item in received} == emitted


SECRETS = ("whsec-never-logged-0123456789", "receiver-bearer-token-42", "api-key-value-77", "answer-token-99",
           "url-token-31")


def test_no_secret_in_the_delivery_log_export_or_inspector():
    with enkash_respx() as enkash:
        enkash.router.post("http://127.0.0.1/hooks").respond(200, json={"ok": True, "token": SECRETS[3]})
        enkash.webhooks.register(f"http://127.0.0.1/hooks?token={SECRETS[4]}", signing_secret=SECRETS[0],
                                 headers={"Authorization": f"Bearer {SECRETS[1]}", "X-Api-Key": SECRETS[2]})
        enkash.webhooks.emit("CARD_TRANSACTION")
        [delivery] = enkash.webhooks.wait(1)
        sent = enkash.router.calls.last.request
        assert sent.headers["x-api-key"] == SECRETS[2]  # the receiver does get them
        admin = enkash.app.test_client()
        texts = [json.dumps(enkash.webhooks.deliveries()), json.dumps(enkash.webhooks.endpoints()),
                 json.dumps(enkash.webhooks.events()), admin.get("/__admin/state").get_data(as_text=True),
                 admin.get("/__admin/ui").get_data(as_text=True), json.dumps(delivery)]
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


def test_a_webhook_url_outside_the_allowed_hosts_is_refused(client):
    for url in ("http://10.0.0.7/hook", "http://169.254.169.254/", "http://example.com/hook"):
        response = client.post("/__admin/webhooks/endpoints", json={"partnerId": DEMO["partnerId"], "webhookUrl": url})
        assert response.status_code == 400 and "refused" in response.json["response_message"]


def test_a_host_that_resolves_elsewhere_by_delivery_time_is_not_contacted(make_app, receivers):
    app = make_app()
    client = app.test_client()
    receiver = receivers()
    register(client, receiver.url.replace("127.0.0.1", "localhost"))
    worker_of(app).sender.resolver = lambda host, port: ["10.20.30.40"]  # DNS changed since registration
    emit_event(client)
    [logged] = wait_for(client, lambda log: log and log[0]["attempts"])
    assert logged["attempts"][0]["outcome"] == "refused_host" and "10.20.30.40" in logged["attempts"][0]["error"]
    assert receiver.requests == 0


def test_an_allowed_list_can_open_other_networks(make_app):
    client = make_app(webhook_allowed_hosts=("127.0.0.0/8", "10.0.0.0/8")).test_client()
    register(client, "http://10.0.0.7:9/hook")


@pytest.mark.parametrize("script", [["hang"], ["reset"], [500]])
def test_a_bad_receiver_is_retried_with_backoff_not_in_a_loop(make_app, script):
    receiver = WebhookReceiver(script).start()
    app = make_app(webhook_timeout_ms=200)
    client = app.test_client()
    try:
        register(client, receiver.url)
        emit_event(client)
        wait_for(client, lambda log: log and log[0]["attempts"] and log[0]["status"] == "PENDING")
        time.sleep(0.4)
    finally:
        stop_worker(app)
        receiver.stop()
    assert receiver.requests == 1  # the next try waits 10 s on the mock's clock


@pytest.mark.e2e
def test_serve_workers_each_deliver_and_never_twice(tmp_path, receivers):
    """`enkash-mock serve --workers 2`: each worker process starts its delivery worker; each event goes once."""
    from ..hardening.live import LiveMock

    receiver = receivers()
    with LiveMock(tmp_path, "--workers", "2", "--threads", "4") as mock, httpx.Client(base_url=mock.url) as http:
        assert http.post("/__admin/webhooks/endpoints", json={"partnerId": DEMO["partnerId"],
                                                              "webhookUrl": receiver.url}).status_code == 201
        emitted = {http.post("/__admin/webhooks/events", json={"eventType": "PAYMENT_NOTIFY",
                                                               "partnerId": DEMO["partnerId"]}).json()["eventId"]
                   for _ in range(20)}
        received = receiver.wait(20, timeout=20)
        time.sleep(0.3)  # a duplicate, if any, would arrive now
        log = http.get("/__admin/webhooks/deliveries").json()["deliveries"]
    assert receiver.requests == 20 and {item.event_id for item in received} == emitted
    assert all(d["status"] == "DELIVERED" and len(d["attempts"]) == 1 for d in log), log
