"""The money operations over HTTP: top-up, limits, balances, history, controls, merchant debit, settlement."""

from __future__ import annotations

import pytest
import yaml

from mock_server.checks import iter_examples
from mock_server.config import DEFAULT_SPEC_PATH
from mock_server.http.spec import load_spec

from .funds_helpers import (
    MERCHANT,
    WALLET,
    assert_ledger_invariants,
    balance,
    debit,
    funds,
    history,
    top_up,
)
from .helpers import wallet_body

FUNDS_OPERATIONS = {"topUpWallet", "validateWalletLoadLimit", "getCardBalance", "getCardAccount",
                    "listTransactions", "setCardControls", "getCardControls", "debitWalletForMerchant"}
# The docs' examples that carry a sample OTP: the seed holds their ids (wallet, card account, company),
# so the sample OTP is the only thing refused; with an OTP of its own the same example succeeds.
OTP_EXAMPLES = {"docsMerchantDebit"}


def _examples():
    spec = load_spec(str(DEFAULT_SPEC_PATH))
    for operation, where, _, value in iter_examples(spec):
        if operation.operation_id in FUNDS_OPERATIONS:
            yield pytest.param(operation, value, id=where.split("'")[1]), where.split("'")[1]


@pytest.mark.parametrize(("case", "name"), list(_examples()))
def test_the_docs_examples_work_against_the_default_seed(demo, case, name):
    operation, value = case.values
    response = demo.client.open(operation.path, method=operation.method, json=value, headers=demo.headers)
    assert response.status_code == 200, response.json
    if name in OTP_EXAMPLES:
        assert (response.json["response_code"], response.json["response_message"]) == (1, "Invalid OTP reference")
        return
    assert response.json["response_code"] == 0, response.json


def test_every_no_otp_docs_example_of_the_money_operations_succeeds_as_written(demo):
    """Issue 12: each money operation's docs example is in the spec; those without an OTP succeed on the
    default seed with only the host changed (the docs' card-controls example included: its ids are seeded)."""
    sent = {}
    for operation, where, _, value in iter_examples(load_spec(str(DEFAULT_SPEC_PATH))):
        name = where.split("'")[1]
        if operation.operation_id not in FUNDS_OPERATIONS or not name.startswith("docs") or name in OTP_EXAMPLES:
            continue
        response = demo.client.open(operation.path, method=operation.method, json=value, headers=demo.headers)
        sent[name] = (response.status_code, response.json["response_code"])
    assert "docsVelocityRule" in sent and len(sent) >= 5, sent
    assert set(sent.values()) == {(200, 0)}, sent


def test_the_docs_merchant_debit_succeeds_with_an_otp_of_its_own_wallet(demo):
    """The docs' example as written, but with a TRANSACTION_OTP generated for its wallet (EKCKIE9O2R)."""
    example = _docs_example("docsMerchantDebit")
    sent = demo.post("/otp", {"cardOtpAction": "TRANSACTION_OTP", "enKashCardId": example["enkashCardId"],
                              "cardAccountId": example["cardAccountId"]})
    reference = sent.json["payload"]["otpReferenceId"]
    body = {**example, "otpReferenceId": reference, "otp": demo.otp_of(reference, example["enkashCardId"])}
    response = demo.post("/ppi-merchant-transaction", body)
    assert response.json["response_code"] == 0, response.json
    payload = response.json["payload"]
    assert (payload["amount"], payload["otbBalance"], payload["settlementStatus"]) == (20.0, 460.0, "PENDING")


def test_the_docs_settlement_status_example_reads_the_seeded_payment(demo):
    """The docs' GET example (the query parameter's own example in the spec) as written."""
    spec = yaml.safe_load(DEFAULT_SPEC_PATH.read_text(encoding="utf-8"))
    parameters = spec["paths"]["/api/v0/partner/enKashCard/settlement-status"]["get"]["parameters"]
    example = next(item["example"] for item in parameters if item.get("name") == "merchantUniqueTxnId")
    response = demo.get("/settlement-status", merchantUniqueTxnId=example)
    assert response.json["response_code"] == 0, response.json
    payload = response.json["payload"]
    assert (payload["amount"], payload["enkashCardId"], payload["settlementStatus"]) == (20.0, "EKCKIE9O2R", "PENDING")


def _docs_example(name: str) -> dict:
    for _, where, _, value in iter_examples(load_spec(str(DEFAULT_SPEC_PATH))):
        if where.split("'")[1] == name:
            return value
    raise LookupError(name)


