"""Flask rules from the spec's paths; the endpoint of each rule is its operationId."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, request
from werkzeug.exceptions import MethodNotAllowed

from .pipeline import run_operation
from .state import MockState

__all__ = ["MissingHandlerError", "register_operations"]


class MissingHandlerError(RuntimeError):
    """openapi.yaml names an operation the mock cannot serve: refuse to start."""


def register_operations(app: Flask, state: MockState, handlers: dict[str, Callable]) -> None:
    missing = [op for op in state.spec.operations if op.operation_id not in handlers]
    if missing:
        names = ", ".join(f"{op.operation_id} ({op.method} {op.path})" for op in missing)
        raise MissingHandlerError(f"openapi.yaml has operations without a handler in mock_server.handlers: {names}")
    # The API never redirects: `/oauth//token` is an unknown path (404 JSON), not a 308 to `/oauth/token`.
    app.url_map.merge_slashes = False
    app.url_map.redirect_defaults = False
    for operation in state.spec.operations:
        handler = handlers[operation.operation_id]

        def view(operation=operation, handler=handler):
            if request.method != operation.method:  # werkzeug adds HEAD to every GET rule; the spec has none
                raise MethodNotAllowed(valid_methods=[operation.method])
            return run_operation(state, operation, handler)

        app.add_url_rule(operation.path, endpoint=operation.operation_id, view_func=view,
                         methods=[operation.method], provide_automatic_options=False)
