"""Journal and faults wired into the app: hooks around each spec operation and a WSGI drop switch.

Hot path with no faults asked for: one single-row read of the session's rules document (absent → None)
and one O(1) journal append. Everything else runs only when a fault fires.
"""

from __future__ import annotations

import errno
import json
import random
import socket
import struct
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from ..http.request_body import raw_body_of
from ..http.request_headers import request_headers
from ..http.responses import JsonResponse, envelope, json_answer, oauth_body
from ..http.sessions import DEFAULT_SESSION, SESSION_ENVIRON_KEY, SessionNameError, session_of
from ..state import MockState
from .faults import Fault, FaultRuleError, match_rules, parse_header, parse_prefer
from .journal import Journal

__all__ = ["DROP_KEY", "FAULT_HEADER", "DropMiddleware", "Simulation", "install", "simulation_of"]

FAULT_HEADER = "X-Mock-Fault"
DROP_KEY = "enkash.drop"  # set in the WSGI environ: close the connection instead of answering
_FAULTS_KEY = "enkash.faults"
_STARTED_KEY = "enkash.started"
# Tester and admin traffic would drown the API calls; so would the favicon a browser asks for on every page.
_UNJOURNALLED = ("/__admin", "/__mock", "/favicon.ico")


@dataclass
class Simulation:
    """Per-process simulation parts, kept in `state.extras["simulation"]`."""

    journal: Journal
    rng: random.Random = field(default_factory=random.Random)
    sleep: Any = time.sleep  # tests swap this to observe latency without waiting

    def rules(self, state: MockState, session: str) -> dict:
        return state.store.read(session, "fault", "rules") or {"rules": [], "counts": {}}

    def save_rules(self, state: MockState, session: str, rules: list[dict]) -> None:
        with state.store.transaction(session) as tx:
            if rules:
                tx.put("fault", "rules", {"rules": rules, "counts": {}})
            else:
                tx.delete("fault", "rules")

    def plan(self, state: MockState, session: str, operation_id: str) -> list[Fault]:
        """Faults for this request: the header's if it asks for any, else the session's rules."""
        environ = request.environ
        asked = environ.get("HTTP_X_MOCK_FAULT")
        if asked:
            return parse_header(asked)
        prefer = environ.get("HTTP_PREFER")
        if prefer:
            found = parse_prefer(prefer)
            if found:
                return found
        return self._fired_rules(state, session, operation_id)

    def _fired_rules(self, state: MockState, session: str, operation_id: str) -> list[Fault]:
        doc = state.store.read(session, "fault", "rules")
        if doc is None:
            return []
        paths = (request.path, request.url_rule.rule if request.url_rule else request.path)
        if not any("nthCall" in rule for rule in doc.get("rules", [])):
            return match_rules(doc, operation_id, request.method, paths, self.rng)[0]
        with state.store.transaction(session, write=True) as tx:  # counters must not lose a call
            doc = tx.get("fault", "rules") or {"rules": []}
            fired, counted = match_rules(doc, operation_id, request.method, paths, self.rng)
            if counted:
                tx.put("fault", "rules", doc)
        return fired


def simulation_of(state: MockState) -> Simulation:
    return state.extras["simulation"]


def install(app: Flask, state: MockState) -> Simulation:
    size = state.config.journal_size
    # A store shared by several hosts keeps the journal's rows, so every replica reads one history.
    sim = Simulation(journal=Journal(size, rows=state.store.journal_rows(size) if size else None))
    state.extras["simulation"] = sim
    operation_ids = {op.operation_id for op in state.spec.operations}

    @app.before_request
    def _before():
        req = request._get_current_object()
        environ = req.environ
        environ[_STARTED_KEY] = (time.time(), time.perf_counter())
        endpoint = req.endpoint
        if endpoint not in operation_ids:
            return None
        try:
            session = session_of(req)
        except SessionNameError as error:  # before any fault rule or handler reads that session
            return _envelope(400, str(error), location="header", field="X-Mock-Session")
        return _apply_before(sim, state, endpoint, session)

    @app.after_request
    def _after(response: Response) -> Response:
        faults = request.environ.get(_FAULTS_KEY)
        if faults:
            response = _apply_after(faults, response)
        if sim.journal.size and not request.path.startswith(_UNJOURNALLED):
            _journal(sim, response, faults)
        return response

    app.wsgi_app = DropMiddleware(app.wsgi_app)  # type: ignore[method-assign]  # Flask's documented way
    return sim


