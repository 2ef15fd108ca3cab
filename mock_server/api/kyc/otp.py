"""Single-use, time-bound OTPs bound to one wallet and one action.

The OTP value is derived (HMAC of the reference under a per-process key) rather than stored,
so the store file never holds an OTP; the admin API derives it again to show testers.
"""

from __future__ import annotations

import hmac

from ...kernel.clock import to_iso
from ...kernel.errors import DomainError
from ...kernel.ids import new_id
from ...kernel.world import World, keyed_digest

__all__ = ["ensure_unused", "generate_otp", "otp_value", "otps_of_wallet", "verify_otp"]

_KEEP_REFS = 20  # per wallet, newest last: enough for any test, bounded for the store


def otp_value(world: World, reference: str) -> str:
    if world.config.fixed_otp:
        return world.config.fixed_otp
    number = int.from_bytes(keyed_digest(world.secret, world.session, reference)[:8], "big")
    return f"{number % 1_000_000:06d}"


def generate_otp(world: World, wallet: dict, action: str) -> dict:
    reference = new_id("EK", 8, lambda candidate: world.tx.get("otp", candidate) is not None)
    record = {
        "reference": reference,
        "enKashCardId": wallet["enKashCardId"],
        "action": action,
        "issuedAt": world.now,
        "expiresAt": world.now + world.config.otp_ttl_seconds,
        "attempts": 0,
        "used": False,
    }
    world.tx.put("otp", reference, record)
    wallet["otpRefs"] = [*wallet.get("otpRefs", []), reference][-_KEEP_REFS:]
    world.tx.put("wallet", wallet["enKashCardId"], wallet)
    return record


def ensure_unused(world: World, wallet: dict, reference: str, action: str) -> dict:
    """The OTP record for this wallet and action, unless it is unknown or already used."""
    record = world.tx.get("otp", reference)
    if record is None or record["enKashCardId"] != wallet["enKashCardId"] or record["action"] != action:
        raise DomainError("otp_reference_invalid")
    if record["used"]:
        raise DomainError("otp_used")
    return record


def verify_otp(world: World, wallet: dict, reference: str, otp: str, action: str) -> None:
    """Consume the OTP or raise why not; a wrong guess is recorded (and commits) before raising."""
    record = ensure_unused(world, wallet, reference, action)
    limit = world.config.otp_max_attempts
    if record["attempts"] >= limit:
        raise DomainError("otp_attempts_exceeded")
    if world.now >= record["expiresAt"]:
        raise DomainError("otp_expired")
    if not hmac.compare_digest(otp.encode(), otp_value(world, reference).encode()):
        record["attempts"] += 1
        world.tx.put("otp", reference, record)
        raise DomainError("otp_invalid", remaining=limit - record["attempts"])
    record["used"] = True
    world.tx.put("otp", reference, record)


def otps_of_wallet(world: World, wallet_id: str) -> list[dict]:
    """Issued OTPs of a wallet, newest last, with their values (for testers, via the admin API)."""
    wallet = world.tx.get("wallet", wallet_id)
    if wallet is None:
        return []
    found = []
    for reference in wallet.get("otpRefs", []):
        record = world.tx.get("otp", reference)
        if record is None:
            continue
        state = "USED" if record["used"] else "BURNED" if record["attempts"] >= world.config.otp_max_attempts \
            else "EXPIRED" if world.now >= record["expiresAt"] else "ACTIVE"
        found.append({
            "otpReferenceId": reference,
            "otp": otp_value(world, reference),
            "cardOtpAction": record["action"],
            "enKashCardId": wallet_id,
            "state": state,
            "attempts": record["attempts"],
            "expiresAt": to_iso(record["expiresAt"]),  # ISO-8601 like every other time the mock shows
        })
    return found
