"""The handle's transfer helpers on the in-process (respx) and live (HTTP) handles alike, and a transfer's
FUND_TRANSFER_STATUS webhooks reaching the user's own app in process."""

from __future__ import annotations

import httpx
import pytest

from mock_server.testing import AdminError
from mock_server.webhooks.payloads import payload_problems

from .test_handle import DEMO
from .test_handle_money import _base, _client, _headers
from .test_webhooks_handle import partner_app

BENEFICIARY = {"beneficiaryId": "BENEF001", "beneficiaryName": "Asha Verma",
               "beneficiaryAccountNumber": "50100123456789", "beneficiaryIfsc": "HDFC0000240"}


@pytest.fixture(params=["in_process", "live"])
def handle(request):
    return request.getfixturevalue("enkash_mock" if request.param == "in_process" else "enkash_live_mock")


def _ids(wallet: str) -> dict:
    return {"companyId": DEMO["companyId"], "cardAccountId": DEMO["cardAccountId"], "enKashCardId": wallet}


def _ready_wallet(handle, http: httpx.Client, headers: dict) -> str:
    """A FULL_KYC wallet (seeded so), funded by a top-up, with one bank beneficiary."""
    wallet = handle.seed_wallet(kycStatus="FULL_KYC", latestTncVersionAccepted=True)
    base = _base(handle)
    topped = http.post(f"{base}/balance", json={**_ids(wallet), "amount": "1000.00", "transactionType": "CR",
                                                "uniqueReferenceNumber": f"fund-{wallet}"}, headers=headers)
    assert topped.json()["response_code"] == 0, topped.json()
    added = http.post(f"{base}/beneficiary", json={**_ids(wallet), **BENEFICIARY}, headers=headers)
    assert added.json()["response_code"] == 0, added.json()
    return wallet


def _transfer(handle, http: httpx.Client, headers: dict, wallet: str, transaction_id: str, amount: str) -> dict:
    base = _base(handle)
    reference = http.post(f"{base}/otp", json={"cardOtpAction": "TRANSACTION_OTP", "enKashCardId": wallet,
                                               "cardAccountId": DEMO["cardAccountId"]}, headers=headers)
    body = {**_ids(wallet), "beneficiaryId": "BENEF001", "transactionId": transaction_id, "transferAmount": amount,
            "otp": handle.latest_otp(wallet), "otpReferenceId": reference.json()["payload"]["otpReferenceId"]}
    return http.post(f"{base}/fund-transfer", json=body, headers=headers).json()


def test_outcomes_statuses_and_forcing_through_the_handle(handle):
    handle.freeze("2026-11-25T11:00:00+05:30")
    with _client() as http:
        headers = _headers(handle, http)
        wallet = _ready_wallet(handle, http, headers)
        handle.beneficiary_outcome(wallet, "BENEF001", "REVERSE")
        assert _transfer(handle, http, headers, wallet, "H-REV", "100.00")["payload"]["status"] == "PROCESSING"
        handle.beneficiary_outcome(wallet, "BENEF001", "SUCCESS")
        assert _transfer(handle, http, headers, wallet, "H-FORCE", "50.00")["response_code"] == 0
    assert [t["status"] for t in handle.transfers(wallet)] == ["PROCESSING", "PROCESSING"]
    handle.force_transfer("H-FORCE", "FAILED", "Bank timeout")
    handle.advance(5)
    assert [t["status"] for t in handle.transfers(wallet, status="SUCCESS")] == ["SUCCESS"]
    handle.advance(3600)
    statuses = {t["transactionId"]: t["status"] for t in handle.transfers(wallet)}
    assert statuses == {"H-REV": "REVERSED", "H-FORCE": "FAILED"}
    assert str(handle.balance(wallet)) == "1000.00"
    with pytest.raises(AdminError, match="409"):
        handle.force_transfer("H-REV", "SUCCESS")
    with pytest.raises(AdminError, match="404"):
        handle.beneficiary_outcome(wallet, "NOBODY", "FAIL")


def test_a_transfers_status_webhooks_reach_the_users_app_in_process(enkash_mock):
    seen: list = []
    enkash_mock.freeze("2026-11-25T11:00:00+05:30")
    enkash_mock.webhooks.receive(partner_app(seen), url="http://127.0.0.1/enkash/webhook",
                                 events=["FUND_TRANSFER_STATUS"])
    with _client() as http:
        headers = _headers(enkash_mock, http)
        wallet = _ready_wallet(enkash_mock, http, headers)
        _transfer(enkash_mock, http, headers, wallet, "H-HOOK", "25.00")
    enkash_mock.webhooks.wait(1, eventType="FUND_TRANSFER_STATUS")  # deliveries due together may arrive in any order
    enkash_mock.advance(5)
    enkash_mock.webhooks.wait(2, eventType="FUND_TRANSFER_STATUS")
    assert [(item["body"]["previousStatus"], item["body"]["status"]) for item in seen] == [
        (None, "PROCESSING"), ("PROCESSING", "SUCCESS")]
    for received in enkash_mock.webhooks.received:
        assert payload_problems(enkash_mock.config.spec_path, "FUND_TRANSFER_STATUS", received.json) == []
