"""Add Money by payment gateway: order → payment page or admin outcome → credit once, Payment Notify, expiry."""

from __future__ import annotations

import re

import pytest

from mock_server.webhooks.payloads import payment_notify_checksum

from .funds_helpers import WALLET, assert_ledger_invariants, balance, funds, history, top_up
from .gateway_helpers import create_order, order_status
from .helpers import DEMO, EMPTY_BASIC, OTHER, Partner


def _order(demo, amount="500.00", **changes) -> dict:
    reply = create_order(demo, amount, **changes)
    assert reply.json["response_code"] == 0, reply.json
    return reply.json["payload"]


def _notifies(client) -> list[dict]:
    events = client.get("/__admin/webhooks/events?eventType=PAYMENT_NOTIFY").json["events"]
    return [event["payload"] for event in events]


def _outcome(client, order_id: str, outcome: str, **body):
    return client.post(f"/__admin/gateway/orders/{order_id}/{outcome}", json=body or None)


def test_an_order_is_created_with_a_payment_page_and_credits_nothing_yet(demo, client):
    order = _order(demo, remarks="first")
    assert order["orderStatus"] == "CREATED" and order["amount"] == 500 and order["transactions"] == []
    assert re.fullmatch(r"http://localhost/__mock/pay/EKORD[A-Z0-9]{9}", order["paymentUrl"]), order["paymentUrl"]
    assert order["enkashCardTxnId"] is None
    assert balance(demo) == 1000 and _notifies(client) == []
    assert order_status(demo, order["orderId"]).json["payload"] == order


def test_paying_credits_the_wallet_once_and_notifies_with_the_documented_fields(demo, client):
    order = _order(demo, "250.75")
    paid = _outcome(client, order["orderId"], "pay", paymentMode="CARD")
    assert paid.status_code == 200 and paid.json["orderStatus"] == "PAID"
    assert balance(demo) == 1250.75
    status = order_status(demo, order["orderId"]).json["payload"]
    assert status["orderStatus"] == "PAID" and status["transactions"][0]["transactionStatus"] == "SUCCESS"
    [credit] = [t for t in history(demo)["transactions"] if t["enKashCardTransactionId"] == status["enkashCardTxnId"]]
    assert credit["cardTransactionType"] == "CR" and credit["principalAmount"] == 250.75
    assert credit["type"] == "ADD_MONEY_PG" and credit["pgReferenceNumber"] == order["uniqueTransactionId"]
    [notify] = _notifies(client)
    assert notify["status"] == notify["transactionStatus"] == "SUCCESS" and notify["orderStatus"] == "PAID"
    assert notify["amount"] == notify["finalAmount"] == notify["transactionAmount"] == 250.75
    assert notify["orderId"] == order["orderId"] and notify["uniqueTransactionId"] == order["uniqueTransactionId"]
    assert notify["paymentMode"] == "CARD" and notify["maskedCardNumber"].endswith("1111")
    assert notify["checksum"] == payment_notify_checksum(notify)
    again = _outcome(client, order["orderId"], "pay")
    assert again.status_code == 409 and "already PAID" in again.json["response_message"]
    assert balance(demo) == 1250.75 and len(_notifies(client)) == 1
    assert_ledger_invariants(demo, client)
    assert funds(client)["totals"]["conserved"]


def test_a_failed_payment_credits_nothing_and_notifies_failed(demo, client):
    order = _order(demo)
    failed = _outcome(client, order["orderId"], "fail", reason="Insufficient funds at bank")
    assert failed.json["orderStatus"] == "FAILED"
    assert balance(demo) == 1000
    [notify] = _notifies(client)
    assert (notify["status"], notify["orderStatus"]) == ("FAILED", "FAILED")
    assert notify["txnMsg"] == "Insufficient funds at bank"
    assert notify["bankTransactionId"] is None
    assert _outcome(client, order["orderId"], "pay").status_code == 409
    assert balance(demo) == 1000


