"""The reference model on its own: the rules it predicts, without any target."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from contracts.model import WalletModel

WEDNESDAY_11_IST = datetime(2026, 11, 25, 11, 0, tzinfo=ZoneInfo("Asia/Kolkata")).timestamp()


def _model_with_wallet() -> WalletModel:
    model = WalletModel(now=WEDNESDAY_11_IST)
    model.created("EKCAAAAAA1", "9000000001", {"city": "Kota"})
    model.otp_issued("EKOTP00001", "EKCAAAAAA1")
    return model


def test_duplicate_mobile_is_a_business_failure():
    model = _model_with_wallet()
    assert model.create("9000000001").code == 1
    assert model.create("9000000002").code == 0


def test_otp_single_use_attempts_and_expiry():
    model = _model_with_wallet()
    assert model.verify("EKOTP00001", right=False).code == 1
    assert model.verify("EKOTP00001", right=True).kyc == "MIN_KYC"
    assert model.verify("EKOTP00001", right=True).code == 1
    burned = _model_with_wallet()
    for _ in range(3):
        burned.verify("EKOTP00001", right=False)
    assert burned.verify("EKOTP00001", right=True).why == "OTP attempts exceeded"
    expired = _model_with_wallet()
    expired.advance(301)
    assert expired.verify("EKOTP00001", right=True).why == "OTP expired"


def test_holder_details_lock_after_min_kyc():
    model = _model_with_wallet()
    assert model.update("EKCAAAAAA1", {"city": "Pune"}).code == 0
    model.verify("EKOTP00001", right=True)
    assert model.update("EKCAAAAAA1", {"city": "Jaipur"}).code == 1
    assert model.wallets["EKCAAAAAA1"].holder["city"] == "Pune"


def test_vkyc_hours_and_decision():
    model = _model_with_wallet()
    assert model.vkyc_link("EKCAAAAAA1").why == "minimum KYC first"  # documented order: min KYC, then VKYC
    model.verify("EKOTP00001", right=True)
    assert model.vkyc_link("EKCAAAAAA1").vkyc == "LINK_GENERATED"
    assert model.vkyc_decided("EKCAAAAAA1", "APPROVED").kyc == "FULL_KYC"
    assert model.vkyc_link("EKCAAAAAA1").why == "already full KYC"
    evening = _model_with_wallet()
    evening.advance(8 * 3600)  # 19:00 IST
    assert evening.vkyc_link("EKCAAAAAA1").why == "outside VKYC hours"
    weekend = _model_with_wallet()
    weekend.advance(3 * 86400)  # Saturday 11:00
    assert not weekend.vkyc_open()
