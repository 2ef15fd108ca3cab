"""What every rule gets: the request's transaction, its instant, and the mock's configuration."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: at run time the kernel imports nothing outside itself
    from ..config import MockConfig
    from ..store import Transaction

__all__ = ["World", "digest"]


@dataclass(frozen=True)
class World:
    tx: Transaction
    now: float
    config: MockConfig
    session: str
    secret: bytes  # per-process key that derives OTPs, so no OTP is ever written to the store


def digest(*parts: str) -> str:
    """Stable one-way key for a secret (token, password) so the store never holds it in clear."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def keyed_digest(secret: bytes, *parts: str) -> bytes:
    return hmac.digest(secret, "\x1f".join(parts).encode(), "sha256")  # the one-shot C path
