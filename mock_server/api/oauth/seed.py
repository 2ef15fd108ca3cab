"""OAuth's part of the seed: a partner's `users` (their passwords hashed, never stored in clear)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...kernel.seed import SeedDocuments, SeedHook
from .accounts import password_hash

__all__ = ["SEED"]


def add_users(docs: SeedDocuments, partner: Mapping[str, Any], now: float) -> None:
    for user in partner.get("users", []):
        username = str(user["username"])
        docs["user"][username] = {
            "username": username,
            "partnerId": partner["partnerId"],
            "passwordHash": password_hash(username, str(user["password"])),
            "failedAttempts": 0,
            "locked": False,
        }


SEED = SeedHook("oauth", add_users, kinds=("user",))
