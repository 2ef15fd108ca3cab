"""IMPS transfers under races (SQLite store, one and two worker processes).

32 concurrent transfers with one transactionId debit once and all answer the first answer; 32
concurrent transfers that together exceed the balance never take it below zero, and once the clock
has settled them the balance equals the history and the session's money is conserved.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import httpx
import pytest
import yaml

from mock_server.config import DEFAULT_SEED_PATH

from .ledger_checks import WALLET
from .ledger_checks import assert_invariants as _assert_invariants
from .live import LiveMock, Partner
from .load import FIXED_OTP
from .test_concurrency import RACERS, _race

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=["1", "2"], ids=["workers1", "workers2"])
def mock(request, tmp_path_factory):
    directory = tmp_path_factory.mktemp("transfers")
    seed = yaml.safe_load(DEFAULT_SEED_PATH.read_text(encoding="utf-8"))
    wallet = next(w for w in seed["partners"][0]["wallets"] if w["enKashCardId"] == WALLET)
    wallet["kycStatus"] = "FULL_KYC"  # as if VKYC was approved: a wallet that may send to a bank account
    (directory / "seed.yaml").write_text(yaml.safe_dump(seed), encoding="utf-8")
    with LiveMock(directory, "--workers", request.param, "--threads", "8", "--fixed-otp", FIXED_OTP,
                  "--seed-path", str(directory / "seed.yaml")) as served:
        yield served


@pytest.fixture
def partner(mock):
    httpx.post(f"{mock.url}/__admin/reset")
    httpx.put(f"{mock.url}/__admin/clock", json={"now": "2026-11-25T11:00:00+05:30"})
    partner = Partner(mock.url).login()
    added = partner.post("/beneficiary", {**partner.ids(WALLET), "beneficiaryId": "BENEF001",
                                          "beneficiaryName": "Asha Verma", "beneficiaryAccountNumber": "50100123456789",
                                          "beneficiaryIfsc": "HDFC0000240"})
    assert added.json()["response_code"] == 0, added.json()
    return partner


def _otp_reference(partner: Partner) -> str:
    sent = partner.post("/otp", {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": "CAC7975",
                                 "enKashCardId": WALLET}).json()
    return sent["payload"]["otpReferenceId"]


def _transfer_body(transaction_id: str, reference: str, amount: str) -> dict:
    return {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "enKashCardId": WALLET,
            "beneficiaryId": "BENEF001", "transactionId": transaction_id, "transferAmount": amount,
            "otp": FIXED_OTP, "otpReferenceId": reference}


def test_32_concurrent_transfers_with_one_transaction_id_debit_once(mock, partner):
    body = _transfer_body("race-imps", _otp_reference(partner), "7.00")
    replies = _race(partner, lambda racer: racer.post("/fund-transfer", body))
    payloads = [reply.json()["payload"] for reply in replies]
    assert all(reply.json()["response_code"] == 0 for reply in replies), payloads[:3]
    assert len({p["enkashTransactionId"] for p in payloads}) == 1, "every retry must return the first answer"
    history = _assert_invariants(partner, mock.url)
    assert history["balance"] == Decimal("993.00")
    assert [t["pgReferenceNumber"] for t in history["transactions"]].count("race-imps") == 1


def test_32_concurrent_transfers_beyond_the_balance_never_go_negative(mock, partner):
    references = [_otp_reference(partner) for _ in range(RACERS)]
    tickets, lock = iter(range(RACERS)), threading.Lock()

    def send(racer: Partner) -> httpx.Response:
        with lock:
            index = next(tickets)
        return racer.post("/fund-transfer", _transfer_body(f"race-imps-{index}", references[index], "50.00"))

    replies = _race(partner, send)  # 32 × ₹50 = ₹1,600 against ₹1,000
    codes = [reply.json()["response_code"] for reply in replies]
    assert codes.count(0) == 20 and codes.count(1) == 12
    assert {reply.json()["payload"] for reply in replies if reply.json()["response_code"] == 1} == {
        "Insufficient balance in wallet"}
    assert _assert_invariants(partner, mock.url)["balance"] == 0
    httpx.post(f"{mock.url}/__admin/clock/advance", json={"seconds": 5})
    statuses = [t["status"] for t in httpx.get(f"{mock.url}/__admin/transfers").json()["transfers"]]
    assert statuses == ["SUCCESS"] * 20
    assert _assert_invariants(partner, mock.url)["balance"] == 0
