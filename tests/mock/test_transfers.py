"""IMPS fund transfers: acceptance and debit, REJECTED codes, OTP, idempotency, limits, and the lifecycle
on the session's clock (success, failure and reversal credited back, each with its webhook event)."""

from __future__ import annotations

import pytest

from .funds_helpers import assert_ledger_invariants, history
from .helpers import DEMO, Partner
from .transfer_helpers import (
    add_bank_beneficiary,
    advance,
    balance,
    full_kyc_wallet,
    set_outcome,
    status_of,
    transfer,
)


@pytest.fixture
def wallet(demo, client):
    wallet = full_kyc_wallet(demo, client)
    add_bank_beneficiary(demo, wallet)
    return wallet


def _events(client, transaction_id: str) -> list[tuple[str | None, str]]:
    """(previousStatus, status) of every FUND_TRANSFER_STATUS event of one transfer, oldest first."""
    state = client.application.extensions["enkash"]
    with state.world("default", write=False) as world:
        events = sorted((event for _, event in world.tx.items("webhook_event")
                         if event["eventType"] == "FUND_TRANSFER_STATUS"
                         and event["payload"]["transactionId"] == transaction_id),
                        key=lambda event: (event["createdAt"], event["createdRealAt"]))
    return [(event["payload"]["previousStatus"], event["payload"]["status"]) for event in events]


def test_an_accepted_transfer_is_processing_and_debits_the_wallet_at_once(demo, client, wallet):
    response = transfer(demo, wallet, "250.00", transaction_id="T-OK-1")
    payload = response.json["payload"]
    assert (response.status_code, response.json["response_code"]) == (200, 0)
    assert payload["status"] == "PROCESSING" and payload["statusCode"] is None and payload["utr"] is None
    assert payload["enkashTransactionId"].startswith("EK") and len(payload["enkashTransactionId"]) == 19
    assert balance(demo, wallet) == 4750.00
    newest = history(demo, wallet)["transactions"][0]
    assert (newest["cardTransactionType"], newest["type"], newest["pgReferenceNumber"]) == ("DR", "FUND_TRANSFER",
                                                                                           "T-OK-1")
    assert newest["enkashCardTxnId"] == payload["enkashCardTxnId"]
    assert _events(client, "T-OK-1") == [(None, "PROCESSING")]


def test_by_default_it_succeeds_after_the_configured_delay_on_the_mock_clock(demo, client, wallet):
    transfer(demo, wallet, "250.00", transaction_id="T-OK-2")
    advance(client, 4)
    assert status_of(demo, "T-OK-2").json["payload"]["status"] == "PROCESSING"
    advance(client, 1)
    payload = status_of(demo, "T-OK-2").json["payload"]
    assert payload["status"] == "SUCCESS" and len(payload["utr"]) == 12
    assert payload["updatedOn"] == "2026-11-25T05:30:05Z"  # dated when it fell due, not when it was read
    assert balance(demo, wallet) == 4750.00
    assert _events(client, "T-OK-2") == [(None, "PROCESSING"), ("PROCESSING", "SUCCESS")]
    assert_ledger_invariants(demo, client)


def test_the_clock_advance_itself_applies_what_falls_due(demo, client, wallet):
    """No read is needed: the FUND_TRANSFER_STATUS event exists as soon as the clock has moved."""
    transfer(demo, wallet, "10.00", transaction_id="T-CLOCK")
    advance(client, 60)
    assert _events(client, "T-CLOCK")[-1] == ("PROCESSING", "SUCCESS")


def test_a_failing_beneficiary_fails_the_transfer_and_credits_the_wallet_back(demo, client, wallet):
    assert set_outcome(client, wallet, "FAIL", reason="Account closed").status_code == 200
    transfer(demo, wallet, "400.00", transaction_id="T-FAIL")
    assert balance(demo, wallet) == 4600.00
    advance(client, 5)
    payload = status_of(demo, "T-FAIL").json["payload"]
    assert payload["status"] == "FAILED" and payload["statusMessage"] == "Account closed"
    assert balance(demo, wallet) == 5000.00
    refund = history(demo, wallet)["transactions"][0]
    assert (refund["cardTransactionType"], refund["type"], refund["principalAmount"]) == (
        "CR", "FUND_TRANSFER_REFUND", 400.0)
    assert _events(client, "T-FAIL") == [(None, "PROCESSING"), ("PROCESSING", "FAILED")]
    assert_ledger_invariants(demo, client)


