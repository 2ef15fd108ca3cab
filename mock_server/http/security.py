"""Security, as a table keyed by the spec's security schemes.

Each scheme says how a caller proves who it is (`authenticate`, answering 401 before any input
problem, as Spring's security filter does), how input problems are reported on its operations
(`report_input`: the wallet envelope, or OAuth's dialect on the token endpoint) and what the
authenticated caller may do (`authorise`). The pipeline looks the scheme up; it never asks which
endpoint it serves. Selftest (planted faults) swaps entries of a copy of this table.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..api.oauth.accounts import authenticate, check_client
from ..kernel import World
from .errors import ApiError
from .spec import Operation
from .validation import Violation

__all__ = ["PUBLIC", "SECURITY", "Scheme", "scheme_for"]

Headers = Mapping[str, str]


@dataclass(frozen=True)
class Scheme:
    authenticate: Callable[[World, Headers], Any]  # -> the partner (or None); raises for a refused caller
    report_input: Callable[[ApiError | None, list[Violation]], None]  # raises the first input problem
    authorise: Callable[[World, Any, Headers], None]  # raises when the caller may not make this call


def _bearer_partner(world: World, headers: Headers) -> dict:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError("token_missing")
    return authenticate(world, token.strip())


def _same_partner(world: World, partner: dict, headers: Headers) -> None:
    if partner["partnerId"] != headers.get("partnerid"):
        raise ApiError("token_wrong_partner")


def _basic_present(world: World, headers: Headers) -> None:
    scheme, _, _ = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        raise ApiError("client_credentials_missing")


def _client_credentials(world: World, partner: Any, headers: Headers) -> None:
    _, _, encoded = headers.get("authorization", "").partition(" ")
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as error:
        raise ApiError("client_credentials_bad") from error
    client_id, _, secret = decoded.partition(":")
    check_client(world, client_id, secret)


def _envelope_input(input_error: ApiError | None, violations: list[Violation]) -> None:
    if input_error:
        raise input_error
    if violations:
        name = "missing_parameter" if any(v.missing for v in violations) else "invalid_parameter"
        raise ApiError(name, payload={"violations": [v.to_dict() for v in violations]})


def _oauth_input(input_error: ApiError | None, violations: list[Violation]) -> None:
    """The token endpoint reports input problems the Spring OAuth way."""
    if input_error:
        raise ApiError("grant_missing_field", fields="form body")
    if any(v.field == "grant_type" and not v.missing for v in violations):
        raise ApiError("grant_unsupported")
    if violations:
        raise ApiError("grant_missing_field", fields=", ".join(sorted({v.field or "body" for v in violations})))


def _nobody(world: World, headers: Headers) -> None:
    return None


def _anyone(world: World, partner: Any, headers: Headers) -> None:
    return None


PUBLIC = Scheme(_nobody, _envelope_input, _anyone)  # an operation the spec leaves unsecured
SECURITY: Mapping[str, Scheme] = MappingProxyType({
    "bearerAuth": Scheme(_bearer_partner, _envelope_input, _same_partner),
    "clientBasic": Scheme(_basic_present, _oauth_input, _client_credentials),
})


def scheme_for(operation: Operation, table: Mapping[str, Scheme] = SECURITY) -> Scheme:
    """The operation's scheme; the spec gives each operation at most one requirement."""
    for name in operation.security:
        if name in table:
            return table[name]
    if operation.security:
        raise KeyError(f"{operation.operation_id}: no security scheme named {operation.security} in the mock")
    return PUBLIC
