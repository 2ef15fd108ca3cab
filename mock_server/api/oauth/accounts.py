"""OAuth as the sandbox behaves: password and refresh grants, expiring tokens, lockout, partner binding."""

from __future__ import annotations

import base64
import hmac

from ...kernel.errors import DomainError
from ...kernel.world import World, digest, keyed_digest

__all__ = ["authenticate", "check_client", "password_grant", "password_hash", "refresh_grant", "unlock"]


def password_hash(username: str, password: str) -> str:
    return digest("password", username, password)


def check_client(world: World, client_id: str, client_secret: str) -> dict | None:
    """Basic client credentials: empty ones (the docs' `Basic Og==`) pass as no client (None); right
    ones give the client's partner, which the grants then hold the user to; wrong ones are refused."""
    if not client_id and not client_secret:
        return None
    partner_id = (world.tx.get("client", client_id) or {}).get("partnerId")
    partner = world.tx.get("partner", partner_id) if partner_id else None
    if partner is None or not hmac.compare_digest(partner["clientSecretHash"], digest("client", client_secret)):
        raise DomainError("client_credentials_bad")
    return partner


def _belongs(user: dict, client_partner: dict | None) -> bool:
    """Spring authenticates the client first and then refuses a user of another client."""
    return client_partner is None or client_partner["partnerId"] == user["partnerId"]


def password_grant(world: World, username: str, password: str, client_id: str,
                   client_partner: dict | None = None) -> dict:
    user = world.tx.get("user", username)
    if user is None or not _belongs(user, client_partner):  # before the password: no oracle, no lockout
        raise DomainError("bad_credentials")
    if user.get("locked"):
        raise DomainError("user_locked")
    partner = _partner(world, user["partnerId"], "bad_credentials")
    good = hmac.compare_digest(user["passwordHash"], password_hash(username, password))
    if not good or partner["clientId"] != client_id:
        user["failedAttempts"] = user.get("failedAttempts", 0) + 1
        user["locked"] = user["failedAttempts"] >= world.config.lockout_threshold
        world.tx.put("user", username, user)
        raise DomainError("bad_credentials")
    if user.get("failedAttempts"):
        user["failedAttempts"] = 0
        world.tx.put("user", username, user)
    # Spring's DefaultTokenServices hands back the user's still-valid token rather than a new one
    # (so a repeated login is a read); only a missing, expired or revoked pair gets a new one.
    return _current_tokens(world, user) or _issue(world, user)


def refresh_grant(world: World, refresh_token: str, client_id: str | None, client_partner: dict | None = None) -> dict:
    record = world.tx.get("refresh", digest("refresh", refresh_token))
    if record is None or record.get("revoked"):
        raise DomainError("refresh_invalid")
    if world.now >= record["expiresAt"]:
        raise DomainError("refresh_expired")
    user = world.tx.get("user", record["username"])
    if user is None or user.get("locked"):
        raise DomainError("user_locked")
    partner = _partner(world, user["partnerId"], "refresh_invalid")
    if (client_id and partner["clientId"] != client_id) or not _belongs(user, client_partner):
        raise DomainError("refresh_invalid")
    # Spring reuses refresh tokens by default: the same one comes back, with a new access token.
    return _issue(world, user, refresh=(refresh_token, record))


def _token(world: World, kind: str, username: str, sequence: int) -> str:
    """Tokens are derived, not stored: the store keeps only their digests, yet a valid one can be
    handed out again. Each issue has its own sequence number, so a revoked token never comes back."""
    raw = keyed_digest(world.secret, kind, world.session, username, str(sequence))
    return base64.urlsafe_b64encode(raw).decode()[:27]


def _usable(world: World, record: dict | None) -> bool:
    return record is not None and not record.get("revoked") and world.now < record["expiresAt"]


def _current_tokens(world: World, user: dict) -> dict | None:
    current = user.get("tokens")
    if not current:
        return None
    access = _token(world, "access", user["username"], current["access"])
    refresh = _token(world, "refresh", user["username"], current["refresh"])
    record = world.tx.get("token", digest("access", access))
    if record is None or not (_usable(world, record)
                              and _usable(world, world.tx.get("refresh", digest("refresh", refresh)))):
        return None  # expired, revoked, or issued under another process's key (a restart)
    return _token_response(access, refresh, int(record["expiresAt"] - world.now))


def _issue(world: World, user: dict, refresh: tuple[str, dict] | None = None) -> dict:
    tokens = user.get("tokens") or {"sequence": 0}
    sequence = tokens["sequence"] + 1
    ttl = world.config.token_ttl_seconds
    access = _token(world, "access", user["username"], sequence)
    owner = {"partnerId": user["partnerId"], "username": user["username"]}
    world.tx.put("token", digest("access", access), {**owner, "expiresAt": world.now + ttl, "issuedAt": world.now})
    if refresh is None:
        refresh_token, refresh_sequence = _token(world, "refresh", user["username"], sequence), sequence
        world.tx.put("refresh", digest("refresh", refresh_token),
                     {**owner, "expiresAt": world.now + world.config.refresh_token_ttl_seconds,
                      "sequence": sequence})
    else:
        refresh_token, record = refresh
        refresh_sequence = record.get("sequence", -1)  # -1: not derivable, so never handed out again
    user["tokens"] = {"sequence": sequence, "access": sequence, "refresh": refresh_sequence}
    world.tx.put("user", user["username"], user)
    return _token_response(access, refresh_token, ttl)


def _token_response(access: str, refresh: str, expires_in: int) -> dict:
    return {
        "access_token": access,
        "token_type": "bearer",
        "refresh_token": refresh,
        "expires_in": expires_in,
        "scope": "read write trust",
    }


def authenticate(world: World, access_token: str) -> dict:
    """The partner record a bearer token belongs to, or the reason it is refused."""
    record = world.tx.get("token", digest("access", access_token))
    if record is None or record.get("revoked"):
        raise DomainError("token_invalid")
    if world.now >= record["expiresAt"]:
        raise DomainError("token_expired")
    return _partner(world, record["partnerId"], "token_invalid")


def _partner(world: World, partner_id: str, refusal: str) -> dict:
    """The partner record, or `refusal`: an admin state import can leave a user or token without one."""
    partner = world.tx.get("partner", partner_id)
    if partner is None:
        raise DomainError(refusal)
    return partner


def unlock(world: World, username: str) -> bool:
    user = world.tx.get("user", username)
    if user is None:
        return False
    user["locked"], user["failedAttempts"] = False, 0
    world.tx.put("user", username, user)
    return True