def _apply_before(sim: Simulation, state: MockState, operation_id: str, session: str) -> Response | None:
    try:
        faults = sim.plan(state, session, operation_id)
    except FaultRuleError as error:
        return _envelope(400, str(error))
    if not faults:
        return None
    request.environ[_FAULTS_KEY] = faults
    delay = sum(f.delay_seconds(sim.rng) for f in faults if f.kind == "latency")
    if delay:
        sim.sleep(delay)
    for fault in faults:
        if fault.kind == "status":
            return _envelope(fault.params["status"], fault.params.get("message"))
        if fault.kind == "reset":
            request.environ[DROP_KEY] = "reset"
            return Response(b"", status=500)
    return None


def _apply_after(faults: list[Fault], response: Response) -> Response:
    """Faults on the way out: the handler ran and its transaction is committed."""
    for fault in faults:
        if fault.kind == "malformed":
            body = response.get_data()
            response.set_data(body[: max(1, len(body) // 2)])
        elif fault.kind == "drop-field":
            response.set_data(_drop_field(response.get_data(), fault.params["field"]))
        elif fault.kind == "lost-response":
            if "status" in fault.params:
                return _envelope(fault.params["status"], fault.params.get("message"))
            request.environ[DROP_KEY] = "lost-response"
    return response


def _drop_field(body: bytes, path: str) -> bytes:
    try:
        data = json.loads(body)
    except ValueError:
        return body
    *parents, last = path.split(".")
    node = data
    for name in parents:
        node = node.get(name) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(last, None)
    return json.dumps(data).encode()


def _envelope(status: int, message: str | None, location: str = "header", field: str = FAULT_HEADER) -> Response:
    """An error body in the shape Enkash's servers use (Spring OAuth's on the token path); a 400 or
    422 lists its violation as the spec's ValidationFailureEnvelope does."""
    message = message or _phrase(status)
    if request.path.startswith("/oauth/"):
        return json_answer(oauth_body("server_error" if status >= 500 else "invalid_request", message), status)
    payload: Any = None
    if status in (400, 422):
        payload = {"violations": [{"location": location, "field": field, "message": message}]}
    return json_answer(envelope(status, message, payload), status)


def _phrase(status: int) -> str:
    """The reason phrase; 460, 499 or 599 are fine statuses to simulate but have none registered."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Client error" if status < 500 else "Server error"


def _journal(sim: Simulation, response: Response, faults: list[Fault] | None) -> None:
    req = request._get_current_object()  # type: ignore[attr-defined]  # one proxy lookup, not a dozen (hot path)
    environ = req.environ
    started_at, started = environ.get(_STARTED_KEY) or (time.time(), time.perf_counter())
    dropped = environ.get(DROP_KEY)
    mimetype = req.mimetype
    try:
        # a form body is kept as sent, masked like a query (decoded as werkzeug's get_data(as_text=True) does)
        request_body = raw_body_of(req).decode(errors="replace")
    except HTTPException:  # e.g. a body over max_body_bytes: the 413 is the story, not the body
        request_body = ""
    sim.journal.record(
        session=_journal_session(req), method=req.method, path=req.path,
        query=environ.get("QUERY_STRING", ""), operation_id=req.url_rule and req.endpoint,
        matched=req.routing_exception is None, status=0 if dropped == "reset" else response.status_code,
        started=started_at, duration=time.perf_counter() - started,
        fault=", ".join(f.describe() for f in faults) if faults else None,
        headers=request_headers(environ).items(), request_body=request_body, request_type=mimetype,
        response_body="" if dropped == "reset" else response.get_data(as_text=True),
        response_type="application/json" if isinstance(response, JsonResponse) else response.mimetype,
        # After a fault rewrote the body (malformed, drop-field) only the text tells what was sent.
        response_value=response.value if isinstance(response, JsonResponse) and not faults and not dropped else None,
    )


def _journal_session(req) -> str:
    try:
        return session_of(req)
    except SessionNameError:  # refused with a 400: journalled under the name as it arrived
        return req.environ.get(SESSION_ENVIRON_KEY) or DEFAULT_SESSION


class DropMiddleware:
    """Closes the client's connection without an answer when a fault asked for it.

    Raising ConnectionResetError is how both gunicorn (gthread) and werkzeug's server learn that a
    connection is gone: they log at debug level and close it. Before that, SO_LINGER=0 and a
    shutdown make the client see a reset at once instead of waiting on a kept-alive socket.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        result = self.app(environ, start_response)
        reason = environ.get(DROP_KEY)
        if not reason:
            return result
        if hasattr(result, "close"):
            result.close()
        _abort_socket(environ.get("gunicorn.socket") or environ.get("werkzeug.socket"))
        # With the errno, gunicorn files it as an ordinary client reset (debug log, no traceback).
        raise ConnectionResetError(errno.ECONNRESET, f"mock fault: connection dropped ({reason})")


def _abort_socket(sock: socket.socket | None) -> None:
    if sock is None:
        return
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already gone: the client sees the drop either way
