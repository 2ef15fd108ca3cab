"""Planted violations at the security seam: a copy of the scheme table with a bent bearer scheme."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from ..http.errors import ApiError
from ..http.security import Scheme
from ..kernel.errors import DomainError

__all__ = ["bend_security"]


def bend_security(faults: tuple[str, ...], table: Mapping[str, Scheme]) -> Mapping[str, Scheme]:
    bearer = table["bearerAuth"]
    if "ignore_auth" in faults:
        bearer = replace(bearer, authenticate=_ignoring(bearer.authenticate))
    if "refuse_valid_token" in faults:
        bearer = replace(bearer, authenticate=_refusing(bearer.authenticate))
    return MappingProxyType({**table, "bearerAuth": bearer})


def _ignoring(authenticate):
    """A refused caller is served as the partnerId's partner."""
    def served_anyway(world, headers):
        try:
            return authenticate(world, headers)
        except (ApiError, DomainError):
            partner = world.tx.get("partner", headers.get("partnerid") or "")
            if partner is None:
                raise
            return partner
    return served_anyway


def _refusing(authenticate):
    def refused(world, headers):
        authenticate(world, headers)  # a missing token is still "missing"; a valid one is refused below
        raise ApiError("token_invalid")
    return refused
