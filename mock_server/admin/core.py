"""/__admin basics: health, reset, clock, OTPs, VKYC decisions and T&C acceptance."""

from __future__ import annotations

from flask import request

from ..api.kyc.otp import otps_of_wallet
from ..api.kyc.rules import accept_tnc, decide_vkyc
from ..http.errors import ApiError, from_domain
from ..kernel.clock import ClockOutOfRange, ClockState, parse_instant, to_iso
from ..kernel.errors import DomainError
from ..state import DEFAULT_SESSION
from ..store import describe_store
from .base import RESERVED_PREFIX, admin_blueprint, body, caller_session, json_out, mock_state, sim

__all__ = ["admin_error", "clock_view", "decide", "reset_all"]


def _set_clock(session: str, clock: ClockState) -> ClockState:
    try:
        mock_state().set_clock(session, clock)
    except ClockOutOfRange as error:
        raise ApiError("admin_bad_request", detail=str(error)) from error
    return clock


def clock_view(clock: ClockState) -> dict:
    return {"now": to_iso(clock.now()), "frozen": clock.frozen_at is not None, "offsetSeconds": clock.offset_seconds}


@admin_blueprint.get("/health")
def health():
    state = mock_state()
    store = describe_store(state.config.store)  # a PostgreSQL URL's password must not reach an answer
    return json_out({"status": "ok", "operations": len(state.spec.operations), "store": store})


@admin_blueprint.get("/health/ready")
def ready():
    """Readiness for a load balancer: the store answers (503 in the envelope when it does not)."""
    mock_state().store.read(DEFAULT_SESSION, "meta", "session")
    return json_out({"status": "ready"})


@admin_blueprint.post("/reset")
def reset():
    """One session back to the seed; `?all=true` or `{"all": true}` resets every session."""
    data = request.get_json(silent=True)
    if request.args.get("all", "").lower() == "true" or (isinstance(data, dict) and data.get("all") is True):
        return json_out({"status": "reset", "sessions": reset_all()})
    session = caller_session()
    mock_state().reset(session)
    sim().journal.clear(session)
    return json_out({"status": "reset", "session": session})


def reset_all() -> list[str]:
    """Forget every session (snapshots are kept), reseed the default one, clear the journal."""
    state = mock_state()
    dropped = [s for s in state.store.sessions() if not s.startswith(RESERVED_PREFIX)]
    for session in dropped:
        state.store.drop(session)
    state.reset(DEFAULT_SESSION)
    sim().journal.clear()
    return dropped


@admin_blueprint.get("/clock")
def get_clock():
    return json_out(clock_view(mock_state().clock(caller_session())))


@admin_blueprint.put("/clock")
def freeze_clock():
    try:
        instant = parse_instant(str(body()["now"]))
    except (KeyError, ValueError) as error:
        raise ApiError("admin_bad_request", detail='expected {"now": "<ISO-8601 instant>"}') from error
    return json_out(clock_view(_set_clock(caller_session(), ClockState(frozen_at=instant))))


@admin_blueprint.post("/clock/advance")
def advance_clock():
    seconds = body().get("seconds")
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        raise ApiError("admin_bad_request", detail='expected {"seconds": <number>}')
    state, session = mock_state(), caller_session()
    return json_out(clock_view(_set_clock(session, state.clock(session).advanced(seconds))))


@admin_blueprint.delete("/clock")
def real_clock():
    mock_state().set_clock(caller_session(), ClockState())
    return json_out(clock_view(ClockState()))


@admin_blueprint.get("/otps")
def list_otps():
    wallet_id = request.args.get("enKashCardId")
    if not wallet_id:
        raise ApiError("admin_bad_request", detail="query parameter enKashCardId is required")
    with mock_state().world(caller_session(), write=False) as world:
        return json_out(otps_of_wallet(world, wallet_id))


@admin_blueprint.post("/vkyc/<wallet_id>/decision")
def vkyc_decision(wallet_id: str):
    data = body()
    outcome = data.get("outcome")
    if outcome not in ("APPROVED", "REJECTED"):
        raise ApiError("admin_bad_request", detail='expected {"outcome": "APPROVED" | "REJECTED", "reason": ...}')
    reason = data.get("reason")
    wallet = decide(caller_session(), wallet_id, outcome, str(reason) if reason is not None else None)
    return json_out({"enKashCardId": wallet_id, "vkycStatus": wallet["vkycStatus"], "kycStatus": wallet["kycStatus"]})


def decide(session: str, wallet_id: str, outcome: str, reason: str | None) -> dict:
    with mock_state().world(session) as world:
        try:
            return decide_vkyc(world, wallet_id, outcome, reason)
        except DomainError as error:
            raise admin_error(error, wallet_id) from error


@admin_blueprint.post("/tnc/<wallet_id>/accept")
def tnc_accept(wallet_id: str):
    with mock_state().world(caller_session()) as world:
        try:
            wallet = accept_tnc(world, wallet_id)
        except DomainError as error:
            raise admin_error(error, wallet_id) from error
    return json_out({"enKashCardId": wallet_id, "latestTncVersionAccepted": wallet["latestTncVersionAccepted"]})


def admin_error(error: DomainError, wallet_id: str) -> ApiError:
    if error.name == "wallet_not_found":
        return ApiError("admin_not_found", detail=f"no wallet {wallet_id} in this session")
    return from_domain(error)