def test_a_reversing_beneficiary_succeeds_then_is_reversed_and_credited_back(demo, client, wallet):
    set_outcome(client, wallet, "REVERSE")
    transfer(demo, wallet, "300.00", transaction_id="T-REV")
    advance(client, 5)
    assert status_of(demo, "T-REV").json["payload"]["status"] == "SUCCESS"
    assert balance(demo, wallet) == 4700.00
    advance(client, 3600)
    payload = status_of(demo, "T-REV").json["payload"]
    assert payload["status"] == "REVERSED" and payload["utr"]
    assert balance(demo, wallet) == 5000.00
    assert _events(client, "T-REV") == [(None, "PROCESSING"), ("PROCESSING", "SUCCESS"), ("SUCCESS", "REVERSED")]
    assert_ledger_invariants(demo, client)


def test_one_long_clock_jump_applies_every_step_in_order(demo, client, wallet):
    set_outcome(client, wallet, "REVERSE")
    transfer(demo, wallet, "300.00", transaction_id="T-JUMP")
    advance(client, 86_400)
    assert _events(client, "T-JUMP") == [(None, "PROCESSING"), ("PROCESSING", "SUCCESS"), ("SUCCESS", "REVERSED")]
    listed = client.get("/__admin/transfers", query_string={"enKashCardId": wallet}).json["transfers"]
    assert [step["at"] for step in listed[0]["history"]] == [
        "2026-11-25T05:30:00Z", "2026-11-25T05:30:05Z", "2026-11-25T06:30:05Z"]


def test_an_outcome_is_taken_when_the_transfer_is_accepted(demo, client, wallet):
    transfer(demo, wallet, "50.00", transaction_id="T-TAKEN")
    set_outcome(client, wallet, "FAIL")
    advance(client, 5)
    assert status_of(demo, "T-TAKEN").json["payload"]["status"] == "SUCCESS"


@pytest.mark.parametrize("body, code", [
    ({"beneficiaryId": "NOBODY"}, "REJECT_BENEF_ID"),
    ({"transferAmount": "200000.01"}, "REJECT_TRF_AMT"),
    ({"transferAmount": "0.50"}, "REJECT_TRF_AMT"),
    ({"transferMode": "NEFT"}, "REJECT_TRF_MODE"),
    ({"transferRemark": "rent <script>"}, "REJECT_TRF_RMK"),
])
def test_validation_failures_are_rejected_with_the_documented_codes_and_move_nothing(demo, client, wallet, body,
                                                                                     code):
    reference = demo.send_otp(wallet)
    changes = {"transferAmount": "10.00", **body}
    response = transfer(demo, wallet, changes.pop("transferAmount"), reference=reference, transaction_id="T-REJ",
                        **changes)
    payload = response.json["payload"]
    assert response.json["response_code"] == 0
    assert (payload["status"], payload["statusCode"], payload["enkashTransactionId"]) == ("REJECTED", code, None)
    assert balance(demo, wallet) == 5000.00
    assert status_of(demo, "T-REJ").json["response_message"] == "Fund transfer not found"
    again = transfer(demo, wallet, "10.00", reference=reference, transaction_id="T-REJ")  # same id, OTP unused
    assert again.json["payload"]["status"] == "PROCESSING"


def test_a_vpa_beneficiary_cannot_receive_imps(demo, client, wallet):
    demo.post("/beneficiary", {**demo.ids(wallet), "beneficiaryId": "UPI1", "beneficiaryName": "Ravi Kumar",
                               "vpaHandle": "ravi@okaxis"})
    payload = transfer(demo, wallet, "10.00", beneficiary="UPI1").json["payload"]
    assert (payload["status"], payload["statusCode"]) == ("REJECTED", "REJECT_BENEF_ACC")