def test_docs_top_up_credits_once_and_replays_its_answer(demo, client):
    first = top_up(demo, 10, reference="Ref123")
    again = top_up(demo, "10.00", reference="Ref123")  # the same request: the amount's spelling differs only
    assert first.json == again.json
    payload = first.json["payload"]
    assert payload["pgReferenceNumber"] == "Ref123" and payload["enkashCardTxnId"].startswith("ECT")
    assert len(payload["enkashCardTxnId"]) == 13 and payload["otbBalance"] == 1010.0
    assert balance(demo) == 1010.0
    assert history(demo)["totalElements"] == 2  # the seed's load and this one
    assert_ledger_invariants(demo, client)


def test_a_reference_reused_for_another_request_is_refused(demo):
    top_up(demo, 10, reference="R-1")
    response = top_up(demo, 11, reference="R-1")
    assert (response.json["response_code"], response.json["payload"]) == (
        1, "uniqueReferenceNumber was already used for a different request")
    assert balance(demo) == 1010.0


def test_reject_mode_refuses_every_repeat(make_app):
    from .helpers import DEMO, Partner

    demo = Partner(make_app(idempotency_mode="reject").test_client(), DEMO)
    assert top_up(demo, 10, reference="R-2").json["response_code"] == 0
    assert top_up(demo, 10, reference="R-2").json["response_message"] == "Duplicate uniqueReferenceNumber"
    assert balance(demo) == 1010.0


@pytest.mark.parametrize("amount", [0, -1, 1.001, "1.001", "NaN", "Infinity", "abc", "", True, None, [10]])
def test_bad_amounts_are_422_and_move_nothing(demo, amount):
    response = top_up(demo, amount)
    assert response.status_code == 422
    assert response.json["payload"]["violations"][0]["field"] == "amount"
    assert balance(demo) == 1000.0


def test_a_bare_nan_is_not_json_at_all(demo):
    raw = b'{"enKashCardId": "EKCWLUAADN", "amount": NaN, "transactionType": "CR"}'
    response = demo.client.post("/api/v0/partner/enKashCard/balance", data=raw, content_type="application/json",
                                headers=demo.headers)
    assert response.status_code == 400


def test_numeric_strings_are_accepted_as_real_clients_send_them(demo):
    body = {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "createdBy": "og", "amount": "12.34",
            "uniqueReferenceNumber": "ordergrid-order-" + "0" * 36, "remarks": "r", "enKashCardId": WALLET,
            "transactionType": "CR"}
    assert demo.post("/balance", body).json["payload"]["otbBalance"] == 1012.34


def test_transaction_type_is_required_and_must_be_cr(demo):
    missing = demo.post("/balance", {"enKashCardId": WALLET, "amount": 1})
    assert missing.status_code == 400
    assert [v["field"] for v in missing.json["payload"]["violations"]] == ["transactionType"]
    debit_type = top_up(demo, 1, transactionType="DR")
    assert (debit_type.json["response_code"], debit_type.json["payload"]) == (
        1, "Only transactionType CR is allowed for a load")


def test_a_wallet_must_be_usable_to_load(demo, client):
    pending = top_up(demo, 1, wallet="EKCBEFFEC1")
    assert pending.json["payload"] == "Wallet is not usable: minimum KYC is not completed"
    demo.complete_min_kyc("EKCBEFFEC1")
    assert top_up(demo, 1, wallet="EKCBEFFEC1").json["payload"] == (
        "Wallet is not usable: the latest T&C are not accepted")
    client.post("/__admin/tnc/EKCBEFFEC1/accept")
    assert top_up(demo, 1, wallet="EKCBEFFEC1").json["payload"]["otbBalance"] == 1.0


def test_insufficient_card_account_balance_is_the_documented_failure(make_app):
    from .helpers import DEMO, Partner

    app = make_app(wallet_limits={})  # no KYC limits, so only the card account can refuse
    demo = Partner(app.test_client(), DEMO)
    response = top_up(demo, "499000.01")
    assert response.json == {"response_code": 1, "response_message": "Insufficient balance in card account",
                             "payload": "Insufficient balance in card account"}
    assert top_up(demo, "499000.00").json["response_code"] == 0
    app.test_client().post("/__admin/card-accounts/CAC7975/fund", json={"amount": 5})
    assert top_up(demo, 5).json["payload"]["otbBalance"] == 500005.0


