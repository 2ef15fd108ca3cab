"""One spec operation's request, one straight line:

route (routing.py) → security (security.py) → validate (validation.py) → handler (api/<area>/)
→ shape the response (responses.py) → validate the response (responses.py, in tests).

Input problems are found first but reported after authentication, as Spring's security filter
answers 401 before any body is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Response, request

from ..kernel import World
from ..kernel.errors import DomainError
from ..state import MockState
from ..store import WriteNeeded
from .errors import ApiError, from_domain
from .flask_app import host_url
from .request_body import read_body
from .request_headers import request_headers
from .responses import json_response
from .security import Scheme
from .sessions import session_of
from .spec import Operation
from .validation import Violation

__all__ = ["Call", "Route", "run_operation"]


@dataclass(frozen=True)
class Call:
    """What a handler gets."""

    world: World
    body: Any
    query: dict[str, str]
    partner: dict | None  # the bearer token's partner; on the token path, the Basic client's (None if empty)

    @property
    def caller(self) -> dict:
        """The partner of the bearer token, for operations behind bearer auth (the pipeline authenticated it)."""
        if self.partner is None:
            raise LookupError("this operation has no bearer authentication: no calling partner")
        return self.partner

    @property
    def base_url(self) -> str:
        """Where this request was sent, for links back to the mock; computed only by handlers that
        build one (werkzeug's IRI conversion is a noticeable share of a token request)."""
        return host_url(request._get_current_object())  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Route:
    """Everything routing resolved for one operation, once, at start-up."""

    operation: Operation
    handler: Any  # Callable[[Call], Any]
    writes: bool | str  # True, False or "on-demand" (see mock_server.api.registry)
    scheme: Scheme


@dataclass(frozen=True)
class _Inputs:
    """What was read from the request before any transaction: parsed once, used by every attempt."""

    session: str
    body: Any
    query: dict[str, str]
    headers: dict[str, str]
    input_error: ApiError | None
    violations: list[Violation]


def run_operation(state: MockState, route: Route) -> Response:
    operation = route.operation
    input_error, body = read_body(operation)
    query = request.args.to_dict(flat=True) if request.environ.get("QUERY_STRING") else {}
    if request.view_args:  # path parameters are read, validated and handed over by name, like query ones
        query = {**query, **request.view_args}
    headers = request_headers(request.environ)
    violations = [] if input_error else state.requests.validate(operation, body, query, headers)
    inputs = _Inputs(session_of(request), body, query, headers, input_error, violations)
    if route.writes == "on-demand":
        try:
            return _execute(state, route, inputs, write=False)
        except WriteNeeded:
            pass  # nothing was written: the read transaction is rolled back, run it again as a write
    return _execute(state, route, inputs, write=bool(route.writes))


def _execute(state: MockState, route: Route, inputs: _Inputs, write: bool) -> Response:
    scheme = route.scheme
    with state.world(inputs.session, write=write) as world:
        try:
            partner = scheme.authenticate(world, inputs.headers)
            scheme.report_input(inputs.input_error, inputs.violations)
            # clientBasic answers with the Basic client's partner, which token grants hold the user to
            partner = scheme.authorise(world, partner, inputs.headers) or partner
            result: Any = route.handler(Call(world=world, body=inputs.body, query=inputs.query, partner=partner))
        except DomainError as refused:
            result = refused  # a business failure is an answer: what it recorded (e.g. an OTP try) commits
    if isinstance(result, DomainError):
        raise from_domain(result)
    return json_response(state, route.operation.operation_id, 200, result)
