"""Deliveries over real HTTP to a local receiver: headers, signature, spec, retries on the mock's clock."""

from __future__ import annotations

import pytest

from mock_server.webhooks import EVENT_TYPES, PayloadError, emit, verify

from .helpers import (
    DEMO_PARTNER,
    FROZEN,
    OTHER_PARTNER,
    attempts_of,
    deliveries,
    register,
    spec_problems,
    wait_for,
)
from .helpers import emit as emit_event


@pytest.mark.parametrize("event_type", list(EVENT_TYPES))
def test_each_event_type_is_delivered_and_matches_the_spec(client, receivers, event_type):
    receiver = receivers()
    register(client, receiver.url, events=[event_type])
    emitted = emit_event(client, event_type)
    [received] = receiver.wait(1)
    assert spec_problems(event_type, received.json) == []
    assert received.headers["x-enkash-event-id"] == emitted["eventId"]
    assert received.headers["x-enkash-event-type"] == event_type
    assert received.headers["content-type"] == "application/json"
    [logged] = wait_for(client, lambda log: log and log[0]["status"] == "DELIVERED")
    assert logged["attempts"][0]["status"] == 200 and logged["attempts"][0]["latencyMs"] >= 0


def test_only_subscribed_enabled_endpoints_of_the_partner_receive(client, receivers):
    cards, payments, other, off = receivers(), receivers(), receivers(), receivers()
    register(client, cards.url, events=["CARD_TRANSACTION"])
    register(client, payments.url, events=["PAYMENT_NOTIFY"])
    register(client, other.url, partner=OTHER_PARTNER, events=["CARD_TRANSACTION"])
    register(client, off.url, events=["CARD_TRANSACTION"], enabled=False)
    emit_event(client, "CARD_TRANSACTION")
    cards.wait(1)
    wait_for(client, lambda log: all(d["status"] == "DELIVERED" for d in log))
    assert (payments.requests, other.requests, off.requests) == (0, 0, 0)


def test_sessions_keep_their_endpoints_apart(client, receivers):
    receiver = receivers()
    register(client, receiver.url)
    response = client.post("/__admin/webhooks/events", json={"eventType": "CARD_TRANSACTION",
                                                             "partnerId": DEMO_PARTNER},
                           headers={"X-Mock-Session": "elsewhere"})
    assert response.json["deliveries"] == []


def test_a_signed_endpoint_gets_a_verifiable_signature(client, receivers):
    receiver = receivers()
    secret = "whsec-test-0123456789abcdef"
    endpoint = register(client, receiver.url, signingSecret=secret, headers={"Authorization": "Bearer rcv-token"})
    assert endpoint["signed"] is True and endpoint["headerNames"] == ["Authorization"]
    emit_event(client)
    [received] = receiver.wait(1)
    headers = received.headers
    assert headers["authorization"] == "Bearer rcv-token"
    assert verify(secret, headers["x-enkash-timestamp"], received.body, headers["x-enkash-signature"])
    assert not verify("another-secret-0123456789", headers["x-enkash-timestamp"], received.body,
                      headers["x-enkash-signature"])


def test_unsigned_by_default(client, receivers):
    receiver = receivers()
    register(client, receiver.url)
    emit_event(client)
    assert "x-enkash-signature" not in receiver.wait(1)[0].headers


def test_retries_wait_for_the_clock_then_deliver_with_the_same_event_id(client, receivers):
    """A receiver that fails twice then succeeds: the log shows 500, 500, 200 at +0, +10, +30 s."""
    client.put("/__admin/clock", json={"now": FROZEN})
    receiver = receivers([500, 500, 200])
    register(client, receiver.url)
    emitted = emit_event(client)
    wait_for(client, lambda log: len(log[0]["attempts"]) == 1)
    assert deliveries(client)[0]["status"] == "PENDING"
    client.post("/__admin/clock/advance", json={"seconds": 9})
    with pytest.raises(AssertionError):
        receiver.wait(1, timeout=0.3)  # not due yet on the frozen clock
    assert len(attempts_of(client, emitted["deliveries"][0])) == 1
    client.post("/__admin/clock/advance", json={"seconds": 1})
    wait_for(client, lambda log: len(log[0]["attempts"]) == 2)
    client.post("/__admin/clock/advance", json={"seconds": 20})
    [received] = receiver.wait(1)
    [logged] = wait_for(client, lambda log: log[0]["status"] == "DELIVERED")
    assert [a["status"] for a in logged["attempts"]] == [500, 500, 200]
    assert [a["at"][11:19] for a in logged["attempts"]] == ["05:30:00", "05:30:10", "05:30:30"]
    assert received.headers["x-enkash-event-id"] == emitted["eventId"]
    assert received.headers["x-enkash-delivery-attempt"] == "3"


