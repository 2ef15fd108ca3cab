"""/__admin users and tokens: unlock a user, expire or revoke tokens now."""

from __future__ import annotations

from ..api.oauth.accounts import unlock
from ..http.errors import ApiError
from ..kernel.world import World, digest
from .base import admin_blueprint, body, caller_session, json_out, mock_state

__all__ = ["token_rows"]


@admin_blueprint.post("/users/<username>/unlock")
def unlock_user(username: str):
    with mock_state().world(caller_session()) as world:
        if not unlock(world, username):
            raise ApiError("admin_not_found", detail=f"no user {username} in this session")
    return json_out({"username": username, "locked": False})


@admin_blueprint.post("/tokens/expire")
def expire_tokens():
    """Access tokens stop working now; refresh tokens stay valid, as when a token times out."""
    return json_out({"expired": _change_tokens(lambda record, now: record.update(expiresAt=now), ("token",))})


@admin_blueprint.post("/tokens/revoke")
def revoke_tokens():
    """Access tokens, and for a username also its refresh tokens, are refused from now on."""
    return json_out({"revoked": _change_tokens(lambda record, now: record.update(revoked=True),
                                               ("token", "refresh"))})


def _change_tokens(change, kinds: tuple[str, ...]) -> int:
    data = body()
    token, username = data.get("access_token"), data.get("username")
    if not isinstance(token, str) and not isinstance(username, str):
        raise ApiError("admin_bad_request", detail='expected {"access_token": "..."} or {"username": "..."}')
    with mock_state().world(caller_session()) as world:
        if not isinstance(token, str) and world.tx.get("user", username) is None:
            raise ApiError("admin_not_found", detail=f"no user {username} in this session")
        keys = [("token", digest("access", token))] if isinstance(token, str) else _keys_of(world, str(username), kinds)
        changed = 0
        for kind, key in keys:
            record = world.tx.get(kind, key)
            if record is not None:
                change(record, world.now)
                world.tx.put(kind, key, record)
                changed += 1
    if not changed and isinstance(token, str):
        raise ApiError("admin_not_found", detail="no such token in this session")
    return changed


def _keys_of(world: World, username: str, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(kind, key) for kind in kinds for key, record in world.tx.items(kind) if record["username"] == username]


def token_rows(world: World) -> list[dict]:
    """Tokens as the inspector shows them: who, which partner, when, never the token itself."""
    rows = []
    for kind in ("token", "refresh"):
        for _, record in world.tx.items(kind):
            rows.append({"kind": "access" if kind == "token" else "refresh", "username": record["username"],
                         "partnerId": record["partnerId"], "expiresAt": record["expiresAt"],
                         "expired": world.now >= record["expiresAt"], "revoked": bool(record.get("revoked"))})
    return sorted(rows, key=lambda row: (row["username"], row["kind"], row["expiresAt"]))
