"""OTPs are six digits, bound to one wallet and action, single use, expiring, and burn after 3 misses."""

import re

from .helpers import wrong_otp


def test_otp_is_six_digits_with_a_documented_style_reference(demo, client):
    reference = demo.send_otp("EKCBEFFEC1")
    assert re.fullmatch(r"EK[A-Z0-9]{8}", reference)
    otps = client.get("/__admin/otps", query_string={"enKashCardId": "EKCBEFFEC1"}).json
    assert re.fullmatch(r"[0-9]{6}", otps[-1]["otp"])
    assert otps[-1]["otpReferenceId"] == reference


def test_admin_lists_otps_newest_last(demo, client):
    references = [demo.send_otp("EKCBEFFEC1") for _ in range(3)]
    listed = client.get("/__admin/otps", query_string={"enKashCardId": "EKCBEFFEC1"}).json
    assert [item["otpReferenceId"] for item in listed] == references


def test_right_otp_moves_kyc_to_min_kyc(demo):
    reference = demo.send_otp("EKCBEFFEC1")
    response = demo.min_kyc("EKCBEFFEC1", reference, demo.otp_of(reference, "EKCBEFFEC1"))
    assert response.json["response_code"] == 0
    assert demo.details("EKCBEFFEC1").json["payload"]["kycStatus"] == "MIN_KYC"


def test_wrong_otp_is_a_business_failure_and_keeps_kyc_pending(demo):
    reference = demo.send_otp("EKCBEFFEC1")
    response = demo.min_kyc("EKCBEFFEC1", reference, wrong_otp(demo.otp_of(reference, "EKCBEFFEC1")))
    assert (response.status_code, response.json["response_code"]) == (200, 1)
    assert "Invalid OTP" in response.json["response_message"]
    assert demo.details("EKCBEFFEC1").json["payload"]["kycStatus"] == "PENDING"


def test_three_wrong_tries_burn_the_otp(demo):
    reference = demo.send_otp("EKCBEFFEC1")
    right = demo.otp_of(reference, "EKCBEFFEC1")
    messages = [demo.min_kyc("EKCBEFFEC1", reference, wrong_otp(right)).json["response_message"] for _ in range(3)]
    assert messages == ["Invalid OTP; 2 attempt(s) left", "Invalid OTP; 1 attempt(s) left",
                        "Invalid OTP; 0 attempt(s) left"]
    burned = demo.min_kyc("EKCBEFFEC1", reference, right)
    assert burned.json["response_code"] == 1 and "attempts exceeded" in burned.json["response_message"]


def test_otp_is_single_use(demo):
    wallet_id = demo.create_wallet()["enKashCardId"]
    reference = demo.send_otp(wallet_id)
    right = demo.otp_of(reference, wallet_id)
    assert demo.min_kyc(wallet_id, reference, right).json["response_code"] == 0
    # a second wallet cannot reuse it either: the reference is bound to the first wallet
    second = demo.create_wallet()["enKashCardId"]
    assert demo.min_kyc(second, reference, right).json["response_message"] == "Invalid OTP reference"


def test_used_otp_is_reported_as_used(demo, client):
    wallet_id = demo.create_wallet()["enKashCardId"]
    reference = demo.send_otp(wallet_id)
    right = demo.otp_of(reference, wallet_id)
    demo.min_kyc(wallet_id, reference, right)
    listed = client.get("/__admin/otps", query_string={"enKashCardId": wallet_id}).json
    assert listed[-1]["state"] == "USED"
    again = demo.min_kyc(wallet_id, reference, right)
    assert again.json["response_message"] == "OTP already used"


def test_min_kyc_twice_with_a_fresh_otp_is_refused_without_consuming_it(demo, client):
    wallet_id = demo.create_wallet()["enKashCardId"]
    demo.complete_min_kyc(wallet_id)
    reference = demo.send_otp(wallet_id)
    again = demo.min_kyc(wallet_id, reference, demo.otp_of(reference, wallet_id))
    assert again.json["response_message"] == "Minimum KYC already completed for this wallet"
    listed = client.get("/__admin/otps", query_string={"enKashCardId": wallet_id}).json
    assert listed[-1]["state"] == "ACTIVE"


def test_otp_expires_after_five_minutes(demo, client):
    reference = demo.send_otp("EKCBEFFEC1")
    right = demo.otp_of(reference, "EKCBEFFEC1")
    client.post("/__admin/clock/advance", json={"seconds": 300})
    response = demo.min_kyc("EKCBEFFEC1", reference, right)
    assert response.json["response_code"] == 1 and "expired" in response.json["response_message"]


def test_otp_just_before_expiry_still_works(demo, client):
    reference = demo.send_otp("EKCBEFFEC1")
    right = demo.otp_of(reference, "EKCBEFFEC1")
    client.post("/__admin/clock/advance", json={"seconds": 299})
    assert demo.min_kyc("EKCBEFFEC1", reference, right).json["response_code"] == 0


def test_otp_of_another_wallet_is_refused(demo):
    reference = demo.send_otp("EKCWLUAADN")
    right = demo.otp_of(reference, "EKCWLUAADN")
    response = demo.min_kyc("EKCBEFFEC1", reference, right)
    assert response.json["response_message"] == "Invalid OTP reference"


def test_fixed_otp_mode(make_app):
    from .helpers import DEMO, Partner

    partner = Partner(make_app(fixed_otp="123456").test_client(), DEMO)
    reference = partner.send_otp("EKCBEFFEC1")
    assert partner.min_kyc("EKCBEFFEC1", reference, "123456").json["response_code"] == 0


def test_otp_for_a_foreign_wallet_is_not_found(other):
    response = other.post("/otp", {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": "CAQ7TST",
                                   "enKashCardId": "EKCWLUAADN"})
    assert (response.json["response_code"], response.json["payload"]) == (1, "Wallet not found")


def test_unknown_otp_action_is_422(demo):
    response = demo.post("/otp", {"cardOtpAction": "LOGIN_OTP", "cardAccountId": "CAC7975",
                                  "enKashCardId": "EKCBEFFEC1"})
    assert response.status_code == 422
    assert response.json["payload"]["violations"][0]["field"] == "cardOtpAction"


def test_otps_are_never_returned_by_the_partner_api(demo):
    response = demo.post("/otp", {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": "CAC7975",
                                  "enKashCardId": "EKCBEFFEC1"})
    otp = demo.otp_of(response.json["payload"]["otpReferenceId"], "EKCBEFFEC1")
    assert otp not in response.get_data(as_text=True)


def test_admin_otp_expiry_is_iso_8601_like_every_other_time(demo, client):
    demo.send_otp("EKCBEFFEC1")
    [listed] = client.get("/__admin/otps", query_string={"enKashCardId": "EKCBEFFEC1"}).json
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", listed["expiresAt"]), listed["expiresAt"]