def test_min_kyc_limits_outstanding_and_monthly_loads(demo, client):
    assert top_up(demo, 9000).json["response_code"] == 0  # exactly ₹10,000 outstanding
    over = top_up(demo, "0.01")
    assert over.json["payload"] == "Amount exceeds the wallet's maxBalance limit for its KYC level"
    check = demo.post("/validate/wallet-load-limit", {"enKashCardId": WALLET, "cardAccountId": "CAC7975",
                                                      "amountToLoad": "0.01"}).json["payload"]
    assert (check["allowed"], check["exceededLimit"], check["maxBalanceHeadroom"]) == (False, "maxBalance", 0.0)
    assert check["remainingMonthlyLimit"] == 1000.0  # 9,000 loaded this month (the seed's balance is no load)
    assert balance(demo) == 10000.0


def test_monthly_load_limit_resets_with_the_ist_month(make_app):
    from .helpers import DEMO, Partner

    app = make_app(wallet_limits={"MIN_KYC": {"monthlyLoad": 100}})
    client = app.test_client()
    client.put("/__admin/clock", json={"now": "2026-12-31T23:00:00+05:30"})
    demo = Partner(client, DEMO)
    assert top_up(demo, 100).json["response_code"] == 0
    assert top_up(demo, 1).json["payload"] == "Amount exceeds the wallet's monthlyLoad limit for its KYC level"
    client.post("/__admin/clock/advance", json={"seconds": 3600})  # 00:00 IST on 1 January
    demo.token = None
    assert top_up(demo, 100).json["response_code"] == 0


def test_validation_moves_no_money(demo):
    before = history(demo)
    check = demo.post("/validate/wallet-load-limit", {"enKashCardId": WALLET, "cardAccountId": "CAC7975",
                                                      "amountToLoad": "100"}).json["payload"]
    assert (check["allowed"], check["amountToLoad"], check["maxBalanceHeadroom"]) == (True, 100.0, 9000.0)
    assert history(demo) == before


def test_history_is_newest_first_paged_and_filtered(demo):
    for index in range(5):
        top_up(demo, index + 1, reference=f"page-{index}")
    page = demo.post("/transaction/all", {**demo.ids(WALLET), "page": 1, "size": 2}).json["payload"]
    assert [t["pgReferenceNumber"] for t in page["transactions"]] == ["page-2", "page-1"]
    assert (page["totalElements"], page["totalPages"]) == (6, 3)
    found = history(demo, pgReferenceNumber="page-3")["transactions"]
    assert [(t["principalAmount"], t["balance"]) for t in found] == [(4.0, 1010.0)]
    assert history(demo, cardTransactionType="DR")["totalElements"] == 0
    assert history(demo, amountFrom=2, amountTo=3)["totalElements"] == 2
    assert history(demo, txnDateTo="1999-01-01T00:00:00Z")["totalElements"] == 0


def test_card_account_reads_the_prefunded_balance_and_its_cards(demo):
    top_up(demo, 10)
    payload = demo.post("/cardAccount/get", {"cardAccountId": "CAC7975", "companyId": "CEKQ08TRRG"}).json["payload"]
    assert (payload["availableBalance"], payload["availableCardBalance"]) == (498990.0, 1010.0)
    assert (payload["accountType"], payload["totalCards"], payload["activeCards"]) == ("WALLET", 2, 1)
    gpr = demo.post("/cardAccount/get", {"cardAccountId": "CAP7975", "companyId": "CEKQ08TRRG"}).json["payload"]
    assert (gpr["accountType"], gpr["availableBalance"], gpr["primaryEnKashCard"]) == (
        "RELOADABLE_GPR", 250000.0, None)


def test_create_requires_what_the_product_requires(demo):
    bare = {"companyId": "CEKQ08TRRG", "cardAccountId": "CAP7975"}
    created = demo.post("", bare).json
    assert created["response_code"] == 0 and created["payload"]["cardAccountId"] == "CAP7975"
    assert (created["payload"]["otbBalance"], created["payload"]["cardStatus"]["name"]) == (0.0, "INACTIVE")
    assert created["payload"]["maskedNumber"].startswith("XXXX XXXX XXXX ")
    refused = demo.post("", {**bare, "cardAccountId": "CAC7975", "firstName": "Kris"})
    assert refused.status_code == 400
    assert [v["field"] for v in refused.json["payload"]["violations"]] == [
        "email", "mobile", "title", "lastName", "gender", "address", "city", "state", "country", "pincode",
        "documents"]
    assert demo.post("", wallet_body()).json["response_code"] == 0


def test_search_without_a_wallet_lists_the_card_account(demo, other):
    listed = demo.post("/search", {"cardAccountId": "CAC7975", "companyId": "CEKQ08TRRG"}).json["payload"]
    assert {w["enKashCardId"] for w in listed["data"]} == {"EKCWLUAADN", "EKCBEFFEC1"}
    assert listed["recordsCount"] == 2
    foreign = other.post("/search", {"cardAccountId": "CAC7975", "companyId": "CEKQ7TST22"}).json
    assert foreign["response_code"] == 1


