"""OTP, minimum KYC and video KYC."""

from __future__ import annotations

from ..domain.kyc import generate_vkyc_link, min_kyc, vkyc_status
from ..domain.otp import generate_otp
from ..domain.wallets import find_wallet, wallet_view
from ..envelope import success
from ..pipeline import Call

__all__ = ["HANDLERS"]


def otp(call: Call) -> dict:
    body = call.body
    wallet = find_wallet(call.world, call.partner, body["enKashCardId"], body["cardAccountId"])
    record = generate_otp(call.world, wallet, body["cardOtpAction"])
    payload = {
        "otpReferenceId": record["reference"],
        "otpRequestId": record["reference"],
        "expiresInSeconds": call.world.config.otp_ttl_seconds,
        "cardOtpAction": record["action"],
    }
    return success(payload, "OTP sent successfully")


def minimum_kyc(call: Call) -> dict:
    body = call.body
    wallet = find_wallet(call.world, call.partner, body["enKashCardId"], body["cardAccountId"], body["companyId"])
    wallet = min_kyc(call.world, wallet, body["otpReferenceId"], body["otp"])
    return success(wallet_view(wallet, call.base_url))


def _queried_wallet(call: Call) -> dict:
    query = call.query
    return find_wallet(call.world, call.partner, query["enKashCardId"], query["cardAccountId"], query.get("companyId"))


def vkyc_link(call: Call) -> dict:
    return success(generate_vkyc_link(call.world, _queried_wallet(call), call.base_url))


def vkyc_state(call: Call) -> dict:
    return success(vkyc_status(_queried_wallet(call)))


HANDLERS = {
    "generateOtp": otp,
    "minKyc": minimum_kyc,
    "getVkycLink": vkyc_link,
    "getVkycStatus": vkyc_state,
}
