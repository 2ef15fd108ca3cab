"""Gateway money under races (SQLite store, one and two worker processes).

32 concurrent payments of one Add Money order credit it exactly once; 32 concurrent wallet-to-wallet
transfers that together exceed the source's balance never take it below zero, and both wallets'
balances equal their histories, with money conserved across the session.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import httpx
import pytest

from .ledger_checks import WALLET, assert_balance_equals_history, assert_conserved
from .live import Partner
from .load import FIXED_OTP
from .test_concurrency import RACERS, _race

pytestmark = pytest.mark.e2e


def test_32_concurrent_payments_of_one_order_credit_once(mock, partner):
    order = partner.post("/add-money", {**partner.ids(WALLET), "amount": "33.33",
                                        "uniqueTransactionId": "race-order"}).json()["payload"]
    replies = _race(partner, lambda racer: racer.http.post(f"/__admin/gateway/orders/{order['orderId']}/pay"))
    statuses = sorted(reply.status_code for reply in replies)
    assert statuses == [200] + [409] * (RACERS - 1), statuses
    found = assert_balance_equals_history(partner, WALLET)
    balance, transactions = found["balance"], found["transactions"]
    assert balance == Decimal("1033.33")
    assert [t["pgReferenceNumber"] for t in transactions if t["type"] == "ADD_MONEY_PG"] == ["race-order"]
    events = httpx.get(f"{mock.url}/__admin/webhooks/events", params={"eventType": "PAYMENT_NOTIFY"}).json()["events"]
    assert [event["payload"]["status"] for event in events] == ["SUCCESS"], "one outcome, one Payment Notify"
    assert_conserved(mock.url)


def _usable_peer(partner: Partner, url: str) -> str:
    created = partner.create("7012345678").json()
    assert created["response_code"] == 0, created
    peer = created["payload"]["enKashCardId"]
    reference = partner.otp(peer).json()["payload"]["otpReferenceId"]
    assert partner.min_kyc(peer, reference, FIXED_OTP).json()["response_code"] == 0
    assert httpx.post(f"{url}/__admin/tnc/{peer}/accept").status_code == 200
    return peer


def test_32_concurrent_transfers_beyond_the_balance_never_go_negative(mock, partner):
    peer = _usable_peer(partner, mock.url)
    references = [partner.otp(WALLET).json()["payload"]["otpReferenceId"] for _ in range(RACERS)]
    tickets, lock = iter(range(RACERS)), threading.Lock()

    def send(racer: Partner) -> httpx.Response:
        with lock:
            index = next(tickets)
        return racer.post("/wallet-transfer", {**racer.ids(WALLET), "toEnKashCardId": peer, "amount": 50,
                                               "transactionId": f"race-w2w-{index}", "otp": FIXED_OTP,
                                               "otpReferenceId": references[index]})

    replies = _race(partner, send)  # 32 × ₹50 = ₹1,600 against ₹1,000
    codes = [reply.json()["response_code"] for reply in replies]
    assert codes.count(0) == 20 and codes.count(1) == 12, codes
    assert {reply.json()["payload"] for reply in replies if reply.json()["response_code"] == 1} == {
        "Insufficient balance in wallet"}
    source = assert_balance_equals_history(partner, WALLET)["balance"]
    target_history = assert_balance_equals_history(partner, peer)
    target, credits = target_history["balance"], target_history["transactions"]
    assert (source, target) == (Decimal("0.00"), Decimal("1000.00"))
    assert len(credits) == 20
    assert_conserved(mock.url)
