"""/__admin/ui: an inspector page for testers, with forms for the clock and fault rules.

Forms post back here with a per-process CSRF token, so another web page open in the tester's
browser cannot drive the mock.
"""

from __future__ import annotations

import hmac
from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import redirect, render_template, request

from ..api.funds.overview import funds_overview, settlements
from ..api.gateway.orders import order_view, orders_of
from ..api.kyc.rules import PENDING_VKYC, decide_vkyc
from ..api.payouts.admin_api import list_transfers
from ..http.errors import ApiError
from ..http.sessions import SessionNameError, check_name
from ..kernel.clock import ClockOutOfRange, ClockState, parse_instant, to_iso
from ..kernel.errors import DomainError
from ..pages import page_of
from ..simulation.faults import FaultRuleError, parse_rules
from ..webhooks.inspector import recent_deliveries
from ..webhooks.outbox import redeliver
from ..webhooks.runtime import ensure_worker
from .accounts import token_rows
from .base import ADMIN_COOKIE, RESERVED_PREFIX, admin_blueprint, authorised, mock_state, sim
from .core import clock_view

__all__: list[str] = []

_RECENT = 25
_IST = ZoneInfo("Asia/Kolkata")  # Enkash's own time: VKYC hours and the sandbox's clock are IST


@admin_blueprint.app_template_filter("with_ist")
def with_ist(iso_utc: str) -> str:
    """`2026-01-05T05:30:00Z` → `2026-01-05T05:30:00Z (11:00:00 IST, Mon 05 Jan)`: testers think in IST."""
    try:
        local = parse_instant(iso_utc)
    except (TypeError, ValueError):
        return iso_utc
    moment = datetime.fromtimestamp(local, _IST)
    return f"{iso_utc} ({moment:%H:%M:%S} IST, {moment:%a %d %b})"


def _csrf() -> str:
    return hmac.new(mock_state().secret, b"admin-ui-form", "sha256").hexdigest()[:32]


def _session() -> str:
    try:
        return check_name(request.values.get("session") or "default")
    except SessionNameError as error:
        raise ApiError("admin_bad_request", detail=str(error)) from error


def _back(session: str, notice: str | None = None):
    query = {"session": session, **({"notice": notice} if notice else {})}
    return redirect(f"/__admin/ui?{urlencode(query)}", code=303)


def _check_form() -> None:
    if not hmac.compare_digest(request.form.get("csrf", ""), _csrf()):
        raise ApiError("admin_bad_request", detail="stale or missing form token: reload /__admin/ui")


@admin_blueprint.get("/ui")
def inspector():
    if not authorised():
        return render_template("login.html", title="Mock inspector: admin token"), 401
    state, session = mock_state(), _session()
    with state.world(session, write=False) as world:
        wallets = [wallet for _, wallet in world.tx.items("wallet")]
        tokens = [dict(row, expiresAt=to_iso(row["expiresAt"])) for row in token_rows(world)]
        deliveries = recent_deliveries(world.tx, _RECENT)
        money, settled = funds_overview(world), settlements(world)
        transfers = list_transfers(world)
        orders = [{**order_view(order), "partnerId": order["partnerId"]} for order in orders_of(world)][-_RECENT:]
    rules = sim().rules(state, session).get("rules", [])
    sessions, next_page = page_of([s for s in state.store.sessions() if not s.startswith(RESERVED_PREFIX)])
    return render_template(
        "inspector.html", title="Mock inspector", session=session, csrf=_csrf(), wallets=wallets, tokens=tokens,
        sessions=sessions, next_page=next_page,
        clock=clock_view(state.clock(session)), rules=rules, notice=request.args.get("notice"),
        requests=sim().journal.entries(session=session, limit=_RECENT),
        operations=sorted(op.operation_id for op in state.spec.operations), deliveries=deliveries,
        money=money, settlements=settled, transfers=transfers, orders=orders,
    )


