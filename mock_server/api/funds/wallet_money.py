"""A wallet as the money rules see it: found without leaking, usable or not, its tier and counters."""

from __future__ import annotations

from ...kernel.errors import DomainError
from ...kernel.world import World
from .money import rupees

__all__ = ["balance_view", "ensure_usable", "find_wallet_for_money", "tier"]


def find_wallet_for_money(world: World, partner: dict, wallet_id: str, card_account_id: str | None = None,
                          company_id: str | None = None) -> dict:
    """Like wallets.find_wallet, but the card account and company are optional (the top-up docs mark them so)."""
    wallet = world.tx.get("wallet", wallet_id)
    if (wallet is None or wallet["partnerId"] != partner["partnerId"]
            or (card_account_id is not None and wallet["cardAccountId"] != card_account_id)
            or (company_id is not None and wallet["companyId"] != company_id)):
        raise DomainError("wallet_not_found")
    return wallet


def ensure_usable(wallet: dict) -> None:
    """Documented: unusable until minimum KYC is done and the latest T&C accepted."""
    if wallet["kycStatus"] == "PENDING":
        raise DomainError("wallet_kyc_pending")
    if not wallet["latestTncVersionAccepted"]:
        raise DomainError("wallet_tnc_pending")


def tier(wallet: dict) -> str:
    return wallet["kycStatus"]


def balance_view(wallet: dict) -> dict:
    return {"enKashCardId": wallet["enKashCardId"], "cardAccountId": wallet["cardAccountId"],
            "otbBalance": rupees(wallet.get("balancePaise", 0)), "currency": "INR",
            "kycStatus": wallet["kycStatus"]}
