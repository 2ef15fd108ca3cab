"""Wallets: creation in a partner's card account, lookup without leaking, holder-detail edits."""

from __future__ import annotations

import secrets

from ...kernel.clock import to_iso
from ...kernel.errors import DomainError
from ...kernel.ids import new_id
from ...kernel.world import World

__all__ = ["HOLDER_FIELDS", "create_wallet", "find_wallet", "update_holder", "wallet_view"]

HOLDER_FIELDS = (
    "title", "firstName", "lastName", "gender", "email", "mobile", "specialDate",
    "address", "address2", "city", "state", "country", "pincode", "documents",
)


def _mobile_key(card_account_id: str, mobile: str) -> str:
    return f"{card_account_id}:{mobile}"


def create_wallet(world: World, partner: dict, request: dict) -> dict:
    if request["companyId"] != partner["companyId"] or request["cardAccountId"] not in partner["cardAccountIds"]:
        raise DomainError("account_not_found")
    mobile_key = _mobile_key(request["cardAccountId"], request["mobile"])
    if world.tx.get("mobile", mobile_key) is not None:
        raise DomainError("duplicate_mobile")
    wallet_id = new_id("EKC", 7, lambda candidate: world.tx.get("wallet", candidate) is not None)
    wallet = new_wallet_record(
        wallet_id=wallet_id,
        partner_id=partner["partnerId"],
        company_id=request["companyId"],
        card_account_id=request["cardAccountId"],
        holder={name: request.get(name) for name in HOLDER_FIELDS},
        created_at=world.now,
        user_id=new_id("EK", 6, lambda candidate: False),
    )
    world.tx.put("wallet", wallet_id, wallet)
    world.tx.put("mobile", mobile_key, {"enKashCardId": wallet_id})
    return wallet


def new_wallet_record(*, wallet_id, partner_id, company_id, card_account_id, holder, created_at, user_id,
                      kyc_status="PENDING", last4=None) -> dict:
    """The stored shape of a wallet (the seed builds wallets through here too)."""
    return {
        "enKashCardId": wallet_id,
        "userId": user_id,
        "partnerId": partner_id,
        "companyId": company_id,
        "cardAccountId": card_account_id,
        "holder": holder,
        "kycStatus": kyc_status,
        "vkycStatus": "NOT_INITIATED",
        "vkycRemarks": None,
        "latestTncVersionAccepted": False,
        "otbBalance": 0,
        "last4": last4 or f"{secrets.randbelow(10_000):04d}",
        "createdAt": created_at,
        "otpRefs": [],
    }


def find_wallet(world: World, partner: dict, wallet_id: str, card_account_id: str,
                company_id: str | None = None) -> dict:
    """Another partner's wallet, or a mismatched account, reads exactly like a missing one."""
    wallet = world.tx.get("wallet", wallet_id)
    if (
        wallet is None
        or wallet["partnerId"] != partner["partnerId"]
        or wallet["cardAccountId"] != card_account_id
        or (company_id is not None and wallet["companyId"] != company_id)
    ):
        raise DomainError("wallet_not_found")
    return wallet


def holder_details_locked(wallet: dict) -> bool:
    return wallet["kycStatus"] != "PENDING"


def update_holder(world: World, partner: dict, request: dict) -> dict:
    wallet = find_wallet(world, partner, request["enKashCardId"], request["cardAccountId"], request["companyId"])
    if holder_details_locked(wallet):
        raise DomainError("holder_details_locked")
    changes = {name: request[name] for name in HOLDER_FIELDS if name in request}
    new_mobile = changes.get("mobile")
    if new_mobile and new_mobile != wallet["holder"]["mobile"]:
        new_key = _mobile_key(wallet["cardAccountId"], new_mobile)
        if world.tx.get("mobile", new_key) is not None:
            raise DomainError("duplicate_mobile")
        world.tx.delete("mobile", _mobile_key(wallet["cardAccountId"], wallet["holder"]["mobile"]))
        world.tx.put("mobile", new_key, {"enKashCardId": wallet["enKashCardId"]})
    wallet["holder"].update(changes)
    world.tx.put("wallet", wallet["enKashCardId"], wallet)
    return wallet


def wallet_view(wallet: dict, base_url: str, client_reference_id: str | None = None) -> dict:
    """The wallet as the API shows it (field names from the docs and sibling Enkash APIs)."""
    holder = wallet["holder"]
    active = wallet["kycStatus"] != "PENDING" and wallet["latestTncVersionAccepted"]
    return {
        "enKashCardId": wallet["enKashCardId"],
        "walletId": wallet["enKashCardId"],
        "userId": wallet["userId"],
        "cardAccountId": wallet["cardAccountId"],
        "companyId": wallet["companyId"],
        "clientReferenceId": client_reference_id,
        **{name: holder.get(name) for name in HOLDER_FIELDS if name != "documents"},
        "documents": holder.get("documents") or [],
        "maskedNumber": f"XXXX XXXX XXXX {wallet['last4']}",
        "otbBalance": wallet["otbBalance"],
        "kycStatus": wallet["kycStatus"],
        "vkycStatus": wallet["vkycStatus"],
        "cardStatus": {"name": "ACTIVE", "label": "Active"} if active else {"name": "INACTIVE", "label": "Inactive"},
        "latestTncVersionAccepted": wallet["latestTncVersionAccepted"],
        "partnerTncUrl": f"{base_url.rstrip('/')}/__mock/tnc/{wallet['enKashCardId']}",
        "createdOn": to_iso(wallet["createdAt"]),
    }
