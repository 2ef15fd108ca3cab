"""Video KYC: business hours in IST, the link page, and the status lifecycle."""

import pytest

from .helpers import IST_WEDNESDAY_11AM


def freeze(client, instant):
    assert client.put("/__admin/clock", json={"now": instant}).status_code == 200


@pytest.mark.parametrize(("instant", "open_"), [
    ("2026-11-25T09:59:59+05:30", False),
    ("2026-11-25T10:00:00+05:30", True),
    ("2026-11-25T17:59:59+05:30", True),
    ("2026-11-25T18:00:00+05:30", False),
    ("2026-11-28T11:00:00+05:30", False),  # Saturday
    ("2026-11-29T11:00:00+05:30", False),  # Sunday
    ("2026-11-25T05:30:00Z", True),  # 11:00 IST given in UTC
])
def test_vkyc_links_only_in_ist_business_hours(client, demo, instant, open_):
    # EKCWLUAADN is seeded with minimum KYC done (the docs' top-up example needs a usable wallet)
    freeze(client, instant)
    response = demo.vkyc("link", "EKCWLUAADN")
    assert response.json["response_code"] == (0 if open_ else 1)


def test_closed_message_says_when_vkyc_opens(client, demo):
    freeze(client, "2026-11-27T18:30:00+05:30")  # Friday evening
    message = demo.vkyc("link", "EKCWLUAADN").json["response_message"]
    assert "10:00" in message and "2026-11-30T10:00+05:30" in message  # next Monday


def test_holidays_are_closed(make_app):
    from .helpers import DEMO, Partner

    app = make_app(vkyc_holidays=("2026-11-25",))
    partner = Partner(app.test_client(), DEMO)
    freeze(partner.client, IST_WEDNESDAY_11AM)
    response = partner.vkyc("link", "EKCWLUAADN")
    assert response.json["response_code"] == 1 and "2026-11-26T10:00" in response.json["response_message"]


def test_vkyc_lifecycle_to_full_kyc(client, demo):
    freeze(client, IST_WEDNESDAY_11AM)
    # EKCWLUAADN is seeded with minimum KYC done (the docs' top-up example needs a usable wallet)
    assert demo.vkyc("status", "EKCWLUAADN").json["payload"]["vkycStatus"] == "NOT_INITIATED"
    link = demo.vkyc("link", "EKCWLUAADN").json["payload"]
    assert link["vkycStatus"] == "LINK_GENERATED" and link["expiresAt"] == "2026-11-25T06:30:00Z"
    assert demo.vkyc("status", "EKCWLUAADN").json["payload"]["vkycStatus"] == "LINK_GENERATED"
    page = client.get(link["vkycLink"].replace("http://localhost", ""))
    assert page.status_code == 200 and b"EKCWLUAADN" in page.data
    assert demo.vkyc("status", "EKCWLUAADN").json["payload"]["vkycStatus"] == "IN_PROGRESS"
    decided = client.post("/__admin/vkyc/EKCWLUAADN/decision", json={"outcome": "APPROVED"})
    assert decided.json == {"enKashCardId": "EKCWLUAADN", "vkycStatus": "APPROVED", "kycStatus": "FULL_KYC"}
    status = demo.vkyc("status", "EKCWLUAADN").json["payload"]
    assert (status["vkycStatus"], status["kycStatus"]) == ("APPROVED", "FULL_KYC")
    assert demo.details("EKCWLUAADN").json["payload"]["kycStatus"] == "FULL_KYC"
    again = demo.vkyc("link", "EKCWLUAADN").json
    assert (again["response_code"], again["payload"]) == (1, "Wallet is already full KYC")


def test_rejected_vkyc_keeps_kyc_and_records_the_reason(client, demo):
    freeze(client, IST_WEDNESDAY_11AM)
    # EKCWLUAADN is seeded with minimum KYC done (the docs' top-up example needs a usable wallet)
    demo.vkyc("link", "EKCWLUAADN")
    client.post("/__admin/vkyc/EKCWLUAADN/decision", json={"outcome": "REJECTED", "reason": "Face not visible"})
    status = demo.vkyc("status", "EKCWLUAADN").json["payload"]
    assert (status["vkycStatus"], status["kycStatus"], status["remarks"]) == (
        "REJECTED", "MIN_KYC", "Face not visible")  # the seed's KYC of EKCWLUAADN, unchanged
    assert demo.vkyc("link", "EKCWLUAADN").json["payload"]["vkycStatus"] == "LINK_GENERATED"  # may retry


