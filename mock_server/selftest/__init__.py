"""Selftest: planted contract violations that prove the contract suite bites.

`enkash-mock serve --fault NAME` (or `create_app(faults=(NAME,))`) makes the mock break its own
contract on purpose. The app factory imports this package only when a fault is asked for, and it
attaches as wrappers around three seams: the handler registry, the security table, and the
response (after the mock's own spec check); a fourth, `bend_due_work`, wraps the work that falls due
on the session's clock (MockState.due_work: transfers settling). Nothing on the request path imports it otherwise.
Each violation declares the contract check that must catch it (`catalogue.PLANTED`); the test in
tests/contracts/test_fault_switches.py is generated from those declarations.

Runtime fault rules (`mock_server.simulation.faults`, the admin API's latency and error injection) are a
product feature and are not this.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from flask import Response, request

from ..api.registry import Registry
from ..config import MockConfig
from ..http.responses import JsonResponse
from ..http.security import Scheme
from .catalogue import PLANTED, PlantedViolation, check_known
from .due_work import bend_due_work
from .handlers import PlantedCrash, bend_handlers
from .responses import RESPONSE_VIOLATIONS, shape_response
from .security import bend_security

__all__ = ["PLANTED", "PlantedCrash", "PlantedViolation", "attach", "bend_due_work", "check_known", "shape_response"]


def attach(config: MockConfig, registry: Registry, security: Mapping[str, Scheme]
           ) -> tuple[Registry, Mapping[str, Scheme], Callable[[Response], Response] | None]:
    """The faulty mock's registry and security table, and an after-request hook bending its answers."""
    check_known(config.faults)
    registry = bend_handlers(config.faults, registry)
    security = bend_security(config.faults, security)
    bend = _response_bender(config) if set(config.faults) & RESPONSE_VIOLATIONS else None
    return registry, security, bend


def _response_bender(config: MockConfig) -> Callable[[Response], Response]:
    def bend(response: Response) -> Response:
        if not isinstance(response, JsonResponse) or request.blueprint in ("admin", "pages"):
            return response
        status, value = shape_response(config, response.status_code, response.value, request.endpoint)
        response.status_code = status
        response.set_data(json.dumps(value))
        response.value = value
        return response
    return bend
