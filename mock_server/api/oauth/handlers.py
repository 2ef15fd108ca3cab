"""POST /oauth/token: password and refresh grants (plain JSON, no envelope)."""

from __future__ import annotations

from ...http.pipeline import Call
from ..registry import operation
from .accounts import password_grant, refresh_grant

__all__: list[str] = []  # handlers are reached through the registry


@operation("getToken", writes="on-demand")
def get_token(call: Call) -> dict:
    form = call.body
    if form["grant_type"] == "refresh_token":
        return refresh_grant(call.world, form["refresh_token"], form.get("clientId"))
    return password_grant(call.world, form["username"], form["password"], form["clientId"])