def test_an_abandoned_order_expires_on_the_clock_and_never_credits(demo, client):
    order = _order(demo)
    left = _outcome(client, order["orderId"], "abandon")
    assert left.json["orderStatus"] == "ATTEMPTED" and left.json["transactions"][0]["transactionStatus"] == "CANCELLED"
    assert _notifies(client) == []  # not an outcome yet: the payer may come back until it expires
    client.post("/__admin/clock/advance", json={"seconds": 899})
    assert order_status(demo, order["orderId"]).json["payload"]["orderStatus"] == "ATTEMPTED"
    client.post("/__admin/clock/advance", json={"seconds": 1})
    expired = order_status(demo, order["orderId"]).json["payload"]
    assert expired["orderStatus"] == "EXPIRED" and expired["transactions"][-1]["transactionStatus"] == "EXPIRED"
    [notify] = _notifies(client)
    assert (notify["status"], notify["orderStatus"]) == ("EXPIRED", "EXPIRED")
    assert _outcome(client, order["orderId"], "pay").status_code == 409
    assert balance(demo) == 1000
    assert len(_notifies(client)) == 1, "expiry is notified once however often the order is read"


def test_the_expiry_is_configurable_and_seen_by_the_admin_list(make_app):
    client = make_app(gateway_order_ttl_seconds=60).test_client()
    demo = Partner(client, DEMO)
    order = _order(demo)
    client.post("/__admin/clock/advance", json={"seconds": 60})
    [listed] = client.get("/__admin/gateway/orders").json["orders"]
    assert listed["orderId"] == order["orderId"] and listed["orderStatus"] == "EXPIRED"
    assert listed["partnerId"] == DEMO["partnerId"]
    assert client.get("/__admin/gateway/orders?status=PAID").json["orders"] == []


def test_limits_apply_at_creation_and_again_at_payment(demo, client):
    refused = create_order(demo, "9000.01")  # 1,000 held: the MIN_KYC maximum of 10,000 would break
    assert refused.json["payload"] == "Amount exceeds the wallet's maxBalance limit for its KYC level"
    order = _order(demo, "9000.00")
    assert top_up(demo, "0.01").json["response_code"] == 0  # the balance grew after the order was made
    paid = _outcome(client, order["orderId"], "pay")
    assert paid.json["orderStatus"] == "FAILED"
    assert paid.json["transactions"][0]["txnMsg"] == "Amount exceeds the wallet's maxBalance limit for its KYC level"
    assert balance(demo) == 1000.01
    assert _notifies(client)[0]["status"] == "FAILED"


def test_a_retried_unique_transaction_id_returns_the_same_order(demo):
    first = create_order(demo, 100, unique_id="order-retry")
    assert create_order(demo, "100.00", unique_id="order-retry").json == first.json
    other = create_order(demo, 101, unique_id="order-retry")
    assert other.json["payload"] == "uniqueTransactionId was already used for a different request"


def test_orders_and_wallets_of_another_partner_read_as_missing(demo, other, client):
    order = _order(demo)
    mine = order_status(other, order["orderId"])
    missing = order_status(other, "EKORD000000000")
    assert mine.json == missing.json and mine.json["payload"] == "Order not found"
    body = {"companyId": OTHER["companyId"], "cardAccountId": OTHER["cardAccountId"], "enKashCardId": WALLET,
            "amount": 10, "uniqueTransactionId": "steal"}
    assert other.post("/add-money", body).json["payload"] == "Wallet not found"


def test_an_unusable_wallet_cannot_take_an_order(demo):
    assert create_order(demo, 10, "EKCBEFFEC1").json["payload"] == "Wallet is not usable: minimum KYC is not completed"


@pytest.mark.parametrize("order_id", ["EKORD", "ekord000000000", "x" * 40])
def test_a_malformed_order_id_is_a_422(demo, order_id):
    reply = order_status(demo, order_id)
    assert reply.status_code == 422 and reply.json["response_code"] == 422