@admin_blueprint.route("/ui/vkyc/<wallet_id>", methods=["GET", "POST"])
def ui_vkyc(wallet_id: str):
    """The agent's side of a wallet's video KYC, reached from the inspector's wallet row.

    The holder's own page needs the link token, which the mock keeps only hashed; this one needs the
    admin token instead, and decides through the same domain call as /__admin/vkyc/<id>/decision.
    """
    if not authorised():
        return render_template("login.html", title="Mock inspector: admin token"), 401
    state, session, notice, status = mock_state(), _session(), None, 200
    with state.world(session, write=request.method == "POST") as world:
        wallet = world.tx.get("wallet", wallet_id)
        if wallet is None:
            raise ApiError("admin_not_found", detail=f"no wallet {wallet_id} in session {session}")
        if request.method == "POST":
            _check_form()
            outcome, reason = request.form.get("outcome"), request.form.get("reason", "").strip()
            if outcome not in ("APPROVED", "REJECTED") or (outcome == "REJECTED" and not reason):
                notice, status = "Approve, or reject with a reason.", 400
            else:
                try:
                    decide_vkyc(world, wallet_id, outcome, reason or None)
                except DomainError:
                    notice, status = f"Nothing to decide: video KYC is {wallet['vkycStatus']}.", 409
                else:
                    return redirect(f"{request.path}?{urlencode({'session': session})}", code=303)
        page = render_template("vkyc.html", title="Video KYC (mock agent)", wallet=dict(wallet),
                               pending=wallet["vkycStatus"] in PENDING_VKYC, notice=notice,
                               notice_kind="Error" if notice else None, csrf=_csrf(), session=session)
    return page, status


@admin_blueprint.post("/ui/login")
def login():
    response = _back("default")
    response.set_cookie(ADMIN_COOKIE, request.form.get("token", ""), httponly=True, samesite="Strict",
                        path="/__admin")
    return response


@admin_blueprint.post("/ui/clock")
def ui_clock():
    _check_form()
    state, session, action = mock_state(), _session(), request.form.get("action")
    try:
        if action == "freeze":
            state.set_clock(session, ClockState(frozen_at=parse_instant(request.form.get("now", ""))))
        elif action == "advance":
            state.set_clock(session, state.clock(session).advanced(float(request.form.get("seconds", ""))))
        else:
            state.set_clock(session, ClockState())
    except ClockOutOfRange as error:
        return _back(session, f"Clock not changed: {error}.")
    except ValueError:
        return _back(session, "Clock not changed: give an ISO-8601 instant or a number of seconds.")
    return _back(session, "Clock updated.")


@admin_blueprint.post("/ui/faults")
def ui_faults():
    _check_form()
    state, session, form = mock_state(), _session(), request.form
    if form.get("action") == "clear":
        sim().save_rules(state, session, [])
        return _back(session, "Fault rules cleared.")
    rule = {"operationId": form.get("operationId"), "kind": form.get("kind")}
    try:
        rule.update(_rule_fields(form))
        rules = sim().rules(state, session).get("rules", []) + parse_rules([rule])
    except (FaultRuleError, ValueError) as error:
        return _back(session, f"Rule not added: {error}")
    sim().save_rules(state, session, rules)
    return _back(session, "Fault rule added.")


@admin_blueprint.post("/ui/webhooks/redeliver")
def ui_redeliver():
    _check_form()
    state, session = mock_state(), _session()
    with state.world(session) as world:
        found = redeliver(world.tx, request.form.get("deliveryId", ""), world.now)
    if found is None:
        return _back(session, "No such webhook delivery in this session.")
    ensure_worker(state).wake()
    return _back(session, "Webhook redelivery scheduled.")


def _rule_fields(form) -> dict:
    fields: dict = {"probability": float(form.get("probability") or 1)}
    value = (form.get("value") or "").strip()
    kind = form.get("kind")
    if kind == "latency":
        fields["ms"] = float(value or 0)
    elif kind == "status" or (kind == "lost-response" and value):
        fields["status"] = int(value)
    elif kind == "drop-field" and value:
        fields["field"] = value
    return fields
