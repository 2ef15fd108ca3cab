"""Money under races and crashes (SQLite store, one and two worker processes).

32 concurrent top-ups with one uniqueReferenceNumber credit exactly once; 32 concurrent merchant
debits that together exceed the balance never take it below zero and leave balance = history;
`kill -9` during a top-up load loses no acknowledged transaction and the ledger invariants hold.
"""

from __future__ import annotations

import itertools
import threading
import time
from decimal import Decimal

import httpx
import pytest

from .ledger_checks import WALLET
from .ledger_checks import assert_invariants as _assert_invariants
from .live import LiveMock, Partner
from .load import FIXED_OTP
from .test_concurrency import RACERS, _race

pytestmark = pytest.mark.e2e

def _top_up_body(reference: str, amount: str = "1.00") -> dict:
    return {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "enKashCardId": WALLET, "amount": amount,
            "transactionType": "CR", "uniqueReferenceNumber": reference}


def test_32_concurrent_top_ups_with_one_reference_credit_once(mock, partner):
    replies = _race(partner, lambda racer: racer.post("/balance", _top_up_body("race-ref", "7.00")))
    payloads = [reply.json()["payload"] for reply in replies]
    assert all(reply.json()["response_code"] == 0 for reply in replies), payloads[:3]
    assert len({p["enkashCardTxnId"] for p in payloads}) == 1, "every retry must return the first answer"
    history = _assert_invariants(partner, mock.url)
    assert history["balance"] == Decimal("1007.00")
    assert [t["pgReferenceNumber"] for t in history["transactions"]].count("race-ref") == 1


def test_32_concurrent_debits_beyond_the_balance_never_go_negative(mock, partner):
    references = []
    for _ in range(RACERS):
        sent = partner.post("/otp", {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": "CAC7975",
                                     "enKashCardId": WALLET}).json()
        references.append(sent["payload"]["otpReferenceId"])
    tickets = iter(range(RACERS))
    lock = threading.Lock()

    def pay(racer: Partner) -> httpx.Response:
        with lock:
            index = next(tickets)
        return racer.post("/ppi-merchant-transaction", {
            "merchantDetailId": "MD7GWIYV3VEMQ8KQ", "enkashCardId": WALLET, "companyId": "CEKQ08TRRG",
            "cardAccountId": "CAC7975", "amount": 50, "otp": FIXED_OTP, "otpReferenceId": references[index],
            "uniqueTransactionId": f"race-debit-{index}"})

    replies = _race(partner, pay)  # 32 × ₹50 = ₹1,600 against ₹1,000
    codes = [reply.json()["response_code"] for reply in replies]
    assert codes.count(0) == 20 and codes.count(1) == 12
    refused = {reply.json()["payload"] for reply in replies if reply.json()["response_code"] == 1}
    assert refused == {"Insufficient balance in wallet"}
    history = _assert_invariants(partner, mock.url)
    assert history["balance"] == 0


def test_sigkill_during_top_ups_loses_no_acknowledged_credit(tmp_path):
    mock = LiveMock(tmp_path, "--workers", "2").start()
    acknowledged: dict[str, str] = {}
    lock, stop = threading.Lock(), threading.Event()
    try:
        token = Partner(mock.url).login().token

        def load(index: int) -> None:
            client = Partner(mock.url)
            client.token = token
            try:
                for number in itertools.count():
                    if stop.is_set():
                        return
                    reference = f"kill-{index}-{number}"
                    reply = client.post("/balance", _top_up_body(reference, "0.01"))
                    if reply.status_code == 200 and reply.json()["response_code"] == 0:
                        with lock:
                            acknowledged[reference] = reply.json()["payload"]["enkashCardTxnId"]
            except (httpx.TransportError, ValueError):
                pass  # the server died under us: what was acknowledged is recorded
            finally:
                client.http.close()

        threads = [threading.Thread(target=load, args=(index,)) for index in range(4)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 15  # a busy machine may be slow: kill once enough was acknowledged
        while len(acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        mock.kill()  # SIGKILL mid-load
        stop.set()
        for thread in threads:
            thread.join(30)
    finally:
        mock.kill()
    assert len(acknowledged) >= 10, "the load did not get far enough to prove anything"

    with LiveMock(tmp_path, "--workers", "2") as again:
        partner = Partner(again.url)
        partner.token = token  # the token survived the crash too
        history = _assert_invariants(partner, again.url)
        stored = {t["pgReferenceNumber"]: t["enKashCardTransactionId"] for t in history["transactions"]}
        lost = {ref: txn for ref, txn in acknowledged.items() if stored.get(ref) != txn}
        assert not lost, f"{len(lost)} acknowledged top-up(s) lost"
        partner.http.close()
