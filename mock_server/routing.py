"""Flask rules from the spec's paths; the endpoint of each rule is its operationId."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask

from .pipeline import run_operation
from .state import MockState

__all__ = ["MissingHandlerError", "flask_rule", "register_operations"]


def flask_rule(path: str) -> str:
    """OpenAPI's `/public/{ifsc}` as Flask's `/public/<ifsc>`."""
    return re.sub(r"\{(\w+)\}", r"<\1>", path)


class MissingHandlerError(RuntimeError):
    """openapi.yaml names an operation the mock cannot serve: refuse to start."""


def register_operations(app: Flask, state: MockState, handlers: dict[str, Callable]) -> None:
    missing = [op for op in state.spec.operations if op.operation_id not in handlers]
    if missing:
        names = ", ".join(f"{op.operation_id} ({op.method} {op.path})" for op in missing)
        raise MissingHandlerError(f"openapi.yaml has operations without a handler in mock_server.handlers: {names}")
    for operation in state.spec.operations:
        handler = handlers[operation.operation_id]

        def view(operation=operation, handler=handler, **_path_parameters):  # read by the pipeline
            return run_operation(state, operation, handler)

        app.add_url_rule(flask_rule(operation.path), endpoint=operation.operation_id, view_func=view,
                         methods=[operation.method], provide_automatic_options=False)