def test_admin_outcomes_refuse_what_they_cannot_do(demo, client):
    order = _order(demo)
    assert _outcome(client, "EKORD000000000", "pay").status_code == 404
    assert _outcome(client, order["orderId"], "refund").status_code == 404
    assert _outcome(client, order["orderId"], "pay", paymentMode="CASH").status_code == 400
    assert client.post(f"/__admin/gateway/orders/{order['orderId']}/pay", json=[1]).status_code == 400
    assert balance(demo) == 1000


# --- the payment page -------------------------------------------------------------------------------
def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def test_the_page_pays_with_its_form_token_and_redirects(demo, client):
    order = _order(demo, "42.00")
    path = order["paymentUrl"].removeprefix("http://localhost")
    page = client.get(path)
    assert page.status_code == 200 and order["orderId"] in page.text and "INR 42.00" in page.text
    assert client.post(path, data={"action": "pay", "csrf": "0" * 32}).status_code == 403
    assert balance(demo) == 1000
    paid = client.post(path, data={"action": "pay", "paymentMode": "UPI", "csrf": _csrf(page.text)})
    assert paid.status_code == 303
    assert "PAID" in client.get(paid.headers["Location"]).text
    again = client.post(path, data={"action": "pay", "csrf": _csrf(page.text)})
    assert again.status_code == 409
    assert balance(demo) == 1042


def test_the_page_refuses_a_cross_site_post(demo, client):
    order = _order(demo)
    path = order["paymentUrl"].removeprefix("http://localhost")
    token = _csrf(client.get(path).text)
    reply = client.post(path, data={"action": "pay", "csrf": token}, headers={"Sec-Fetch-Site": "cross-site"})
    assert reply.status_code == 403
    assert balance(demo) == 1000


def test_the_page_of_a_session_carries_it_in_the_link(demo, client):
    form = {"username": DEMO["username"], "password": DEMO["password"], "grant_type": "password",
            "clientId": DEMO["clientId"]}
    token = client.post("/oauth/token", data=form, headers={**EMPTY_BASIC, "X-Mock-Session": "shop-1"}).json
    headers = {"Authorization": f"Bearer {token['access_token']}", "partnerId": DEMO["partnerId"],
               "X-Mock-Session": "shop-1"}
    body = {**demo.ids(WALLET), "amount": 5, "uniqueTransactionId": "in-session"}
    order = client.post("/api/v0/partner/enKashCard/add-money", json=body, headers=headers).json["payload"]
    assert order["paymentUrl"].endswith("?session=shop-1")
    path = order["paymentUrl"].removeprefix("http://localhost")
    assert client.get(path).status_code == 200
    assert client.get(path.split("?")[0]).status_code == 200  # found in the one session holding it
    assert client.get(path.split("?")[0] + "?session=elsewhere").status_code == 404
    assert client.get("/__mock/pay/EKORD000000000").status_code == 404


def test_admin_answers_match_docs_admin_openapi(demo, client):
    from pathlib import Path

    import jsonschema_rs
    import yaml

    spec = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "admin-openapi.yaml").read_text())

    def check(path: str, method: str, status: int, value) -> None:
        schema = spec["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
        jsonschema_rs.validator_for({"components": spec["components"], **schema}).validate(value)

    order = _order(demo)
    check("/__admin/gateway/orders", "get", 200, client.get("/__admin/gateway/orders").json)
    one = client.get(f"/__admin/gateway/orders/{order['orderId']}").json
    check("/__admin/gateway/orders/{orderId}", "get", 200, one)
    check("/__admin/gateway/orders/{orderId}/{outcome}", "post", 200, _outcome(client, order["orderId"], "pay").json)


def test_the_inspector_lists_orders_with_a_link_to_their_page(demo, client):
    order = _order(demo, "12.00")
    page = client.get("/__admin/ui").text
    table = page[page.index('id="gateway-orders"'):]
    assert order["orderId"] in table and "CREATED" in table
    assert f'/__mock/pay/{order["orderId"]}?session=default' in table
