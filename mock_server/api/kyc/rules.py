"""KYC lifecycle: PENDING -(OTP)-> MIN_KYC -(VKYC approved)-> FULL_KYC."""

from __future__ import annotations

import secrets

from ...kernel.clock import to_iso
from ...kernel.errors import DomainError
from ...kernel.world import World, digest
from .hours import next_opening, vkyc_open
from .otp import ensure_unused, verify_otp

__all__ = ["accept_tnc", "decide_vkyc", "generate_vkyc_link", "min_kyc", "open_vkyc_link", "vkyc_status"]

OTP_ACTION = "TRANSACTION_OTP"  # the only documented action; what Min KYC verifies
PENDING_VKYC = ("LINK_GENERATED", "IN_PROGRESS")


def min_kyc(world: World, wallet: dict, reference: str, otp: str) -> dict:
    ensure_unused(world, wallet, reference, OTP_ACTION)  # a replayed OTP is named as such, whatever the KYC
    if wallet["kycStatus"] != "PENDING":
        raise DomainError("kyc_already_done")
    verify_otp(world, wallet, reference, otp, OTP_ACTION)
    wallet["kycStatus"] = "MIN_KYC"  # and so holder details lock
    world.tx.put("wallet", wallet["enKashCardId"], wallet)
    return wallet


def generate_vkyc_link(world: World, wallet: dict, base_url: str) -> dict:
    if wallet["kycStatus"] == "FULL_KYC":
        raise DomainError("vkyc_already_full")
    config = world.config
    if not vkyc_open(world.now, config):
        raise DomainError(
            "vkyc_closed", opens=config.vkyc_opens, closes=config.vkyc_closes, timezone=config.vkyc_timezone,
            next_open=next_opening(world.now, config).isoformat(timespec="minutes"),
        )
    link_token = secrets.token_urlsafe(18)
    expires_at = world.now + config.vkyc_link_ttl_seconds
    world.tx.put("vkyc_link", digest("vkyc", link_token), {"enKashCardId": wallet["enKashCardId"],
                                                           "expiresAt": expires_at})
    wallet["vkycStatus"], wallet["vkycRemarks"] = "LINK_GENERATED", None
    world.tx.put("wallet", wallet["enKashCardId"], wallet)
    return {
        "enKashCardId": wallet["enKashCardId"],
        "vkycLink": f"{base_url.rstrip('/')}/__mock/vkyc/{link_token}",
        "vkycStatus": "LINK_GENERATED",
        "expiresAt": to_iso(expires_at),
    }


def open_vkyc_link(world: World, link_token: str) -> dict | None:
    """The wallet behind a VKYC link opened by the holder (moves it IN_PROGRESS), or None if dead."""
    link = world.tx.get("vkyc_link", digest("vkyc", link_token))
    if link is None or world.now >= link["expiresAt"]:
        return None
    wallet = world.tx.get("wallet", link["enKashCardId"])
    if wallet is not None and wallet["vkycStatus"] == "LINK_GENERATED":
        wallet["vkycStatus"] = "IN_PROGRESS"
        world.tx.put("wallet", wallet["enKashCardId"], wallet)
    return wallet


def decide_vkyc(world: World, wallet_id: str, outcome: str, reason: str | None = None) -> dict:
    wallet = world.tx.get("wallet", wallet_id)
    if wallet is None:
        raise DomainError("wallet_not_found")
    if wallet["vkycStatus"] not in PENDING_VKYC:
        raise DomainError("vkyc_not_pending")
    wallet["vkycStatus"], wallet["vkycRemarks"] = outcome, reason
    if outcome == "APPROVED":
        wallet["kycStatus"] = "FULL_KYC"
    world.tx.put("wallet", wallet_id, wallet)
    return wallet


def vkyc_status(wallet: dict) -> dict:
    return {
        "enKashCardId": wallet["enKashCardId"],
        "vkycStatus": wallet["vkycStatus"],
        "kycStatus": wallet["kycStatus"],
        "remarks": wallet["vkycRemarks"],
    }


def accept_tnc(world: World, wallet_id: str) -> dict:
    wallet = world.tx.get("wallet", wallet_id)
    if wallet is None:
        raise DomainError("wallet_not_found")
    wallet["latestTncVersionAccepted"] = True
    world.tx.put("wallet", wallet_id, wallet)
    return wallet
