"""The handle's payment-gateway helpers: pay, fail, abandon, expire an order, in process and live alike."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mock_server.testing import AdminError

from .test_handle import DEMO
from .test_handle_money import WALLET, _base, _client, _headers


@pytest.fixture(params=["in_process", "live"])
def handle(request):
    return request.getfixturevalue("enkash_mock" if request.param == "in_process" else "enkash_live_mock")


def _order(handle, amount: str, unique_id: str) -> dict:
    body = {"companyId": DEMO["companyId"], "cardAccountId": DEMO["cardAccountId"], "enKashCardId": WALLET,
            "amount": amount, "uniqueTransactionId": unique_id}
    with _client() as http:
        answer = http.post(f"{_base(handle)}/add-money", json=body, headers=_headers(handle, http)).json()
    assert answer["response_code"] == 0, answer
    return answer["payload"]


def test_pay_credits_once_and_a_second_pay_is_refused(handle):
    order = _order(handle, "20.50", "handle-order-1")
    assert handle.gateway.pay(order["orderId"], "NET_BANKING")["orderStatus"] == "PAID"
    assert handle.balance(WALLET) == Decimal("1020.50")
    with pytest.raises(AdminError, match="already PAID"):
        handle.gateway.pay(order["orderId"])
    assert handle.balance(WALLET) == Decimal("1020.50")
    [listed] = handle.gateway.orders(status="PAID")
    assert listed["orderId"] == order["orderId"] and listed["transactions"][0]["paymentMode"] == "NET_BANKING"


def test_fail_abandon_and_expire_credit_nothing(handle):
    failed, left = _order(handle, "5.00", "handle-order-2"), _order(handle, "6.00", "handle-order-3")
    assert handle.gateway.fail(failed["orderId"], "Declined")["transactions"][0]["txnMsg"] == "Declined"
    assert handle.gateway.abandon(left["orderId"])["orderStatus"] == "ATTEMPTED"
    assert handle.gateway.expire(left["orderId"])["orderStatus"] == "EXPIRED"
    assert handle.balance(WALLET) == Decimal("1000.00")
    assert {order["orderStatus"] for order in handle.gateway.orders()} == {"FAILED", "EXPIRED"}


def test_a_paid_order_reaches_the_partners_webhook_receiver(enkash_mock):
    from mock_server.webhooks.payloads import payment_notify_checksum

    enkash_mock.webhooks.receive(events=["PAYMENT_NOTIFY"])
    order = _order(enkash_mock, "75.00", "handle-order-notify")
    enkash_mock.gateway.pay(order["orderId"], "CARD")
    [delivery] = enkash_mock.webhooks.wait(1, eventType="PAYMENT_NOTIFY")
    [received] = enkash_mock.webhooks.received
    body = received.json
    assert delivery["eventId"] == received.headers["x-enkash-event-id"]
    assert (body["orderId"], body["status"], body["amount"]) == (order["orderId"], "SUCCESS", 75)
    assert body["cardScheme"] == "VISA" and body["checksum"] == payment_notify_checksum(body)
