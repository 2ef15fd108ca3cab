"""Beneficiaries of a wallet (add, search, delete) and the public IFSC lookup."""

from __future__ import annotations

import pytest

WALLET = "EKCWLUAADN"  # the demo partner's seeded wallet
OTHER_WALLET = "EKCQ7TST01"  # the other partner's


def _bank(demo, **changes) -> dict:
    return {**demo.ids(WALLET), "beneficiaryId": "BENEF001", "beneficiaryName": "Asha Verma",
            "beneficiaryAccountNumber": "50100123456789", "beneficiaryIfsc": "HDFC0000240", **changes}


def _vpa(demo, **changes) -> dict:
    return {**demo.ids(WALLET), "beneficiaryId": "BENEF002", "beneficiaryName": "Ravi Kumar",
            "vpaHandle": "ravi.kumar@okaxis", **changes}


def _search(demo, **filters):
    return demo.post("/beneficiary/search", {**demo.ids(WALLET), **filters}).json["payload"]


def test_add_a_bank_beneficiary_enriched_from_the_ifsc_directory(demo):
    response = demo.post("/beneficiary", _bank(demo, beneficiaryIfsc="hdfc0000240"))
    assert response.status_code == 200 and response.json["response_code"] == 0
    payload = response.json["payload"]
    assert payload["beneficiaryIfsc"] == "HDFC0000240" and payload["bankName"] == "HDFC Bank"
    assert payload["transferMode"] == "IMPS" and payload["status"] == "ACTIVE"


def test_add_a_vpa_beneficiary(demo):
    payload = demo.post("/beneficiary", _vpa(demo)).json["payload"]
    assert payload["vpaHandle"] == "ravi.kumar@okaxis" and payload["transferMode"] == "UPI"
    assert payload["beneficiaryIfsc"] is None


def test_a_beneficiary_id_is_taken_once_per_wallet(demo):
    demo.post("/beneficiary", _bank(demo))
    again = demo.post("/beneficiary", _vpa(demo, beneficiaryId="BENEF001"))
    assert (again.status_code, again.json["response_code"]) == (200, 1)
    assert again.json["response_message"] == "Beneficiary ID already exists"


def test_an_ifsc_outside_the_directory_is_a_business_failure(demo):
    response = demo.post("/beneficiary", _bank(demo, beneficiaryIfsc="ABCD0123456"))
    assert response.json["response_code"] == 1 and response.json["response_message"] == "IFSC not found"
    assert _search(demo)["totalElements"] == 0


@pytest.mark.parametrize("form, changes, status, field", [
    (_bank, {"beneficiaryName": "Asha 2 Verma"}, 422, "beneficiaryName"),
    (_bank, {"beneficiaryName": "A" * 101}, 422, "beneficiaryName"),
    (_bank, {"beneficiaryName": "A" * 100}, 200, None),
    (_bank, {"beneficiaryIfsc": "HDFC1000240"}, 422, "beneficiaryIfsc"),
    (_bank, {"beneficiaryIfsc": None}, 422, "beneficiaryIfsc"),
    (_bank, {"beneficiaryPhone": "12345"}, 422, "beneficiaryPhone"),
    (_bank, {"beneficiaryPhone": "+91 9876543210"}, 200, None),
    (_bank, {"beneficiaryPincode": "1234567"}, 422, "beneficiaryPincode"),
    (_vpa, {"vpaHandle": "ravi@ok-axis"}, 422, "vpaHandle"),
    (_vpa, {"vpaHandle": "ravi-k@okaxis"}, 200, None),
])
def test_documented_payout_formats(demo, form, changes, status, field):
    response = demo.post("/beneficiary", form(demo, **changes))
    assert response.status_code == status, response.json
    if field:
        assert field in {v["field"] for v in response.json["payload"]["violations"]}


def test_bank_account_needs_its_ifsc(demo):
    body = _bank(demo)
    del body["beneficiaryIfsc"]
    response = demo.post("/beneficiary", body)
    assert response.status_code == 400
    assert "beneficiaryIfsc" in {v["field"] for v in response.json["payload"]["violations"]}


