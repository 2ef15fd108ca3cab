"""OTP, minimum KYC and video KYC."""

from __future__ import annotations

from ...http.pipeline import Call
from ...http.responses import success
from ..registry import operation
from ..wallets.rules import find_wallet, wallet_view
from .otp import generate_otp
from .rules import generate_vkyc_link, min_kyc, vkyc_status

__all__: list[str] = []  # handlers are reached through the registry


@operation("generateOtp", writes=True)
def otp(call: Call) -> dict:
    body = call.body
    wallet = find_wallet(call.world, call.caller, body["enKashCardId"], body["cardAccountId"])
    record = generate_otp(call.world, wallet, body["cardOtpAction"])
    payload = {
        "otpReferenceId": record["reference"],
        "otpRequestId": record["reference"],
        "expiresInSeconds": call.world.config.otp_ttl_seconds,
        "cardOtpAction": record["action"],
    }
    return success(payload, "OTP sent successfully")


@operation("minKyc", writes=True)
def minimum_kyc(call: Call) -> dict:
    body = call.body
    wallet = find_wallet(call.world, call.caller, body["enKashCardId"], body["cardAccountId"], body["companyId"])
    wallet = min_kyc(call.world, wallet, body["otpReferenceId"], body["otp"])
    return success(wallet_view(wallet, call.base_url))


def _queried_wallet(call: Call) -> dict:
    query = call.query
    return find_wallet(call.world, call.caller, query["enKashCardId"], query["cardAccountId"], query.get("companyId"))


@operation("getVkycLink", writes=True)
def vkyc_link(call: Call) -> dict:
    return success(generate_vkyc_link(call.world, _queried_wallet(call), call.base_url))


@operation("getVkycStatus", writes=False)
def vkyc_state(call: Call) -> dict:
    return success(vkyc_status(_queried_wallet(call)))

