"""What every /__admin route shares: the blueprint, the access guard, JSON in and out, the session."""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any

from flask import Blueprint, Response, current_app, request

from ..http.errors import ApiError
from ..http.responses import envelope, json_answer
from ..http.sessions import session_of
from ..simulation import Simulation, simulation_of
from ..state import MockState

__all__ = [
    "ADMIN_COOKIE",
    "RESERVED_PREFIX",
    "admin_blueprint",
    "authorised",
    "body",
    "caller_session",
    "is_loopback",
    "json_out",
    "mock_state",
    "sim",
    "token_of",
]

RESERVED_PREFIX = "__"  # sessions the mock keeps for itself (snapshots); never a caller's session
ADMIN_COOKIE = "enkash_admin_token"

admin_blueprint = Blueprint("admin", __name__, url_prefix="/__admin")


def mock_state() -> MockState:
    return current_app.extensions["enkash"]


def sim() -> Simulation:
    return simulation_of(mock_state())


def json_out(data: Any, status: int = 200) -> Response:
    return json_answer(data, status)


def body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError("admin_bad_request", detail="expected a JSON object body")
    return data


def caller_session() -> str:
    session = session_of(request)
    if session.startswith(RESERVED_PREFIX):
        raise ApiError("admin_bad_request", detail=f"session names starting with {RESERVED_PREFIX!r} are reserved")
    return session


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").split("%")[0]).is_loopback
    except ValueError:
        return False


def token_of() -> str | None:
    """The admin token the caller sent: Bearer, X-Admin-Token or the inspector's cookie."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("X-Admin-Token") or request.cookies.get(ADMIN_COOKIE)


def authorised() -> bool:
    """Loopback callers only, unless an admin token is configured: then the token, from anywhere."""
    expected = mock_state().config.admin_token
    if expected:
        return hmac.compare_digest((token_of() or "").encode(), expected.encode())
    return is_loopback(request.remote_addr)


@admin_blueprint.before_request
def guard():
    if authorised():
        return None
    if mock_state().config.admin_token:
        if request.path in ("/__admin/ui", "/__admin/ui/login"):
            return None  # the inspector shows its token form, which posts to /__admin/ui/login
        return _refused(401, "admin token required: send Authorization: Bearer <token> or X-Admin-Token")
    return _refused(403, "the admin API answers loopback clients only; start the mock with --admin-token")


def _refused(status: int, message: str) -> Response:
    return json_out(envelope(status, message), status)