def test_card_controls_are_stored_and_read(demo):
    rule = {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "enKashCardIds": [WALLET, "EKCBEFFEC1"],
            "onlineAllowed": False, "perTxnLimit": "100", "dtdCount": 3}
    assert demo.post("/velocity/rule", rule).status_code == 422  # "100" as a string: BigDecimal wants a number
    rule["perTxnLimit"] = 100
    set_ = demo.post("/velocity/rule", rule).json["payload"]
    assert [r["enKashCardId"] for r in set_["rules"]] == [WALLET, "EKCBEFFEC1"]
    read = demo.post("/velocity/rule/get", demo.ids(WALLET)).json["payload"]
    assert (read["onlineAllowed"], read["perTxnLimit"], read["dtdCount"], read["posAllowed"]) == (False, 100.0, 3, True)


@pytest.mark.parametrize(("ids", "status"), [(WALLET, 400), ([], 422), ([WALLET] * 101, 422)])
def test_card_control_ids_are_an_array_of_one_to_a_hundred(demo, ids, status):
    response = demo.post("/velocity/rule", {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975",
                                            "enKashCardIds": ids})
    assert response.status_code == status


def test_card_controls_are_all_or_nothing(demo, other):
    rule = {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "enKashCardIds": [WALLET, "EKCQ7TST01"],
            "onlineAllowed": False}
    assert demo.post("/velocity/rule", rule).json["payload"] == "Wallet not found"
    assert demo.post("/velocity/rule/get", demo.ids(WALLET)).json["payload"]["onlineAllowed"] is True


def test_merchant_debit_with_otp_then_settlement_on_the_clock(demo, client):
    client.put("/__admin/clock", json={"now": "2026-11-27T12:00:00+05:30"})  # a Friday
    demo.token = None
    paid = debit(demo, 20.00, unique_id="FAYDA_TXN_1234").json
    assert paid["response_code"] == 0, paid
    assert (paid["payload"]["status"], paid["payload"]["settlementStatus"], paid["payload"]["otbBalance"]) == (
        "SUCCESS", "PENDING", 980.0)
    newest = history(demo)["transactions"][0]
    assert (newest["cardTransactionType"], newest["merchantDetailId"], newest["principalAmount"]) == (
        "DR", MERCHANT, 20.0)
    statuses = []
    for seconds in (0, 3600, 3 * 86400 - 2 * 3600, 86400):  # +1 h, Monday 10:00, Tuesday 10:00
        client.post("/__admin/clock/advance", json={"seconds": seconds})
        demo.token = None
        statuses.append(demo.get("/settlement-status", merchantUniqueTxnId="FAYDA_TXN_1234").json["payload"]
                        ["settlementStatus"])
    assert statuses == ["PENDING", "APPROVED", "SETTLEMENT_IN_PROCESS", "SETTLED"]
    assert_ledger_invariants(demo, client)


def test_a_debit_needs_the_right_unused_otp(demo):
    reference = demo.send_otp(WALLET)
    right = demo.otp_of(reference, WALLET)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    assert debit(demo, 5, reference=reference, otp=wrong).json["response_code"] == 1
    assert debit(demo, 5, reference=reference, otp=right).json["response_code"] == 0
    reused = debit(demo, 5, reference=reference, otp=right).json
    assert (reused["response_code"], reused["payload"]) == (1, "OTP already used")
    assert balance(demo) == 995.0


def test_a_retried_debit_replays_and_debits_once(demo):
    reference = demo.send_otp(WALLET)
    otp = demo.otp_of(reference, WALLET)
    first = debit(demo, 5, reference=reference, otp=otp, unique_id="once")
    again = debit(demo, 5, reference=reference, otp=otp, unique_id="once")
    assert first.json == again.json and balance(demo) == 995.0
    other_amount = debit(demo, 6, unique_id="once").json
    assert other_amount["payload"] == "uniqueTransactionId was already used for a different request"


