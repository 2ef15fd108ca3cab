"""Flask rules from the spec's paths; the endpoint of each rule is its operationId."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from ..api.registry import Registry
from ..state import MockState
from .pipeline import Route, run_operation
from .security import Scheme, scheme_for

__all__ = ["register_operations"]


def register_operations(app: Flask, state: MockState, registry: Registry, security: Mapping[str, Scheme]) -> None:
    """Route every spec operation to its handler; refuses (naming both sides) when they disagree."""
    registry.check_against(state.spec)
    for operation in state.spec.operations:
        registration = registry[operation.operation_id]
        route = Route(operation, registration.handler, registration.writes, scheme_for(operation, security))

        def view(route=route):
            return run_operation(state, route)

        app.add_url_rule(operation.path, endpoint=operation.operation_id, view_func=view,
                         methods=[operation.method], provide_automatic_options=False)
