"""`enkash_mock.webhooks` and `enkash_live_mock.webhooks`: a user's webhook handler tested end to end offline."""

from __future__ import annotations

import flask
import pytest

from mock_server.webhooks import EVENT_TYPES, verify
from mock_server.webhooks.payloads import payload_problems


def partner_app(seen: list, fail_first: int = 0) -> flask.Flask:
    """The user's own webhook handler: de-duplicates by event id, as receivers should."""
    app = flask.Flask("partner")
    state = {"calls": 0}

    @app.post("/enkash/webhook")
    def webhook():
        state["calls"] += 1
        if state["calls"] <= fail_first:
            return {"error": "try again"}, 503
        event_id = flask.request.headers["X-Enkash-Event-Id"]
        if event_id not in {item["id"] for item in seen}:
            seen.append({"id": event_id, "body": flask.request.get_json()})
        return {"ok": True}

    return app


def test_a_webhook_reaches_the_users_app_in_process(enkash_mock):
    seen: list = []
    enkash_mock.webhooks.receive(partner_app(seen), url="http://127.0.0.1/enkash/webhook")
    emitted = enkash_mock.webhooks.emit("CARD_TRANSACTION")
    [delivery] = enkash_mock.webhooks.wait(1)
    assert delivery["eventId"] == emitted["eventId"] and seen[0]["id"] == emitted["eventId"]
    assert seen[0]["body"]["txnDetails"]["txnCurrency"] == "INR"
    [received] = enkash_mock.webhooks.received
    assert payload_problems(enkash_mock.config.spec_path, "CARD_TRANSACTION", received.json) == []


def test_retries_reach_the_users_app_after_it_recovers(enkash_mock):
    seen: list = []
    enkash_mock.freeze("2026-11-25T11:00:00+05:30")
    enkash_mock.webhooks.receive(partner_app(seen, fail_first=2), url="http://127.0.0.1/enkash/webhook")
    enkash_mock.webhooks.emit("PAYMENT_NOTIFY")
    _wait_attempts(enkash_mock, 1)
    for seconds in (10, 20):  # the default backoff: 10 s, then 20 s on the mock's clock
        attempts = len(enkash_mock.webhooks.deliveries()[0]["attempts"])
        enkash_mock.advance(seconds)
        _wait_attempts(enkash_mock, attempts + 1)
    [delivery] = enkash_mock.webhooks.wait(1)
    assert [a["status"] for a in delivery["attempts"]] == [503, 503, 200] and len(seen) == 1


def _wait_attempts(enkash_mock, count: int) -> None:
    import time

    deadline = time.monotonic() + 5
    while len(enkash_mock.webhooks.deliveries()[0]["attempts"]) < count:
        assert time.monotonic() < deadline, enkash_mock.webhooks.deliveries()
        time.sleep(0.01)


def test_a_recorder_without_an_app_records_every_event_type(enkash_mock):
    enkash_mock.webhooks.receive(url="http://127.0.0.1/recorder")
    for name in EVENT_TYPES:
        enkash_mock.webhooks.emit(name)
    enkash_mock.webhooks.wait(len(EVENT_TYPES))
    assert sorted(r.headers["x-enkash-event-type"] for r in enkash_mock.webhooks.received) == sorted(EVENT_TYPES)


def test_signed_deliveries_verify_in_process(enkash_mock):
    enkash_mock.webhooks.receive(url="http://127.0.0.1/signed", signing_secret="in-process-secret-0123")
    enkash_mock.webhooks.emit("SETTLEMENT_STATUS")
    enkash_mock.webhooks.wait(1)
    [received] = enkash_mock.webhooks.received
    assert verify("in-process-secret-0123", received.headers["x-enkash-timestamp"], received.body,
                  received.headers["x-enkash-signature"])


def test_an_unrouted_webhook_url_is_a_failed_attempt_not_a_crash(enkash_mock):
    enkash_mock.webhooks.register("http://127.0.0.1:9/nobody-routed-this")
    enkash_mock.webhooks.emit("CARD_TRANSACTION")
    _wait_attempts(enkash_mock, 1)
    [delivery] = enkash_mock.webhooks.deliveries()
    assert delivery["status"] == "PENDING" and delivery["attempts"][0]["outcome"] == "connection_error"


def test_the_live_handle_receives_on_a_real_socket(enkash_live_mock):
    endpoint = enkash_live_mock.webhooks.receive(events=["FUND_TRANSFER_STATUS"])
    assert endpoint["webhookUrl"].startswith("http://127.0.0.1:")
    enkash_live_mock.webhooks.emit("FUND_TRANSFER_STATUS")
    enkash_live_mock.webhooks.wait(1)
    [received] = enkash_live_mock.webhooks.received
    assert received.json["status"] == "SUCCESS"


def test_the_live_handle_cannot_route_to_an_app(enkash_live_mock):
    with pytest.raises(TypeError):
        enkash_live_mock.webhooks.receive(flask.Flask("x"))
