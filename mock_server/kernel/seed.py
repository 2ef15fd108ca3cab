"""Turn a seed (YAML: partners, their users and wallets) into store documents.

Passwords and client secrets are hashed here, so the store never holds them in clear.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..api.oauth.accounts import password_hash
from ..api.wallets.rules import HOLDER_FIELDS, new_wallet_record
from .world import digest

__all__ = ["SeedError", "load_seed", "seed_documents"]

# libyaml's safe loader, as for the spec: every app (so every test) reads its seed.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SeedError(ValueError):
    """The seed file is not usable; the message names the entry."""


def load_seed(path: str | Path) -> dict[str, Any]:
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise SeedError(f"cannot read seed {path}: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("partners"), list):
        raise SeedError(f"seed {path}: expected a mapping with a 'partners' list")
    return data


def seed_documents(seed: dict[str, Any], now: float) -> dict[str, dict[str, dict]]:
    docs: dict[str, dict[str, dict]] = {kind: {} for kind in ("partner", "client", "user", "wallet", "mobile")}
    for index, partner in enumerate(seed["partners"]):
        try:
            _add_partner(docs, partner, now)
        except (KeyError, TypeError) as error:
            raise SeedError(f"partner #{index + 1}: missing or malformed field {error}") from error
    return docs


def _add_partner(docs: dict, partner: dict, now: float) -> None:
    partner_id = partner["partnerId"]
    docs["partner"][partner_id] = {
        "partnerId": partner_id,
        "companyId": partner["companyId"],
        "clientId": partner["clientId"],
        "clientSecretHash": digest("client", str(partner.get("clientSecret", ""))),
        "cardAccountIds": list(partner["cardAccountIds"]),
    }
    docs["client"][partner["clientId"]] = {"partnerId": partner_id}
    for user in partner.get("users", []):
        username = str(user["username"])
        docs["user"][username] = {
            "username": username,
            "partnerId": partner_id,
            "passwordHash": password_hash(username, str(user["password"])),
            "failedAttempts": 0,
            "locked": False,
        }
    for wallet in partner.get("wallets", []):
        holder = {name: wallet["holder"].get(name) for name in HOLDER_FIELDS}
        record = new_wallet_record(
            wallet_id=wallet["enKashCardId"], partner_id=partner_id, company_id=partner["companyId"],
            card_account_id=wallet["cardAccountId"], holder=holder, created_at=now,
            user_id=wallet["userId"], kyc_status=wallet.get("kycStatus", "PENDING"), last4=wallet.get("last4"),
        )
        record["latestTncVersionAccepted"] = bool(wallet.get("latestTncVersionAccepted", False))
        docs["wallet"][record["enKashCardId"]] = record
        docs["mobile"][f"{record['cardAccountId']}:{holder['mobile']}"] = {"enKashCardId": record["enKashCardId"]}
