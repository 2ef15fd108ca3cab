"""POST /oauth/token: password and refresh grants (plain JSON, no envelope)."""

from __future__ import annotations

from ..domain.accounts import password_grant, refresh_grant
from ..pipeline import Call

__all__ = ["HANDLERS"]


def get_token(call: Call) -> dict:
    form = call.body
    if form["grant_type"] == "refresh_token":
        return refresh_grant(call.world, form["refresh_token"], form.get("clientId"), call.partner)
    return password_grant(call.world, form["username"], form["password"], form["clientId"], call.partner)


HANDLERS = {"getToken": get_token}