def test_a_min_kyc_wallet_cannot_send_to_a_bank_account(demo, client):
    wallet = "EKCWLUAADN"  # seeded MIN_KYC
    add_bank_beneficiary(demo, wallet)
    payload = transfer(demo, wallet, "10.00").json["payload"]
    assert (payload["status"], payload["statusCode"]) == ("REJECTED", "REJECT_FND_SRC_ID")
    assert "FULL_KYC" in payload["statusMessage"]
    assert balance(demo, wallet) == 1000.00


def test_another_partners_wallet_reads_like_a_missing_one(other, client, demo, wallet):
    reference = demo.send_otp(wallet)
    body = {"companyId": other.who["companyId"], "cardAccountId": "CAC7975", "enKashCardId": wallet,
            "beneficiaryId": "BENEF001", "transactionId": "T-FOREIGN", "transferAmount": "10.00",
            "otp": demo.otp_of(reference, wallet), "otpReferenceId": reference}
    answer = other.post("/fund-transfer", body).json
    assert (answer["response_code"], answer["response_message"]) == (1, "Wallet not found")
    assert balance(demo, wallet) == 5000.00


def test_the_monthly_cap_counts_accepted_transfers_and_frees_failed_ones(make_app):
    client = make_app(transfer_monthly_limit=1000).test_client()
    demo = Partner(client, DEMO)
    wallet = full_kyc_wallet(demo, client)
    add_bank_beneficiary(demo, wallet)
    assert transfer(demo, wallet, "600.00").json["payload"]["status"] == "PROCESSING"
    set_outcome(client, wallet, "FAIL")
    assert transfer(demo, wallet, "400.00").json["payload"]["status"] == "PROCESSING"
    full = transfer(demo, wallet, "1.00").json["payload"]
    assert (full["status"], full["statusCode"]) == ("REJECTED", "REJECT_TRF_AMT")
    set_outcome(client, wallet, "SUCCESS")
    advance(client, 5)  # the 400.00 fails: money that never left gives its share of the cap back
    assert transfer(demo, wallet, "400.00").json["payload"]["status"] == "PROCESSING"
    assert transfer(demo, wallet, "0.01").json["payload"]["statusCode"] == "REJECT_TRF_AMT"


def test_otp_failures_are_business_failures_and_a_wrong_guess_is_counted(demo, client, wallet):
    reference = demo.send_otp(wallet)
    right = demo.otp_of(reference, wallet)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = transfer(demo, wallet, "10.00", reference=reference, otp=wrong)
    assert (response.json["response_code"], isinstance(response.json["payload"], str)) == (1, True)
    otp = next(item for item in client.get("/__admin/otps", query_string={"enKashCardId": wallet}).json
               if item["otpReferenceId"] == reference)
    assert otp["attempts"] == 1
    assert transfer(demo, wallet, "10.00", reference=reference, otp=right).json["response_code"] == 0
    used = transfer(demo, wallet, "10.00", reference=reference, otp=right)
    assert used.json["response_code"] == 1
    assert balance(demo, wallet) == 4990.00


def test_insufficient_balance_is_a_business_failure_that_leaves_the_otp_usable(demo, client, wallet):
    reference = demo.send_otp(wallet)
    response = transfer(demo, wallet, "5000.01", reference=reference)
    assert response.json["response_message"] == "Insufficient balance in wallet"
    assert transfer(demo, wallet, "5000.00", reference=reference).json["payload"]["status"] == "PROCESSING"
    assert balance(demo, wallet) == 0.0


def test_a_replayed_transaction_id_with_the_same_body_returns_the_first_answer_and_debits_once(demo, client, wallet):
    reference = demo.send_otp(wallet)
    otp = demo.otp_of(reference, wallet)
    first = transfer(demo, wallet, "250.00", reference=reference, otp=otp, transaction_id="T-IDEM")
    advance(client, 5)
    replay = transfer(demo, wallet, 250, reference=reference, otp=otp, transaction_id="T-IDEM")
    assert replay.json == first.json  # the first answer (PROCESSING), as top-up replays do
    assert balance(demo, wallet) == 4750.00
    assert status_of(demo, "T-IDEM").json["payload"]["status"] == "SUCCESS"


