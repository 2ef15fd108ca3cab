"""Wallet creation, reading through both paths, partner isolation and the holder-details lock."""

import re

import pytest

from .helpers import wallet_body


@pytest.mark.parametrize("path", ["", "/wallet"])
def test_create_wallet_on_both_paths(demo, path):
    body = wallet_body()
    if path == "/wallet":
        body.pop("gender")  # the documented full-details example has no gender
    response = demo.post(path, body)
    assert response.status_code == 200 and response.json["response_code"] == 0
    wallet = response.json["payload"]
    assert re.fullmatch(r"EKC[A-Z0-9]{7}", wallet["enKashCardId"])
    assert re.fullmatch(r"EK[A-Z0-9]{6}", wallet["userId"])
    assert wallet["walletId"] == wallet["enKashCardId"]
    assert (wallet["kycStatus"], wallet["vkycStatus"], wallet["latestTncVersionAccepted"]) == (
        "PENDING", "NOT_INITIATED", False)
    assert wallet["cardStatus"]["name"] == "INACTIVE"


def test_gender_is_mandatory_on_the_v1_path_only(demo):
    body = wallet_body()
    body.pop("gender")
    response = demo.post("", body)
    assert response.status_code == 400
    assert {"location": "body", "field": "gender", "message": "is required"} in response.json["payload"]["violations"]


def test_the_docs_create_example_mobile_is_free_in_the_seed(demo):
    assert demo.post("", wallet_body(mobile="6000091111")).json["response_code"] == 0


def test_ids_are_unique(demo):
    ids = {demo.create_wallet()["enKashCardId"] for _ in range(30)}
    assert len(ids) == 30


def test_duplicate_mobile_in_the_same_card_account_is_a_business_failure(demo):
    demo.create_wallet(mobile="6000091111")
    response = demo.post("/wallet", wallet_body(mobile="6000091111"))
    assert response.status_code == 200
    assert response.json["response_code"] == 1
    assert response.json["payload"] == response.json["response_message"]
    assert "mobile" in response.json["response_message"]


def test_seed_wallet_mobiles_are_taken(demo):
    assert demo.post("", wallet_body(mobile="6000092222")).json["response_code"] == 1


def test_creating_in_another_partners_card_account_fails(demo):
    response = demo.post("", wallet_body(companyId="CEKQ7TST22", cardAccountId="CAQ7TST"))
    assert response.json["response_code"] == 1


@pytest.mark.parametrize("path", ["/wallet-details", "/search"])
def test_details_on_both_paths_echo_the_client_reference(demo, path):
    response = demo.post(path, {**demo.ids("EKCWLUAADN"), "clientReferenceId": "CLI5736JK"})
    wallet = response.json["payload"]
    assert (wallet["enKashCardId"], wallet["clientReferenceId"], wallet["maskedNumber"]) == (
        "EKCWLUAADN", "CLI5736JK", "XXXX XXXX XXXX 2209")


def test_details_reflect_a_created_wallet(demo):
    created = demo.create_wallet(firstName="Asha")
    read = demo.details(created["enKashCardId"]).json["payload"]
    assert read == created


@pytest.mark.parametrize("changes", [
    {"enKashCardId": "EKCQ7TST01"},  # another partner's wallet
    {"enKashCardId": "EKCZZZZZZZ"},  # nobody's
    {"cardAccountId": "CAQ7TST"},  # right wallet, wrong account
    {"companyId": "CEKQ7TST22"},
])
def test_unknown_or_foreign_wallets_read_as_not_found(demo, changes):
    response = demo.post("/wallet-details", {**demo.ids("EKCWLUAADN"), **changes})
    assert (response.status_code, response.json["response_code"], response.json["payload"]) == (
        200, 1, "Wallet not found")


def test_other_partner_gets_the_same_answer_for_existing_and_missing_wallets(other):
    existing = other.post("/wallet-details", {**other.ids("EKCWLUAADN")}).json
    missing = other.post("/wallet-details", {**other.ids("EKCZZZZZZZ")}).json
    assert existing == missing


def test_holder_details_are_editable_before_otp_verification(demo):
    # EKCBEFFEC1 is the seed's wallet still before OTP verification (EKCWLUAADN is seeded usable, for money)
    response = demo.client.patch("/api/v0/partner/enKashCard", headers=demo.headers,
                                 json={**demo.ids("EKCBEFFEC1"), "firstName": "Krishna", "mobile": "6000095555"})
    assert response.json["response_code"] == 0
    wallet = demo.details("EKCBEFFEC1").json["payload"]
    assert (wallet["firstName"], wallet["mobile"]) == ("Krishna", "6000095555")
    # the old mobile is free again, the new one is taken
    assert demo.post("", wallet_body(mobile="6000093333")).json["response_code"] == 0
    assert demo.post("", wallet_body(mobile="6000095555")).json["response_code"] == 1


def test_docs_patch_example_with_identifiers_only_succeeds(demo):
    response = demo.client.patch("/api/v0/partner/enKashCard", headers=demo.headers, json=demo.ids("EKCWLUAADN"))
    assert response.json["response_code"] == 0


def test_patch_to_a_taken_mobile_fails(demo):
    response = demo.client.patch("/api/v0/partner/enKashCard", headers=demo.headers,
                                 json={**demo.ids("EKCBEFFEC1"), "mobile": "6000092222"})
    assert response.json["response_code"] == 1


def test_holder_details_lock_after_min_kyc(demo):
    wallet_id = demo.create_wallet()["enKashCardId"]
    demo.complete_min_kyc(wallet_id)
    response = demo.client.patch("/api/v0/partner/enKashCard", headers=demo.headers,
                                 json={**demo.ids(wallet_id), "firstName": "Changed"})
    assert (response.json["response_code"], response.json["payload"]) == (
        1, "Wallet holder details cannot be updated after OTP verification")
    assert demo.details(wallet_id).json["payload"]["firstName"] == "Kris"


def test_tnc_acceptance_and_min_kyc_activate_the_wallet(demo, client):
    wallet_id = demo.create_wallet()["enKashCardId"]
    client.post(f"/__admin/tnc/{wallet_id}/accept")
    assert demo.details(wallet_id).json["payload"]["cardStatus"]["name"] == "INACTIVE"  # KYC still pending
    demo.complete_min_kyc(wallet_id)
    wallet = demo.details(wallet_id).json["payload"]
    assert (wallet["latestTncVersionAccepted"], wallet["cardStatus"]["name"]) == (True, "ACTIVE")


def test_partner_tnc_url_is_served_by_the_mock(demo, client):
    url = demo.details("EKCWLUAADN").json["payload"]["partnerTncUrl"]
    assert client.get(url.replace("http://localhost", "")).status_code == 200


def test_docs_example_identifiers_all_exist(demo):
    for wallet_id in ("EKCWLUAADN", "EKCBEFFEC1"):
        assert demo.details(wallet_id).json["response_code"] == 0
