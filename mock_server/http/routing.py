"""Flask rules from the spec's paths; the endpoint of each rule is its operationId."""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask import Flask, request
from werkzeug.exceptions import MethodNotAllowed

from ..api.registry import Registry
from ..state import MockState
from .pipeline import Route, run_operation
from .security import Scheme, scheme_for

__all__ = ["flask_rule", "register_operations"]


def flask_rule(path: str) -> str:
    """OpenAPI's `/public/{ifsc}` as Flask's `/public/<ifsc>`."""
    return re.sub(r"\{(\w+)\}", r"<\1>", path)


def register_operations(app: Flask, state: MockState, registry: Registry, security: Mapping[str, Scheme]) -> None:
    """Route every spec operation to its handler; refuses (naming both sides) when they disagree."""
    registry.check_against(state.spec)
    # The API never redirects: `/oauth//token` is an unknown path (404 JSON), not a 308 to `/oauth/token`.
    app.url_map.merge_slashes = False
    app.url_map.redirect_defaults = False
    for operation in state.spec.operations:
        registration = registry[operation.operation_id]
        route = Route(operation, registration.handler, registration.writes, scheme_for(operation, security))

        def view(route=route, **_path_parameters):  # path parameters: read by the pipeline from view_args
            if request.method != route.operation.method:  # werkzeug adds HEAD to every GET rule; the spec has none
                raise MethodNotAllowed(valid_methods=[route.operation.method])
            return run_operation(state, route)

        app.add_url_rule(flask_rule(operation.path), endpoint=operation.operation_id, view_func=view,
                         methods=[operation.method], provide_automatic_options=False)