def test_a_replayed_transaction_id_with_another_body_is_refused(demo, client, wallet):
    transfer(demo, wallet, "250.00", transaction_id="T-DIFF")
    other = transfer(demo, wallet, "260.00", transaction_id="T-DIFF")
    assert other.json["response_code"] == 1
    assert other.json["response_message"] == "Transaction ID already exists for a different transfer"
    assert balance(demo, wallet) == 4750.00


def test_status_enquiry_is_per_partner(demo, other, client, wallet):
    transfer(demo, wallet, "1.00", transaction_id="T-MINE")
    assert status_of(other, "T-MINE").json["response_message"] == "Fund transfer not found"


def test_admin_forces_a_status_with_its_money_and_event(demo, client, wallet):
    transfer(demo, wallet, "100.00", transaction_id="T-FORCE")
    forced = client.put("/__admin/transfers/T-FORCE", json={"status": "FAILED", "reason": "Bank timeout"})
    assert forced.status_code == 200 and forced.json["status"] == "FAILED"
    assert balance(demo, wallet) == 5000.00
    advance(client, 10)  # the planned success is cancelled by the forced status
    assert status_of(demo, "T-FORCE").json["payload"]["status"] == "FAILED"
    conflict = client.put("/__admin/transfers/T-FORCE", json={"status": "SUCCESS"})
    assert conflict.status_code == 409
    assert client.put("/__admin/transfers/NOPE", json={"status": "SUCCESS"}).status_code == 404
    assert client.put("/__admin/transfers/T-FORCE", json={"status": "DONE"}).status_code == 400
    assert _events(client, "T-FORCE") == [(None, "PROCESSING"), ("PROCESSING", "FAILED")]


def test_admin_outcome_needs_a_known_beneficiary_and_a_known_outcome(client, wallet):
    assert set_outcome(client, wallet, "FAIL", beneficiary="NOBODY").status_code == 404
    assert set_outcome(client, wallet, "EXPLODE").status_code == 400


def test_webhook_bodies_validate_against_the_spec(demo, client, wallet):
    """The strict test app validates every emitted body at `emit`; this walks each status once."""
    set_outcome(client, wallet, "REVERSE")
    transfer(demo, wallet, "1.00", transaction_id="T-SPEC")
    advance(client, 7200)
    assert len(_events(client, "T-SPEC")) == 3


def test_admin_answers_match_docs_admin_openapi(demo, client, wallet):
    from pathlib import Path

    import jsonschema_rs
    import yaml

    spec = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "admin-openapi.yaml").read_text())

    def check(path: str, method: str, response) -> None:
        answer = spec["paths"][path][method]["responses"][str(response.status_code)]
        if "$ref" in answer:
            answer = spec["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
        schema = answer["content"]["application/json"]["schema"]
        jsonschema_rs.validator_for({"components": spec["components"], **schema}).validate(response.json)

    transfer(demo, wallet, "5.00", transaction_id="T-DOC")
    check("/__admin/beneficiaries/{enKashCardId}/{beneficiaryId}/outcome", "put", set_outcome(client, wallet, "FAIL"))
    check("/__admin/transfers", "get", client.get("/__admin/transfers"))
    for transaction_id, status in (("T-DOC", "SUCCESS"), ("T-DOC", "FAILED"), ("NOPE", "FAILED")):
        forced = client.put(f"/__admin/transfers/{transaction_id}", json={"status": status})
        check("/__admin/transfers/{transactionId}", "put", forced)


def test_the_inspector_lists_transfers_with_status_and_outcome(demo, client, wallet):
    set_outcome(client, wallet, "FAIL")
    transfer(demo, wallet, "12.00", transaction_id="T-INSPECT")
    advance(client, 5)
    page = client.get("/__admin/ui").get_data(as_text=True)
    table = page.split('<table id="transfers">', 1)[1].split("</table>", 1)[0]
    assert "T-INSPECT" in table and "FAILED" in table and "FAIL" in table and wallet in table
