"""Backoff, host checks and the outbox's claim/record rules, without HTTP."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mock_server.config import MockConfig
from mock_server.kernel.world import World
from mock_server.store import MemoryStore
from mock_server.webhooks import PayloadError, emit, to_wire
from mock_server.webhooks.allowlist import HostNotAllowed, check_url
from mock_server.webhooks.backoff import RetryPolicy
from mock_server.webhooks.outbox import claim, due_deliveries, record_attempt, redeliver

LOOPBACK = ("127.0.0.0/8", "::1", "localhost")
ENDPOINT = {"endpointId": "WHTEST00001", "partnerId": "CRM338L2H", "companyId": "CEKQ08TRRG",
            "webhookUrl": "http://127.0.0.1:9/hook", "events": ["CARD_TRANSACTION"], "headerNames": [],
            "signed": False, "enabled": True, "createdAt": 0, "source": "admin"}
OK = {"ok": True, "status": 200, "outcome": "delivered", "latencyMs": 1.0, "excerpt": "{}", "error": None}
FAIL = {"ok": False, "status": 500, "outcome": "http_error", "latencyMs": 1.0, "excerpt": "{}", "error": None}


# --- backoff -------------------------------------------------------------------------------------------
def test_backoff_doubles_from_the_first_delay_and_caps():
    policy = RetryPolicy(first_delay=10, factor=2, max_delay=60, max_attempts=6)
    assert policy.schedule() == [10, 20, 40, 60, 60]
    assert policy.delay_after(6) is None


def test_backoff_reads_the_config():
    policy = RetryPolicy.from_config(MockConfig(webhook_backoff_seconds=3, webhook_backoff_factor=3,
                                                webhook_max_attempts=3))
    assert policy.schedule() == [3, 9]


def test_one_attempt_means_no_retry():
    assert RetryPolicy(max_attempts=1).delay_after(1) is None


# --- allowed hosts -----------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/hook", "https://localhost/hook", "http://[::1]:9/x"])
def test_loopback_urls_are_allowed(url):
    check_url(url, LOOPBACK)


@pytest.mark.parametrize("url", [
    "http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data", "http://example.com/hook",
    "ftp://127.0.0.1/x", "http://user:pw@127.0.0.1/x", "http:///nohost", "not a url",
])
def test_other_urls_are_refused(url):
    with pytest.raises(HostNotAllowed):
        check_url(url, LOOPBACK)


def test_an_allowed_name_that_resolves_elsewhere_is_refused():
    with pytest.raises(HostNotAllowed, match="outside"):
        check_url("http://localhost/hook", LOOPBACK, resolver=lambda host, port: ["10.1.2.3"])


def test_a_listed_network_opens_it():
    check_url("http://10.0.0.5/hook", (*LOOPBACK, "10.0.0.0/24"))


# --- money on the wire ---------------------------------------------------------------------------------
def test_payment_notify_checksum_is_stable_and_covers_the_amount():
    from mock_server.webhooks.payloads import payment_notify_checksum

    body = {"orderId": "O1", "transactionId": "T1", "amount": Decimal("500.00"), "status": "SUCCESS"}
    assert payment_notify_checksum(body) == payment_notify_checksum({**body, "amount": 500})
    assert payment_notify_checksum(body) != payment_notify_checksum({**body, "amount": Decimal("500.01")})
    assert len(payment_notify_checksum(body)) == 64


def test_decimals_leave_as_exact_numbers():
    assert to_wire({"a": Decimal("12.34"), "b": [Decimal("5.00")]}) == {"a": 12.34, "b": [5]}
    with pytest.raises(PayloadError):
        to_wire(Decimal("0.1000000000000000055511151231257827"))


# --- the outbox ------------------------------------------------------------------------------------------
@pytest.fixture
def store():
    store = MemoryStore()
    with store.transaction("s") as tx:
        tx.put("webhook_endpoint", ENDPOINT["endpointId"], ENDPOINT)
        tx.put("webhook_endpoint", "WHOTHER0001", {**ENDPOINT, "endpointId": "WHOTHER0001", "partnerId": "CRX"})
        tx.put("webhook_endpoint", "WHOFF000001", {**ENDPOINT, "endpointId": "WHOFF000001", "enabled": False})
    return store


def _emit(store, now=1000.0, fail=False, **kwargs):
    with store.transaction("s") as tx:
        event_id = emit(World(tx, now, MockConfig(), "s", b"k"), "CARD_TRANSACTION", {"x": 1},
                        partner_id="CRM338L2H", strict=False, **kwargs)
        if fail:
            raise RuntimeError("the ledger write failed")
    return event_id


def _only_delivery(store) -> str:
    with store.transaction("s", write=False) as tx:
        [(delivery_id, _)] = list(tx.items("webhook_delivery"))
    return delivery_id


def test_emit_writes_one_delivery_per_subscribed_enabled_endpoint_of_the_partner(store):
    event_id = _emit(store)
    with store.transaction("s", write=False) as tx:
        deliveries = [d for _, d in tx.items("webhook_delivery")]
        assert tx.get("webhook_event", event_id)["payload"] == {"x": 1}
    assert [d["endpointId"] for d in deliveries] == ["WHTEST00001"]


def test_no_event_without_its_transaction(store):
    with pytest.raises(RuntimeError):
        _emit(store, fail=True)
    exported = store.export("s")
    assert not exported.get("webhook_event") and not exported.get("webhook_delivery")


def test_emit_refuses_an_unknown_event_type(store):
    with store.transaction("s") as tx, pytest.raises(KeyError):
        emit(World(tx, 0, MockConfig(), "s", b"k"), "NOPE", {}, partner_id="CRM338L2H")


def test_a_due_delivery_is_claimed_once(store):
    _emit(store)
    delivery_id = _only_delivery(store)
    with store.transaction("s") as tx:
        assert due_deliveries(tx, 1000.0, real_now=50.0) == [delivery_id]
        assert claim(tx, delivery_id, 1000.0, 50.0, lease_seconds=10, claimant="a") is not None
        assert claim(tx, delivery_id, 1000.0, 50.0, lease_seconds=10, claimant="b") is None
        assert due_deliveries(tx, 1000.0, real_now=55.0) == []
        assert due_deliveries(tx, 1000.0, real_now=61.0) == [delivery_id]  # the lease ran out: a dead worker


def test_nothing_is_due_before_its_time_on_the_clock(store):
    _emit(store, now=1000.0)
    with store.transaction("s") as tx:
        assert due_deliveries(tx, 999.0, real_now=0) == []


def test_failures_back_off_on_the_clock_then_fail_for_good(store):
    _emit(store)
    delivery_id = _only_delivery(store)
    policy = RetryPolicy(first_delay=10, factor=2, max_delay=100, max_attempts=3)
    with store.transaction("s") as tx:
        after_one = record_attempt(tx, delivery_id, FAIL, policy, clock_now=1000.0)
        assert (after_one["status"], after_one["nextAttemptAt"]) == ("PENDING", 1010.0)
        assert record_attempt(tx, delivery_id, FAIL, policy, clock_now=1010.0)["nextAttemptAt"] == 1030.0
        final = record_attempt(tx, delivery_id, FAIL, policy, clock_now=1030.0)
        assert final["status"] == "FAILED" and tx.get("webhook_pending", delivery_id) is None
        assert [a["attempt"] for a in final["attempts"]] == [1, 2, 3]


def test_success_ends_the_delivery(store):
    _emit(store)
    delivery_id = _only_delivery(store)
    with store.transaction("s") as tx:
        done = record_attempt(tx, delivery_id, OK, RetryPolicy(), clock_now=1000.0)
        assert done["status"] == "DELIVERED" and tx.get("webhook_pending", delivery_id) is None


def test_redelivery_gives_a_fresh_budget_and_keeps_the_log(store):
    _emit(store)
    delivery_id = _only_delivery(store)
    policy = RetryPolicy(max_attempts=1)
    with store.transaction("s") as tx:
        assert record_attempt(tx, delivery_id, FAIL, policy, 1000.0)["status"] == "FAILED"
        again = redeliver(tx, delivery_id, clock_now=2000.0)
        assert again["status"] == "PENDING" and due_deliveries(tx, 2000.0, 0) == [delivery_id]
        assert record_attempt(tx, delivery_id, FAIL, policy, 2000.0)["status"] == "FAILED"
        assert len(tx.get("webhook_delivery", delivery_id)["attempts"]) == 2
