"""CARD_TRANSACTION from the ledger: every wallet entry has exactly one event, in its transaction, to spec."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mock_server.api.funds import ledger
from mock_server.api.funds.card_events import card_transaction_payload
from tests.mock.funds_helpers import MERCHANT, WALLET, debit, history, top_up
from tests.mock.helpers import DEMO, Partner

from .helpers import register, spec_problems, wait_for


def _card_events(client) -> list[dict]:
    return client.get("/__admin/webhooks/events", query_string={"eventType": "CARD_TRANSACTION"}).json["events"]


def _by_entry(client) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for event in _card_events(client):
        found.setdefault(event["payload"]["enKashCardTransactionId"], []).append(event)
    return found


@pytest.fixture
def demo(client):
    return Partner(client, DEMO)


def test_top_up_debit_and_refund_each_emit_one_event_matching_the_entry(demo, client):
    assert top_up(demo, "12.34").json["response_code"] == 0
    assert debit(demo, "2.5", unique_id="pay-1").json["response_code"] == 0
    client.put("/__admin/settlements/pay-1", json={"status": "PENDING_WITH_BANK"})
    assert client.put("/__admin/settlements/pay-1", json={"status": "REFUND"}).status_code == 200
    entries = history(demo)["transactions"]
    events = _by_entry(client)
    assert len(entries) == 4  # the seed balance, the top-up, the payment, its refund
    assert entries[-1]["enKashCardTransactionId"] not in events  # the seed's opening balance: no event
    for entry in entries[:-1]:
        [event] = events.pop(entry["enKashCardTransactionId"])
        body = event["payload"]
        assert spec_problems("CARD_TRANSACTION", body) == []
        assert (body["cardTransactionType"], body["principalAmount"], body["balance"], body["enkashCardId"]) == (
            entry["cardTransactionType"], entry["principalAmount"], entry["balance"], WALLET)
        assert body["txnDetails"]["txnRefNo"] == entry["enKashCardTransactionId"]
    assert events == {}, "an event without its wallet entry (card-account or merchant legs send none)"
    payment = next(e for e in entries if e["type"] == "MERCHANT_PAYMENT")
    [paid] = [e["payload"] for e in _card_events(client) if e["payload"]["enKashCardTransactionId"]
              == payment["enKashCardTransactionId"]]
    assert (paid["txnDetails"]["merchantName"], paid["principalAmount"], paid["pgReferenceNumber"]) == (
        "Demo Merchant", 2.5, "pay-1")
    assert len({e["eventId"] for e in _card_events(client)}) == len(_card_events(client))


def test_refused_and_replayed_money_moves_emit_nothing(demo, client):
    before = len(_card_events(client))
    assert top_up(demo, "999999").json["response_code"] == 1
    assert debit(demo, "5000", merchant=MERCHANT).json["response_code"] == 1
    assert top_up(demo, 1, reference="same").json["response_code"] == 0
    assert top_up(demo, 1, reference="same").json["response_code"] == 0  # a retry replays, moves nothing
    assert len(_card_events(client)) == before + 1


def test_a_subscribed_receiver_gets_the_top_up_as_it_happened(demo, client, receivers):
    receiver = receivers()
    register(client, receiver.url, events=["CARD_TRANSACTION"])
    paid = top_up(demo, "100.05").json["payload"]
    [received] = receiver.wait(1)
    assert received.headers["x-enkash-event-type"] == "CARD_TRANSACTION"
    assert (received.json["enKashCardTransactionId"], received.json["principalAmount"], received.json["balance"]) == (
        paid["enkashCardTxnId"], 100.05, 1100.05)
    wait_for(client, lambda log: log and log[0]["status"] == "DELIVERED")


class _Tx:
    """A dict-backed transaction: the ledger's own unit, without an app."""

    def __init__(self):
        self.docs: dict[str, dict] = {}

    def get(self, kind, key):
        return self.docs.get(kind, {}).get(key)

    def put(self, kind, key, value):
        self.docs.setdefault(kind, {})[key] = value

    def delete(self, kind, key):
        self.docs.get(kind, {}).pop(key, None)

    def items(self, kind):
        yield from sorted(self.docs.get(kind, {}).items())


def test_the_ledger_announces_wallet_entries_only_with_exact_amounts():
    tx = _Tx()
    wallet = {"enKashCardId": "EKCAAAAAA1", "userId": "EKU1", "partnerId": "P1", "companyId": "CEKAAAAAA1",
              "cardAccountId": "CA1", "holder": {"firstName": "Asha", "lastName": "Rao"}, "last4": "0042",
              "balancePaise": 0, "ledgerCount": 0}
    account = {"cardAccountId": "CA1", "companyName": "Acme", "balancePaise": 10_00, "ledgerCount": 0}
    ledger.transfer(tx, ("card_account", account, "CA1"), ("wallet", wallet, "EKCAAAAAA1"), 1, 0.0, type="LOAD")
    [(_, event)] = list(tx.items("webhook_event"))
    body = event["payload"]
    assert (body["principalAmount"], body["balance"], body["cardHolderName"], body["companyName"]) == (
        0.01, 0.01, "Asha Rao", "Acme")
    entry = ledger.entry_by_id(tx, body["enKashCardTransactionId"])
    assert entry["owner"] == "EKCAAAAAA1" and spec_problems("CARD_TRANSACTION", body) == []
    assert card_transaction_payload(tx, entry, wallet)["principalAmount"] == Decimal("0.01")


def test_the_longest_due_delivery_goes_first_so_a_fast_failing_receiver_cannot_starve_others():
    from mock_server.webhooks.outbox import due_deliveries

    tx = _Tx()
    tx.put("webhook_pending", "DLVA", {"nextAttemptAt": 30.0, "leaseUntil": None})  # retried at once, again
    tx.put("webhook_pending", "DLVB", {"nextAttemptAt": 10.0, "leaseUntil": None})  # waiting since 10
    tx.put("webhook_pending", "DLVC", {"nextAttemptAt": 20.0, "leaseUntil": 99.0})  # held by a live lease
    tx.put("webhook_pending", "DLVD", {"nextAttemptAt": 50.0, "leaseUntil": None})  # not due yet
    assert due_deliveries(tx, clock_now=40.0, real_now=50.0) == ["DLVB", "DLVA"]
