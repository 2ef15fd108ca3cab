"""The handle's money helpers, on the in-process (respx) and the live (HTTP) handle alike."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from mock_server.testing import AdminError

from .test_handle import API, DEMO, bearer

WALLET = "EKCWLUAADN"  # seeded usable with ₹1,000.00


@pytest.fixture(params=["in_process", "live"])
def handle(request):
    return request.getfixturevalue("enkash_mock" if request.param == "in_process" else "enkash_live_mock")


def _base(handle) -> str:
    return API if not hasattr(handle, "api_url") else f"{handle.api_url}/api/v0/partner/enKashCard"


def _client():
    return httpx.Client(trust_env=False)


def _headers(handle, http) -> dict:
    if hasattr(handle, "auth_url"):
        form = {"username": "6001020040", "password": "Test@1234567", "grant_type": "password",
                "clientId": "CEKHZH0UHW"}
        token = http.post(f"{handle.auth_url}/oauth/token", data=form, headers={"Authorization": "Basic Og=="})
        return {"Authorization": f"Bearer {token.json()['access_token']}", "partnerId": DEMO["partnerId"]}
    return bearer(http)


def _top_up(handle, http, headers, amount: str, reference: str) -> dict:
    body = {"companyId": DEMO["companyId"], "cardAccountId": DEMO["cardAccountId"], "enKashCardId": WALLET,
            "amount": amount, "transactionType": "CR", "uniqueReferenceNumber": reference}
    return http.post(f"{_base(handle)}/balance", json=body, headers=headers).json()


def test_balance_and_transactions_follow_a_top_up(handle):
    assert handle.balance(WALLET) == Decimal("1000.00")
    with _client() as http:
        answer = _top_up(handle, http, _headers(handle, http), "12.34", "handle-1")
    assert answer["response_code"] == 0, answer
    assert handle.balance(WALLET) == Decimal("1012.34")
    newest = handle.transactions(WALLET)[0]
    assert (newest["pgReferenceNumber"], newest["principalAmount"], newest["cardTransactionType"]) == (
        "handle-1", 12.34, "CR")


def test_fund_account_raises_the_card_account_balance_exactly(handle):
    before = handle.fund_account("CAP7975", "0.01")
    assert handle.fund_account("CAP7975", Decimal("1000.10")) == before + Decimal("1000.10")
    with pytest.raises(AdminError, match="404"):
        handle.fund_account("CANOSUCH", 1)
    with pytest.raises(AdminError, match="400"):
        handle.fund_account("CAP7975", "1.001")


def test_add_merchant_then_debit_and_settle(handle):
    merchant = handle.add_merchant("Corner Shop")
    assert merchant.startswith("MD") and len(merchant) == 16
    with _client() as http:
        headers = _headers(handle, http)
        otp_body = {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": DEMO["cardAccountId"], "enKashCardId": WALLET}
        sent = http.post(f"{_base(handle)}/otp", json=otp_body, headers=headers).json()
        reference = sent["payload"]["otpReferenceId"]
        debit = {"merchantDetailId": merchant, "enkashCardId": WALLET, "companyId": DEMO["companyId"],
                 "cardAccountId": DEMO["cardAccountId"], "amount": 40, "otp": handle.latest_otp(WALLET),
                 "otpReferenceId": reference, "uniqueTransactionId": "handle-debit-1"}
        paid = http.post(f"{_base(handle)}/ppi-merchant-transaction", json=debit, headers=headers).json()
    assert (paid["response_code"], paid["payload"]["settlementStatus"]) == (0, "PENDING"), paid
    assert handle.balance(WALLET) == Decimal("960.00")
    assert handle.settle("handle-debit-1")["settlementStatus"] == "SETTLED"
    assert handle.settle("handle-debit-1", "PENDING_WITH_BANK")["settlementStatus"] == "PENDING_WITH_BANK"
    refunded = handle.settle("handle-debit-1", "REFUND")
    assert refunded["settlementStatus"] == "REFUND" and refunded["refundTxnId"].startswith("ECT")
    assert handle.balance(WALLET) == Decimal("1000.00")
    with pytest.raises(AdminError, match="409"):
        handle.settle("handle-debit-1", "SETTLED")