def test_decision_without_a_pending_session_is_a_conflict(client):
    assert client.post("/__admin/vkyc/EKCWLUAADN/decision", json={"outcome": "APPROVED"}).status_code == 409
    assert client.post("/__admin/vkyc/EKCZZZZZZZ/decision", json={"outcome": "APPROVED"}).status_code == 404
    assert client.post("/__admin/vkyc/EKCWLUAADN/decision", json={"outcome": "MAYBE"}).status_code == 400


def test_expired_or_unknown_link_page_is_gone(client, demo):
    freeze(client, IST_WEDNESDAY_11AM)
    # EKCWLUAADN is seeded with minimum KYC done (the docs' top-up example needs a usable wallet)
    link = demo.vkyc("link", "EKCWLUAADN").json["payload"]["vkycLink"].replace("http://localhost", "")
    client.post("/__admin/clock/advance", json={"seconds": 3600})
    assert client.get(link).status_code == 410
    assert client.get("/__mock/vkyc/not-a-token").status_code == 410


def test_vkyc_link_before_minimum_kyc_is_a_business_failure(client, demo):
    """Documented order: OTP minimum KYC, then video KYC; a PENDING wallet can never jump to FULL_KYC."""
    freeze(client, IST_WEDNESDAY_11AM)
    refused = demo.vkyc("link", "EKCBEFFEC1")
    assert refused.status_code == 200 and refused.json["response_code"] == 1
    assert "minimum KYC" in refused.json["response_message"]
    assert demo.vkyc("status", "EKCBEFFEC1").json["payload"]["vkycStatus"] == "NOT_INITIATED"


def test_an_imported_pending_wallet_with_a_live_vkyc_cannot_be_approved(client):
    state = client.get("/__admin/state").json["documents"]
    state["wallet"]["EKCBEFFEC1"]["vkycStatus"] = "IN_PROGRESS"  # PENDING kyc, as an old export may hold
    assert client.put("/__admin/state", json={"documents": state}).status_code == 200
    decided = client.post("/__admin/vkyc/EKCBEFFEC1/decision", json={"outcome": "APPROVED"})
    assert decided.status_code == 409 and "minimum KYC" in decided.json["response_message"]
    assert client.get("/__admin/state").json["documents"]["wallet"]["EKCBEFFEC1"]["kycStatus"] == "PENDING"


def test_vkyc_of_foreign_wallet_is_not_found(client, other):
    freeze(client, IST_WEDNESDAY_11AM)
    response = other.get("/vkyc/link", enKashCardId="EKCWLUAADN", cardAccountId="CAQ7TST")
    assert response.json["payload"] == "Wallet not found"


def test_vkyc_query_parameters_are_validated(demo):
    response = demo.get("/vkyc/status", enKashCardId="nope")
    assert response.status_code == 400  # cardAccountId missing outweighs the bad id
    fields = {v["field"] for v in response.json["payload"]["violations"]}
    assert fields == {"enKashCardId", "cardAccountId"}


def test_clock_admin_roundtrip(client):
    frozen = client.put("/__admin/clock", json={"now": IST_WEDNESDAY_11AM}).json
    assert frozen == {"now": "2026-11-25T05:30:00Z", "frozen": True, "offsetSeconds": 0.0}
    assert client.post("/__admin/clock/advance", json={"seconds": 60}).json["now"] == "2026-11-25T05:31:00Z"
    assert client.get("/__admin/clock").json["now"] == "2026-11-25T05:31:00Z"
    assert client.delete("/__admin/clock").json["frozen"] is False
    client.put("/__admin/clock", json={"now": IST_WEDNESDAY_11AM})
    client.post("/__admin/reset")
    assert client.get("/__admin/clock").json["frozen"] is False  # reset returns to real time
    assert client.put("/__admin/clock", json={"now": "yesterday"}).status_code == 400
    assert client.post("/__admin/clock/advance", json={"seconds": "10"}).status_code == 400