def test_a_receiver_failing_forever_ends_failed_and_can_be_redelivered(make_app, receivers):
    client = make_app(webhook_max_attempts=2, webhook_backoff_seconds=0).test_client()
    receiver = receivers([500, 500, 200])
    register(client, receiver.url)
    [delivery_id] = emit_event(client)["deliveries"]
    wait_for(client, lambda log: log[0]["status"] == "FAILED")
    assert [a["outcome"] for a in attempts_of(client, delivery_id)] == ["http_error", "http_error"]
    assert client.post(f"/__admin/webhooks/deliveries/{delivery_id}/redeliver").status_code == 202
    receiver.wait(1)
    assert wait_for(client, lambda log: log[0]["status"] == "DELIVERED")[0]["attempts"][-1]["attempt"] == 3


def test_a_disabled_endpoint_stops_receiving(client, receivers):
    receiver = receivers()
    endpoint = register(client, receiver.url)
    assert client.patch(f"/__admin/webhooks/endpoints/{endpoint['endpointId']}",
                        json={"enabled": False}).json["enabled"] is False
    assert emit_event(client)["deliveries"] == []


def test_deleting_an_endpoint_removes_it(client, receivers):
    endpoint = register(client, receivers().url)
    assert client.delete(f"/__admin/webhooks/endpoints/{endpoint['endpointId']}").status_code == 200
    assert client.get("/__admin/webhooks/endpoints").json["endpoints"] == []
    assert client.delete(f"/__admin/webhooks/endpoints/{endpoint['endpointId']}").status_code == 404


@pytest.mark.parametrize("registration, words", [
    ({"webhookUrl": "http://127.0.0.1:9/x", "events": ["NOPE"]}, "unknown event"),
    ({"webhookUrl": "http://127.0.0.1:9/x", "events": []}, "non-empty"),
    ({"webhookUrl": "http://127.0.0.1:9/x", "headers": {"Content-Type": "text/plain"}}, "set by the mock"),
    ({"webhookUrl": "http://127.0.0.1:9/x", "headers": {"X-A": "a\r\nB: c"}}, "line break"),
    ({"webhookUrl": "http://127.0.0.1:9/x", "signingSecret": "short"}, "signingSecret"),
    ({"webhookUrl": "http://127.0.0.1:9/x", "colour": "red"}, "unknown field"),
    ({"events": ["CARD_TRANSACTION"]}, "webhookUrl"),
    ({"webhookUrl": "http://127.0.0.1:9/x", "partnerId": "CRNOSUCH1"}, "no partner"),
])
def test_bad_registrations_are_refused_clearly(client, registration, words):
    body = {"partnerId": DEMO_PARTNER, **registration}
    response = client.post("/__admin/webhooks/endpoints", json=body)
    assert response.status_code == 400 and words in response.json["response_message"]
    assert client.get("/__admin/webhooks/endpoints").json["endpoints"] == []


def test_a_test_event_with_a_payload_off_the_spec_is_refused(client):
    response = client.post("/__admin/webhooks/events", json={"eventType": "CARD_TRANSACTION",
                                                             "partnerId": DEMO_PARTNER, "payload": {"x": 1}})
    assert response.status_code == 400 and "openapi.yaml" in response.json["response_message"]
    assert client.get("/__admin/webhooks/events").json["events"] == []


def test_emit_is_strict_in_tests(make_app):
    app = make_app()
    state = app.extensions["enkash"]
    with state.world("default") as world, pytest.raises(PayloadError, match="enkashCardId"):
        emit(world, "CARD_TRANSACTION", {"balance": 1}, partner_id=DEMO_PARTNER)


def test_seeded_endpoints_receive(make_app, receivers, tmp_path):
    import yaml

    from mock_server.config import DEFAULT_SEED_PATH

    receiver = receivers()
    seed = yaml.safe_load(DEFAULT_SEED_PATH.read_text())
    seed["partners"][0]["webhooks"] = [{"webhookUrl": receiver.url, "events": ["PAYMENT_NOTIFY"],
                                        "signingSecret": "seeded-secret-0123456789"}]
    path = tmp_path / "seed.yaml"
    path.write_text(yaml.safe_dump(seed))
    client = make_app(seed_path=str(path)).test_client()
    [endpoint] = client.get("/__admin/webhooks/endpoints").json["endpoints"]
    assert endpoint["source"] == "seed" and endpoint["signed"] is True
    emit_event(client, "PAYMENT_NOTIFY")
    [received] = receiver.wait(1)
    assert verify("seeded-secret-0123456789", received.headers["x-enkash-timestamp"], received.body,
                  received.headers["x-enkash-signature"])


def test_policy_is_readable(client):
    policy = client.get("/__admin/webhooks/policy").json
    assert policy["retryDelaysSeconds"] == [10, 20, 40] and policy["allowedHosts"][0] == "127.0.0.0/8"
