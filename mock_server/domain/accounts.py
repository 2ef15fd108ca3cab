"""OAuth as the sandbox behaves: password and refresh grants, expiring tokens, lockout, partner binding."""

from __future__ import annotations

import hmac
import secrets

from .errors import DomainError
from .world import World, digest

__all__ = ["authenticate", "check_client", "password_grant", "password_hash", "refresh_grant", "unlock"]


def password_hash(username: str, password: str) -> str:
    return digest("password", username, password)


def check_client(world: World, client_id: str, client_secret: str) -> None:
    """Basic client credentials: empty ones (the docs' `Basic Og==`) pass; wrong ones are refused."""
    if not client_id and not client_secret:
        return
    partner_id = (world.tx.get("client", client_id) or {}).get("partnerId")
    partner = world.tx.get("partner", partner_id) if partner_id else None
    if partner is None or not hmac.compare_digest(partner["clientSecretHash"], digest("client", client_secret)):
        raise DomainError("client_credentials_bad")


def password_grant(world: World, username: str, password: str, client_id: str) -> dict:
    user = world.tx.get("user", username)
    if user is None:
        raise DomainError("bad_credentials")
    if user.get("locked"):
        raise DomainError("user_locked")
    partner = world.tx.get("partner", user["partnerId"])
    good = hmac.compare_digest(user["passwordHash"], password_hash(username, password))
    if not good or partner["clientId"] != client_id:
        user["failedAttempts"] = user.get("failedAttempts", 0) + 1
        user["locked"] = user["failedAttempts"] >= world.config.lockout_threshold
        world.tx.put("user", username, user)
        raise DomainError("bad_credentials")
    if user.get("failedAttempts"):
        user["failedAttempts"] = 0
        world.tx.put("user", username, user)
    return _issue(world, user, secrets.token_urlsafe(20))


def refresh_grant(world: World, refresh_token: str, client_id: str | None) -> dict:
    record = world.tx.get("refresh", digest("refresh", refresh_token))
    if record is None or record.get("revoked"):
        raise DomainError("refresh_invalid")
    if world.now >= record["expiresAt"]:
        raise DomainError("refresh_expired")
    user = world.tx.get("user", record["username"])
    if user is None or user.get("locked"):
        raise DomainError("user_locked")
    partner = world.tx.get("partner", user["partnerId"])
    if client_id and partner["clientId"] != client_id:
        raise DomainError("refresh_invalid")
    # Spring reuses refresh tokens by default: the same one comes back.
    return _issue(world, user, refresh_token, refresh_expires_at=record["expiresAt"])


def _issue(world: World, user: dict, refresh_token: str, refresh_expires_at: float | None = None) -> dict:
    access_token = secrets.token_urlsafe(20)
    ttl = world.config.token_ttl_seconds
    world.tx.put(
        "token",
        digest("access", access_token),
        {"partnerId": user["partnerId"], "username": user["username"], "expiresAt": world.now + ttl,
         "issuedAt": world.now},
    )
    if refresh_expires_at is None:
        refresh_expires_at = world.now + world.config.refresh_token_ttl_seconds
    world.tx.put(
        "refresh",
        digest("refresh", refresh_token),
        {"partnerId": user["partnerId"], "username": user["username"], "expiresAt": refresh_expires_at},
    )
    return {
        "access_token": access_token,
        "token_type": "bearer",
        "refresh_token": refresh_token,
        "expires_in": ttl,
        "scope": "read write trust",
    }


def authenticate(world: World, access_token: str) -> dict:
    """The partner record a bearer token belongs to, or the reason it is refused."""
    record = world.tx.get("token", digest("access", access_token))
    if record is None or record.get("revoked"):
        raise DomainError("token_invalid")
    if world.now >= record["expiresAt"]:
        raise DomainError("token_expired")
    return world.tx.get("partner", record["partnerId"])


def unlock(world: World, username: str) -> bool:
    user = world.tx.get("user", username)
    if user is None:
        return False
    user["locked"], user["failedAttempts"] = False, 0
    world.tx.put("user", username, user)
    return True
