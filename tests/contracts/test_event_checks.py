"""The webhook checks as predicates, the spec's webhook validators, the suite's receiver, and the skip on uat."""

from __future__ import annotations

import httpx
import pytest

from contracts.areas.events.checks import every_ledger_entry_has_an_event, webhook_matches_spec
from contracts.areas.events.receiver import Delivery, SuiteReceiver
from contracts.areas.events.rules import EVENT_RULES
from contracts.areas.events.spec import WebhookSpec
from contracts.suites.evidence import SpecEvidence
from contracts.suites.rules import skip_reason

ENTRY = {"enKashCardTransactionId": "ECTAAAAAAAAAA", "cardTransactionType": "CR", "principalAmount": 12.5}
EVENT = {"enKashCardTransactionId": "ECTAAAAAAAAAA", "cardTransactionType": "CR", "principalAmount": 12.50}
HEADERS = {"content-type": "application/json", "x-enkash-event-id": "EVT" + "A" * 17,
           "x-enkash-event-type": "CARD_TRANSACTION", "x-enkash-delivery-id": "DLV" + "B" * 17,
           "x-enkash-delivery-attempt": "1"}


@pytest.fixture(scope="module")
def spec() -> WebhookSpec:
    return WebhookSpec(SpecEvidence().document)


def _example(spec: WebhookSpec, webhook: str) -> dict:
    media = spec.document["webhooks"][webhook]["post"]["requestBody"]["content"]["application/json"]
    return next(iter(media["examples"].values()))["value"]


def test_each_entry_needs_exactly_one_matching_event():
    history = {ENTRY["enKashCardTransactionId"]}
    assert every_ledger_entry_has_an_event([ENTRY], {"EVT1": EVENT}, history) is None
    assert "0 event(s)" in every_ledger_entry_has_an_event([ENTRY], {}, history).actual
    assert "2 event(s)" in every_ledger_entry_has_an_event([ENTRY], {"EVT1": EVENT, "EVT2": EVENT}, history).actual
    debit = {**EVENT, "cardTransactionType": "DR"}
    assert "DR" in every_ledger_entry_has_an_event([ENTRY], {"EVT1": debit}, history).actual
    other_amount = {**EVENT, "principalAmount": 12.51}
    assert "12.51" in every_ledger_entry_has_an_event([ENTRY], {"EVT1": other_amount}, history).actual


def test_an_event_without_its_entry_is_caught():
    stray = {**EVENT, "enKashCardTransactionId": "ECTZZZZZZZZZZ"}
    problem = every_ledger_entry_has_an_event([], {"EVT9": stray}, {"ECTAAAAAAAAAA"})
    assert problem is not None and "ECTZZZZZZZZZZ" in problem.expected


def test_the_spec_examples_pass_and_broken_deliveries_fail(spec):
    body = _example(spec, "cardTransaction")
    assert spec.problems(Delivery(HEADERS, b"", body)) == []
    assert set(spec.event_types) == {"PAYMENT_NOTIFY", "CARD_TRANSACTION", "FUND_TRANSFER_STATUS",
                                     "SETTLEMENT_STATUS"}
    without_balance = {k: v for k, v in body.items() if k != "balance"}
    assert any("balance" in p for p in spec.problems(Delivery(HEADERS, b"", without_balance)))
    no_id = {k: v for k, v in HEADERS.items() if k != "x-enkash-event-id"}
    assert spec.problems(Delivery(no_id, b"", body)) == ["header x-enkash-event-id: missing"]
    bad_attempt = {**HEADERS, "x-enkash-delivery-attempt": "0"}
    assert any("x-enkash-delivery-attempt" in p for p in spec.problems(Delivery(bad_attempt, b"", body)))
    unknown = {**HEADERS, "x-enkash-event-type": "PAYOUT_SUCCESS"}
    assert "none of the spec's webhooks" in spec.problems(Delivery(unknown, b"", body))[0]
    assert spec.problems(Delivery({**HEADERS, "content-type": "text/plain"}, b"", body))
    assert webhook_matches_spec("a delivery", []) is None
    assert webhook_matches_spec("a delivery", ["body: x"]).actual == "body: x"


def test_the_suite_receiver_records_and_stops():
    with SuiteReceiver() as receiver:
        assert receiver.url.startswith("http://127.0.0.1:")
        reply = httpx.post(receiver.url, json={"a": 1}, headers={"X-Enkash-Event-Type": "CARD_TRANSACTION"})
        assert reply.status_code == 200
        [delivery] = receiver.deliveries()
        assert (delivery.json, delivery.event_type) == ({"a": 1}, "CARD_TRANSACTION")
    with pytest.raises(httpx.TransportError):
        httpx.post(receiver.url, json={}, timeout=1)


def test_without_the_admin_api_the_webhook_rule_is_skipped_with_its_reason():
    reason = skip_reason(EVENT_RULES["webhooks_delivered"], admin=False, fixed_otp=None)
    assert "webhook receiver" in reason and "every_ledger_entry_has_an_event" in reason
    assert skip_reason(EVENT_RULES["webhooks_delivered"], admin=True, fixed_otp=None) == ""