def test_refused_debits_leave_the_otp_usable(demo, client):
    reference = demo.send_otp(WALLET)
    otp = demo.otp_of(reference, WALLET)
    too_much = debit(demo, "1000.01", reference=reference, otp=otp).json
    assert too_much["payload"] == "Insufficient balance in wallet"
    unknown = debit(demo, 1, reference=reference, otp=otp, merchant="MD00000000000000").json
    assert unknown["payload"] == "Merchant not found"
    foreign = debit(demo, 1, reference=reference, otp=otp, merchant="MDQ7TESTMERCHNT2").json
    assert foreign["payload"] == "Merchant not found"
    demo.post("/velocity/rule", {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975",
                                 "enKashCardIds": [WALLET], "onlineAllowed": False})
    assert debit(demo, 1, reference=reference, otp=otp).json["payload"] == (
        "Transaction refused by the card controls (onlineAllowed)")
    demo.post("/velocity/rule", {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975",
                                 "enKashCardIds": [WALLET], "onlineAllowed": True, "dtdCount": 1})
    assert debit(demo, 1000, reference=reference, otp=otp).json["response_code"] == 0  # the same OTP, still good
    assert balance(demo) == 0.0
    assert_ledger_invariants(demo, client)


def test_card_control_counts_and_amounts_limit_debits(demo):
    demo.post("/velocity/rule", {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975",
                                 "enKashCardIds": [WALLET], "dtd": 30, "perTxnLimit": 25})
    assert debit(demo, 26).json["payload"] == "Transaction refused by the card controls (perTxnLimit)"
    assert debit(demo, 25).json["response_code"] == 0
    assert debit(demo, 6).json["payload"] == "Transaction refused by the card controls (dtd)"
    usage = demo.post("/velocity/rule/get", demo.ids(WALLET)).json["payload"]["usage"]
    assert (usage["dtd"], usage["dtdCount"]) == (25.0, 1)


def test_min_kyc_monthly_debit_limit(make_app):
    from .helpers import DEMO, Partner

    demo = Partner(make_app(wallet_limits={"MIN_KYC": {"monthlyDebit": 50}}).test_client(), DEMO)
    assert debit(demo, 50).json["response_code"] == 0
    assert debit(demo, "0.01").json["payload"] == "Amount exceeds the wallet's monthlyDebit limit for its KYC level"


def test_a_refund_goes_through_the_bank_and_credits_the_wallet(demo, client):
    assert debit(demo, 100, unique_id="refund-me").json["response_code"] == 0
    assert client.put("/__admin/settlements/refund-me", json={"status": "REFUND"}).status_code == 409
    client.put("/__admin/settlements/refund-me", json={"status": "PENDING_WITH_BANK"})
    assert demo.get("/settlement-status", merchantUniqueTxnId="refund-me").json["payload"][
        "settlementStatus"] == "PENDING_WITH_BANK"
    assert balance(demo) == 900.0
    done = client.put("/__admin/settlements/refund-me", json={"status": "REFUND"}).json
    assert done["settlementStatus"] == "REFUND" and balance(demo) == 1000.0
    assert history(demo)["transactions"][0]["type"] == "REFUND"
    merchant = next(m for m in funds(client)["merchants"] if m["merchantDetailId"] == MERCHANT)
    assert merchant["balance"] == 0.0
    assert_ledger_invariants(demo, client)


def test_another_partners_money_reads_like_missing(demo, other):
    debit(demo, 1, unique_id="mine")
    assert top_up(other, 1, wallet=WALLET, companyId="CEKQ7TST22", cardAccountId="CAQ7TST").json[
        "payload"] == "Wallet not found"
    assert other.post("/card-balance", {**other.ids(WALLET)}).json["payload"] == "Wallet not found"
    assert other.post("/transaction/all", other.ids(WALLET)).json["payload"] == "Wallet not found"
    assert other.post("/cardAccount/get", {"cardAccountId": "CAC7975", "companyId": "CEKQ7TST22"}).json[
        "payload"] == "Card account not found"
    assert other.get("/settlement-status", merchantUniqueTxnId="mine").json["payload"] == (
        "Merchant transaction not found")
    assert other.post("/velocity/rule/get", other.ids(WALLET)).json["payload"] == "Wallet not found"
    assert balance(demo) == 999.0


def test_admin_refuses_bad_funding(client):
    assert client.post("/__admin/card-accounts/CAC7975/fund", json={"amount": "-1"}).status_code == 400
    assert client.post("/__admin/card-accounts/CAC7975/fund", json={"amount": 1.001}).status_code == 400
    assert client.post("/__admin/card-accounts/NOPE/fund", json={"amount": 1}).status_code == 404
    assert client.post("/__admin/merchants", json={"partnerId": "CRNOPE000", "name": "x"}).status_code == 404
    assert client.post("/__admin/merchants", json={"partnerId": "CRM338L2H", "name": "x",
                                                   "merchantDetailId": MERCHANT}).status_code == 409
