"""The wallets' part of the seed: a partner's `wallets`, with the holder and the mobile index."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...kernel.seed import SeedDocuments, SeedHook
from .rules import HOLDER_FIELDS, new_wallet_record

__all__ = ["SEED"]


def add_wallets(docs: SeedDocuments, partner: Mapping[str, Any], now: float) -> None:
    for wallet in partner.get("wallets", []):
        holder = {name: wallet["holder"].get(name) for name in HOLDER_FIELDS}
        record = new_wallet_record(
            wallet_id=wallet["enKashCardId"], partner_id=partner["partnerId"], company_id=partner["companyId"],
            card_account_id=wallet["cardAccountId"], holder=holder, created_at=now,
            user_id=wallet["userId"], kyc_status=wallet.get("kycStatus", "PENDING"), last4=wallet.get("last4"),
        )
        record["latestTncVersionAccepted"] = bool(wallet.get("latestTncVersionAccepted", False))
        docs["wallet"][record["enKashCardId"]] = record
        docs["mobile"][f"{record['cardAccountId']}:{holder['mobile']}"] = {"enKashCardId": record["enKashCardId"]}


SEED = SeedHook("wallets", add_wallets, kinds=("wallet", "mobile"))
