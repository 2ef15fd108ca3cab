"""One spec operation's request, end to end:

parse → authenticate → validate → check partner → handler (in one transaction) → shape → check response.

Input problems are found first but reported after authentication, as Spring's security filter
answers 401 before any body is read.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from flask import Request, Response, request

from . import planted_faults
from .domain import World
from .domain.accounts import authenticate, check_client
from .domain.errors import DomainError
from .errors import ApiError, from_domain
from .request_headers import request_headers
from .spec import Operation
from .state import DEFAULT_SESSION, MockState
from .store import WriteNeeded
from .validation import Violation

__all__ = ["Call", "JsonResponse", "ResponseContractError", "json_response", "run_operation", "session_of"]

SESSION_HEADER = "X-Mock-Session"


class ResponseContractError(AssertionError):
    """The mock was about to send a response its own spec does not allow (strict mode)."""


@dataclass(frozen=True)
class Call:
    """What a handler gets."""

    world: World
    body: Any
    query: dict[str, str]
    partner: dict | None

    @property
    def base_url(self) -> str:
        """Where this request was sent, for links back to the mock; computed only by handlers that
        build one (werkzeug's IRI conversion is a noticeable share of a token request)."""
        return request.host_url


def session_of(req: Request) -> str:
    return req.headers.get(SESSION_HEADER) or DEFAULT_SESSION


@dataclass(frozen=True)
class _Inputs:
    """What was read from the request before any transaction: parsed once, used by every attempt."""

    session: str
    body: Any
    query: dict[str, str]
    headers: dict[str, str]
    input_error: ApiError | None
    violations: list[Violation]


def run_operation(state: MockState, operation: Operation, handler) -> Response:
    input_error, body = _read_body(operation)
    query = request.args.to_dict(flat=True) if request.environ.get("QUERY_STRING") else {}
    if request.view_args:  # path parameters are read, validated and handed over by name, like query ones
        query = {**query, **request.view_args}
    headers = request_headers(request.environ)
    violations = [] if input_error else state.requests.validate(operation, body, query, headers)
    inputs = _Inputs(session_of(request), body, query, headers, input_error, violations)
    if operation.writes_on_demand:
        try:
            return _execute(state, operation, handler, inputs, write=False)
        except WriteNeeded:
            pass  # nothing was written: the read transaction is rolled back, run it again as a write
    return _execute(state, operation, handler, inputs, write=operation.writes or operation.writes_on_demand)


def _execute(state: MockState, operation: Operation, handler, inputs: _Inputs, write: bool) -> Response:
    is_token = "clientBasic" in operation.security
    input_error, body, query, headers, violations = (
        inputs.input_error, inputs.body, inputs.query, inputs.headers, inputs.violations)
    with state.world(inputs.session, write=write) as world:
        try:
            partner = planted_faults.guard_auth(state.config, world, headers, lambda: _authenticate(world, operation))
            if is_token:
                _raise_token_input(input_error, violations)
                check_client(world, *_basic_credentials())
            else:
                _raise_input(input_error, violations)
                if partner is not None and partner["partnerId"] != headers.get("partnerid"):  # None: public
                    raise ApiError("token_wrong_partner")
            planted_faults.crash_on_input(state.config, body)
            call = Call(world=world, body=body, query=query, partner=partner)
            result: Any = handler(call)
        except DomainError as refused:
            result = refused  # a business failure is an answer: what it recorded (e.g. an OTP try) commits
    if isinstance(result, DomainError):
        raise from_domain(result)
    return json_response(state, operation.operation_id, 200, result)


def json_response(state: MockState, operation_id: str | None, status: int, body: Any,
                  headers: dict[str, str] | None = None, check: bool = True) -> Response:
    """`check=False` for answers outside openapi.yaml (the admin API has its own contract)."""
    if check and state.config.validate_responses:
        problems = state.responses.problems(operation_id, status, body)
        if problems:
            raise ResponseContractError(f"{operation_id} {status} breaks openapi.yaml: " + "; ".join(problems))
    status, body = planted_faults.shape_response(state.config, status, body)
    return JsonResponse(body, status, headers)


class JsonResponse(Response):
    """A JSON answer that keeps the value it was serialised from, so the journal can mask its
    secrets without parsing the text again. `value` no longer describes the body after `set_data`."""

    def __init__(self, value: Any, status: int, headers: dict[str, str] | None = None):
        super().__init__(json.dumps(value), status=status, headers=headers, mimetype="application/json")
        self.value = value


def _authenticate(world: World, operation: Operation) -> dict | None:
    if "bearerAuth" in operation.security:
        scheme, _, token = request_headers(request.environ).get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError("token_missing")
        return authenticate(world, token.strip())
    if "clientBasic" in operation.security:
        scheme, _, _ = request_headers(request.environ).get("authorization", "").partition(" ")
        if scheme.lower() != "basic":
            raise ApiError("client_credentials_missing")
    return None


def _basic_credentials() -> tuple[str, str]:
    _, _, encoded = request_headers(request.environ).get("authorization", "").partition(" ")
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as error:
        raise ApiError("client_credentials_bad") from error
    client_id, _, secret = decoded.partition(":")
    return client_id, secret


def _read_body(operation: Operation) -> tuple[ApiError | None, Any]:
    if operation.body_media_type is None:
        return None, None
    if request.mimetype != operation.body_media_type:
        return ApiError("unsupported_content_type", expected=operation.body_media_type), None
    if operation.body_media_type == "application/x-www-form-urlencoded":
        return None, _form_fields(request.get_data(cache=True))
    raw = request.get_data(cache=True)
    if not raw.strip():
        missing = Violation("body", "", "request body is required", missing=True)
        return ApiError("missing_parameter", payload={"violations": [missing.to_dict()]}), None
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return ApiError("malformed_body"), None
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates such as "\ud800"
        return ApiError("invalid_unicode"), None
    return None, body


def _form_fields(raw: bytes) -> dict[str, str]:
    """The first value of each form field (as werkzeug's `form.to_dict()`), parsed straight from the
    bytes: werkzeug's streaming form parser costs more than the rest of a token request's validation."""
    fields: dict[str, str] = {}
    for name, value in parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True):
        fields.setdefault(name, value)
    return fields


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _raise_input(input_error: ApiError | None, violations: list[Violation]) -> None:
    if input_error:
        raise input_error
    if violations:
        name = "missing_parameter" if any(v.missing for v in violations) else "invalid_parameter"
        raise ApiError(name, payload={"violations": [v.to_dict() for v in violations]})


def _raise_token_input(input_error: ApiError | None, violations: list[Violation]) -> None:
    """The token endpoint reports input problems the Spring OAuth way."""
    if input_error:
        raise ApiError("grant_missing_field", fields="form body")
    if any(v.field == "grant_type" and not v.missing for v in violations):
        raise ApiError("grant_unsupported")
    if violations:
        raise ApiError("grant_missing_field", fields=", ".join(sorted({v.field or "body" for v in violations})))