def test_bank_account_and_vpa_together_are_refused(demo):
    response = demo.post("/beneficiary", _bank(demo, vpaHandle="asha@okhdfc"))
    assert response.status_code == 422 and "more than one" in response.json["payload"]["violations"][0]["message"]


def test_neither_bank_account_nor_vpa_is_refused(demo):
    body = {**demo.ids(WALLET), "beneficiaryId": "B1", "beneficiaryName": "Asha"}
    response = demo.post("/beneficiary", body)
    assert response.status_code == 422 and "none of" in response.json["payload"]["violations"][0]["message"]


def test_search_by_id_and_by_part_of_the_name(demo):
    demo.post("/beneficiary", _bank(demo))
    demo.post("/beneficiary", _vpa(demo))
    assert [b["beneficiaryId"] for b in _search(demo)["beneficiaries"]] == ["BENEF001", "BENEF002"]
    assert [b["beneficiaryId"] for b in _search(demo, beneficiaryName="kUmA")["beneficiaries"]] == ["BENEF002"]
    assert _search(demo, beneficiaryId="BENEF001")["totalElements"] == 1


def test_delete_then_the_id_is_free_again(demo):
    demo.post("/beneficiary", _bank(demo))
    query = {**demo.ids(WALLET), "beneficiaryId": "BENEF001"}
    deleted = demo.client.delete("/api/v0/partner/enKashCard/beneficiary", query_string=query, headers=demo.headers)
    assert deleted.json["payload"] == {"beneficiaryId": "BENEF001", "enKashCardId": WALLET, "status": "DELETED"}
    assert _search(demo)["totalElements"] == 0
    again = demo.client.delete("/api/v0/partner/enKashCard/beneficiary", query_string=query, headers=demo.headers)
    assert again.json["response_message"] == "Beneficiary not found"
    assert demo.post("/beneficiary", _bank(demo)).json["response_code"] == 0


def test_another_partners_wallet_reads_as_missing(demo, other):
    other.post("/beneficiary", {**other.ids(OTHER_WALLET), "beneficiaryId": "THEIRS", "beneficiaryName": "Ravi",
                                "vpaHandle": "ravi@okaxis"})
    for response in (
        demo.post("/beneficiary", {**_vpa(demo), "enKashCardId": OTHER_WALLET, "cardAccountId": "CAQ7TST"}),
        demo.post("/beneficiary/search", {**demo.ids(OTHER_WALLET), "cardAccountId": "CAQ7TST"}),
        demo.client.delete("/api/v0/partner/enKashCard/beneficiary", headers=demo.headers, query_string={
            "enKashCardId": OTHER_WALLET, "cardAccountId": "CAQ7TST", "beneficiaryId": "THEIRS"}),
    ):
        assert response.json["response_message"] == "Wallet not found"
    assert other.post("/beneficiary/search", other.ids(OTHER_WALLET)).json["payload"]["totalElements"] == 1


def test_beneficiaries_need_a_token(client):
    response = client.post("/api/v0/partner/enKashCard/beneficiary/search", json={})
    assert response.status_code == 401


def test_ifsc_lookup_is_public(client):
    response = client.get("/api/v0/bankIfsc/public/SBIN0000300")
    assert response.status_code == 200
    assert response.json["payload"]["bank"] == "State Bank of India"
    assert client.get("/api/v0/bankIfsc/public/sbin0000300").json["payload"]["ifsc"] == "SBIN0000300"


def test_ifsc_lookup_unknown_and_malformed(client):
    assert client.get("/api/v0/bankIfsc/public/ABCD0123456").json["response_message"] == "IFSC not found"
    malformed = client.get("/api/v0/bankIfsc/public/NOTANIFSC")
    assert malformed.status_code == 422 and malformed.json["payload"]["violations"][0]["field"] == "ifsc"
