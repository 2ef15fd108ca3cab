"""Application factory: spec → registry → routes, security, store, validators and error rendering, wired once."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, request
from werkzeug.exceptions import HTTPException

from .admin import admin_blueprint
from .api import area_seed_hooks, load_registry
from .config import MockConfig, load_config
from .http import browser_guard, session_expiry
from .http.errors import ApiError, catalogue
from .http.flask_app import MockFlask
from .http.responses import ResponseContractError, json_response
from .http.routing import register_operations
from .http.security import SECURITY
from .http.spec import load_spec
from .pages import pages_blueprint
from .payment_page import payment_page  # noqa: F401 - the gateway's payment page joins pages_blueprint
from .simulation import install as install_simulation
from .state import DEFAULT_SESSION, MockState
from .store import Store, StoreUnavailable, open_store
from .webhooks import install as install_webhooks
from .webhooks.seed import SEED as WEBHOOK_SEED

__all__ = ["create_app"]

log = logging.getLogger("enkash_mock")

_HTTP_TEMPLATES = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}


def create_app(config: MockConfig | None = None, *, store: Store | None = None, **overrides: Any) -> Flask:
    """Build a mock. `overrides` are MockConfig fields, e.g. `create_app(token_ttl_seconds=300)`."""
    config = (config or load_config()).replace(**overrides) if overrides else (config or load_config())
    spec = load_spec(config.spec_path)
    # Every area's part of the seed, then the webhook endpoints (a feature of the app, not an area).
    seed_hooks = (*area_seed_hooks(), WEBHOOK_SEED)
    state = MockState.build(config, spec, store or open_store(config.store), seed_hooks=seed_hooks)
    registry, security, bend_responses = load_registry(), SECURITY, None
    catalogue()  # every area's error templates, joined now: a name defined twice stops the start
    if config.faults:  # the self-test attachment: imported only when a planted violation is asked for
        from .selftest import attach, bend_due_work

        registry, security, bend_responses = attach(config, registry, security)
        state.due_work = bend_due_work(config.faults, state.due_work)
    app = MockFlask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.extensions["enkash"] = state
    browser_guard.install(app, state)  # first: before any admin or page code runs
    register_operations(app, state, registry, security)
    app.register_blueprint(admin_blueprint)
    app.register_blueprint(pages_blueprint)
    install_simulation(app, state)  # journal, runtime fault rules and the connection-drop switch
    session_expiry.install(app, state)  # idle sessions dropped, when session_idle_seconds is set
    install_webhooks(app, state)  # the delivery worker starts once there is something to deliver
    if bend_responses:
        app.after_request(bend_responses)  # registered last, so it runs first: before the journal sees it
    _register_error_handlers(app, state)
    state.reset(DEFAULT_SESSION, only_if_missing=True)
    return app


def _register_error_handlers(app: Flask, state: MockState) -> None:
    operation_ids = {operation.operation_id for operation in state.spec.operations}

    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        in_spec = request.endpoint in operation_ids
        return json_response(state, request.endpoint, error.status, error.body(), error.headers, check=in_spec)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        name = _HTTP_TEMPLATES.get(error.code or 500)
        if name is None:  # other werkzeug errors (e.g. a bad form) are bad requests in our envelope
            name = "missing_parameter" if (error.code or 500) < 500 else "internal"
        api = ApiError(name)
        headers = {}
        if error.code == 405:
            allowed = getattr(error, "valid_methods", None) or []
            headers["Allow"] = ", ".join(allowed)
        return json_response(state, None, api.status, api.body(), headers)

    @app.errorhandler(StoreUnavailable)
    def store_unavailable(error: StoreUnavailable):
        # The database went away (PostgreSQL store): the transaction is rolled back, the caller may retry.
        log.warning("%s %s: %s", request.method, request.path, error)
        api = ApiError("store_unavailable")
        return json_response(state, None, api.status, api.body(), {"Retry-After": "1"}, check=False)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, ResponseContractError) or app.testing or app.config.get("PROPAGATE_EXCEPTIONS"):
            raise error  # tests see the mock's own traceback, never an opaque 500
        log.exception("unexpected error in %s %s", request.method, request.path)
        api = ApiError("internal")
        return json_response(state, None, api.status, api.body(), check=False)  # a bug, not a contract
