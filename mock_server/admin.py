"""/__admin: WireMock-style controls for tests and testers (reset, clock, OTPs, VKYC decisions)."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, request

from .clock import ClockState, parse_instant, to_iso
from .domain.errors import DomainError
from .domain.kyc import accept_tnc, decide_vkyc
from .domain.otp import otps_of_wallet
from .errors import ApiError, from_domain
from .pipeline import session_of
from .state import MockState

__all__ = ["admin_blueprint"]

admin_blueprint = Blueprint("admin", __name__, url_prefix="/__admin")


def _state() -> MockState:
    return current_app.extensions["enkash"]


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError("admin_bad_request", detail="expected a JSON object body")
    return body


def _clock_view(clock: ClockState) -> dict:
    return {"now": to_iso(clock.now()), "frozen": clock.frozen_at is not None,
            "offsetSeconds": clock.offset_seconds}


@admin_blueprint.get("/health")
def health():
    state = _state()
    return _json({"status": "ok", "operations": len(state.spec.operations), "store": state.config.store})


@admin_blueprint.post("/reset")
def reset():
    _state().reset(session_of(request))
    return _json({"status": "reset", "session": session_of(request)})


@admin_blueprint.get("/clock")
def get_clock():
    return _json(_clock_view(_state().clock(session_of(request))))


@admin_blueprint.put("/clock")
def freeze_clock():
    body = _body()
    try:
        instant = parse_instant(str(body["now"]))
    except (KeyError, ValueError) as error:
        raise ApiError("admin_bad_request", detail='expected {"now": "<ISO-8601 instant>"}') from error
    clock = ClockState(frozen_at=instant)
    _state().set_clock(session_of(request), clock)
    return _json(_clock_view(clock))


@admin_blueprint.post("/clock/advance")
def advance_clock():
    seconds = _body().get("seconds")
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        raise ApiError("admin_bad_request", detail='expected {"seconds": <number>}')
    state, session = _state(), session_of(request)
    clock = state.clock(session).advanced(seconds)
    state.set_clock(session, clock)
    return _json(_clock_view(clock))


@admin_blueprint.delete("/clock")
def real_clock():
    state, session = _state(), session_of(request)
    state.set_clock(session, ClockState())
    return _json(_clock_view(ClockState()))


@admin_blueprint.get("/otps")
def list_otps():
    wallet_id = request.args.get("enKashCardId")
    if not wallet_id:
        raise ApiError("admin_bad_request", detail="query parameter enKashCardId is required")
    with _state().world(session_of(request), write=False) as world:
        return _json(otps_of_wallet(world, wallet_id))


@admin_blueprint.post("/vkyc/<wallet_id>/decision")
def vkyc_decision(wallet_id: str):
    body = _body()
    outcome = body.get("outcome")
    if outcome not in ("APPROVED", "REJECTED"):
        raise ApiError("admin_bad_request", detail='expected {"outcome": "APPROVED" | "REJECTED", "reason": ...}')
    reason = body.get("reason")
    with _state().world(session_of(request)) as world:
        try:
            wallet = decide_vkyc(world, wallet_id, outcome, str(reason) if reason is not None else None)
        except DomainError as error:
            raise _admin_error(error, wallet_id) from error
    return _json({"enKashCardId": wallet_id, "vkycStatus": wallet["vkycStatus"], "kycStatus": wallet["kycStatus"]})


@admin_blueprint.post("/tnc/<wallet_id>/accept")
def tnc_accept(wallet_id: str):
    with _state().world(session_of(request)) as world:
        try:
            wallet = accept_tnc(world, wallet_id)
        except DomainError as error:
            raise _admin_error(error, wallet_id) from error
    return _json({"enKashCardId": wallet_id, "latestTncVersionAccepted": wallet["latestTncVersionAccepted"]})


def _admin_error(error: DomainError, wallet_id: str) -> ApiError:
    if error.name == "wallet_not_found":
        return ApiError("admin_not_found", detail=f"no wallet {wallet_id} in this session")
    return from_domain(error)
