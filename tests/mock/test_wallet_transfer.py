"""Wallet-to-wallet transfer: both legs or neither, limits of both tiers, OTP, idempotency, isolation."""

from __future__ import annotations

import pytest

from .funds_helpers import WALLET, assert_ledger_invariants, balance, history
from .gateway_helpers import transfer, usable_wallet
from .helpers import DEMO, OTHER, Partner


@pytest.fixture
def target(demo, client):
    return usable_wallet(demo, client)


def test_a_transfer_debits_the_source_and_credits_the_target_in_one_go(demo, client, target):
    reply = transfer(demo, "250.50", target, remarks="dinner")
    assert reply.json["response_code"] == 0, reply.json
    payload = reply.json["payload"]
    assert payload["status"] == "SUCCESS" and payload["transferType"] == "WALLET_TO_WALLET"
    assert payload["otbBalance"] == 749.5 and payload["amount"] == 250.5
    assert balance(demo) == 749.5 and balance(demo, target) == 250.5
    [debit] = [t for t in history(demo)["transactions"] if t["enKashCardTransactionId"] == payload["enkashCardTxnId"]]
    [credit] = history(demo, target)["transactions"]
    assert (debit["cardTransactionType"], credit["cardTransactionType"]) == ("DR", "CR")
    assert credit["enKashCardTransactionId"] == payload["creditEnkashCardTxnId"]
    assert debit["type"] == credit["type"] == "WALLET_TO_WALLET"
    assert debit["pgReferenceNumber"] == credit["pgReferenceNumber"] == payload["transactionId"]
    assert_ledger_invariants(demo, client)


def test_a_retried_transaction_id_returns_the_first_answer_and_moves_nothing(demo, client, target):
    first = transfer(demo, 100, target, transaction_id="w2w-retry")
    again = transfer(demo, 100.00, target, transaction_id="w2w-retry")  # a new OTP: not part of the request
    assert again.json == first.json
    assert balance(demo) == 900 and balance(demo, target) == 100
    other = transfer(demo, 101, target, transaction_id="w2w-retry")
    assert other.json["response_code"] == 1
    assert other.json["response_message"] == "transactionId was already used for a different request"
    assert balance(demo) == 900


def test_more_than_the_balance_is_refused_and_the_otp_stays_usable(demo, client, target):
    reference = demo.send_otp(WALLET)
    refused = transfer(demo, "1000.01", target, reference=reference)
    assert refused.json["payload"] == "Insufficient balance in wallet"
    assert balance(demo) == 1000 and balance(demo, target) == 0
    assert transfer(demo, "1000.00", target, reference=reference).json["response_code"] == 0
    assert balance(demo) == 0 and balance(demo, target) == 1000


def test_the_otp_is_the_source_wallets_single_use_transaction_otp(demo, client, target):
    reference = demo.send_otp(WALLET)
    otp = demo.otp_of(reference, WALLET)
    wrong = f"{(int(otp) + 1) % 1_000_000:06d}"
    assert transfer(demo, 10, target, reference=reference, otp=wrong).json["payload"].startswith("Invalid OTP")
    assert transfer(demo, 10, target, reference=reference, otp=otp).json["response_code"] == 0
    reused = transfer(demo, 10, target, reference=reference, otp=otp)
    assert reused.json["payload"] == "OTP already used"
    targets_otp = demo.send_otp(target)
    foreign = transfer(demo, 10, target, reference=targets_otp, otp=demo.otp_of(targets_otp, target))
    assert foreign.json["payload"] == "Invalid OTP reference"
    assert balance(demo) == 990


@pytest.mark.parametrize(("limits", "breached"), [({"maxBalance": 1000, "monthlyLoad": 600}, "monthlyLoad"),
                                                  ({"maxBalance": 600}, "maxBalance")])
def test_the_targets_load_limits_for_its_tier_are_honoured(make_app, limits, breached):
    client = make_app(wallet_limits={"MIN_KYC": limits}).test_client()
    demo = Partner(client, DEMO)
    target = usable_wallet(demo, client)
    assert transfer(demo, "600.00", target).json["response_code"] == 0
    refused = transfer(demo, "0.01", target)
    assert refused.json["payload"] == f"Amount exceeds the target wallet's {breached} limit for its KYC level"
    assert balance(demo, target) == 600 and balance(demo) == 400


def test_the_sources_monthly_debit_limit_is_honoured(make_app):
    app = make_app(wallet_limits={"MIN_KYC": {"monthlyDebit": 300}})
    client = app.test_client()
    demo = Partner(client, DEMO)
    target = usable_wallet(demo, client)
    assert transfer(demo, 300, target).json["response_code"] == 0
    refused = transfer(demo, "0.01", target)
    assert refused.json["payload"] == "Amount exceeds the wallet's monthlyDebit limit for its KYC level"


def test_both_wallets_must_be_usable(demo, client, target):
    pending = demo.create_wallet()["enKashCardId"]  # no minimum KYC yet
    assert transfer(demo, 10, pending).json["payload"] == (
        "Target wallet is not usable: minimum KYC and the latest T&C are required")
    assert transfer(demo, 10, WALLET, source="EKCBEFFEC1", otp="123456", reference="EK00000000").json["payload"] == (
        "Wallet is not usable: minimum KYC is not completed")
    assert balance(demo) == 1000


def test_another_partners_wallet_reads_as_missing(demo, other, client, target):
    foreign = transfer(demo, 10, "EKCQ7TST01")
    missing = transfer(demo, 10, "EKCNOSUCH1")
    assert foreign.json == missing.json
    assert foreign.json["payload"] == "Target wallet not found"
    assert "EKCQ7TST01" not in str(foreign.json)
    body = {"companyId": OTHER["companyId"], "cardAccountId": OTHER["cardAccountId"], "enKashCardId": WALLET,
            "toEnKashCardId": target, "amount": 1, "otp": "123456", "otpReferenceId": "EK00000000",
            "transactionId": "steal"}
    assert other.post("/wallet-transfer", body).json["payload"] == "Wallet not found"
    assert balance(demo) == 1000


def test_a_transfer_to_the_same_wallet_is_refused(demo):
    assert transfer(demo, 10, WALLET).json["payload"] == "Source and target wallet must differ"


@pytest.mark.parametrize("amount", [0, -1, "1.001", "abc", 10_000_000])
def test_a_bad_amount_is_a_422_in_the_envelope(demo, target, amount):
    reply = transfer(demo, amount, target, otp="123456", reference="EK00000000")
    assert reply.status_code == 422 and reply.json["response_code"] == 422
    assert balance(demo) == 1000
