"""Pages a wallet holder (played by a tester) would see: the VKYC link and the T&C link.

A browser sends no X-Mock-Session header, so a page finds its session itself: a VKYC link token
is unique, so the session holding it is searched; a T&C page takes `?session=`, else the one
session holding the wallet, else the default.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, current_app, redirect, render_template, request

from .api.kyc.rules import PENDING_VKYC, accept_tnc, decide_vkyc, open_vkyc_link
from .http.sessions import DEFAULT_SESSION, requested_session, session_of
from .kernel.errors import DomainError
from .kernel.world import digest
from .state import MockState

__all__ = ["pages_blueprint"]

pages_blueprint = Blueprint("pages", __name__, url_prefix="/__mock")

_RESERVED = "__"


def _state() -> MockState:
    return current_app.extensions["enkash"]


def _sessions_holding(kind: str, key: str) -> list[str]:
    state = _state()
    candidates = [session_of(request)] + [s for s in state.store.sessions() if not s.startswith(_RESERVED)]
    found = []
    for session in dict.fromkeys(candidates):
        with state.store.transaction(session, write=False) as tx:
            if tx.get(kind, key) is not None:
                found.append(session)
    return found


def _message(title: str, message: str, status: int):
    return render_template("message.html", title=title, message=message), status


@pages_blueprint.route("/vkyc/<link_token>", methods=["GET", "POST"])
def vkyc_page(link_token: str):
    sessions = _sessions_holding("vkyc_link", digest("vkyc", link_token))
    if not sessions:
        return _message("VKYC link expired", "This video-KYC link is unknown or has expired.", 410)
    with _state().world(sessions[0]) as world:
        wallet = open_vkyc_link(world, link_token)
        if wallet is None:
            return _message("VKYC link expired", "This video-KYC link is unknown or has expired.", 410)
        if request.method == "GET":
            return _vkyc_view(wallet)
        return _vkyc_decide(world, wallet, request.form.get("outcome"), request.form.get("reason", "").strip())


def _vkyc_decide(world, wallet: dict, outcome: str | None, reason: str):
    if outcome not in ("APPROVED", "REJECTED"):
        return _vkyc_view(wallet, "Choose approve or reject.", 400)
    if outcome == "REJECTED" and not reason:
        return _vkyc_view(wallet, "Give a reason to reject the video KYC.", 400)
    try:
        decide_vkyc(world, wallet["enKashCardId"], outcome, reason or None)
    except DomainError:
        return _vkyc_view(wallet, f"This video KYC was already decided: {wallet['vkycStatus']}.", 409)
    return redirect(request.path, code=303)  # post/redirect/get: a reload cannot decide twice


def _vkyc_view(wallet: dict, notice: str | None = None, status: int = 200):
    page = render_template("vkyc.html", title="Enkash video KYC (mock)", wallet=wallet,
                           pending=wallet["vkycStatus"] in PENDING_VKYC, notice=notice,
                           notice_kind="Error" if status >= 400 else None)
    return page, status


@pages_blueprint.route("/tnc/<wallet_id>", methods=["GET", "POST"])
def tnc_page(wallet_id: str):
    holding = _sessions_holding("wallet", wallet_id)
    asked = requested_session(request, allow_query=True)
    session = asked or (holding[0] if len(holding) == 1 else DEFAULT_SESSION)
    if session not in holding:
        return _message("Wallet not found", f"No wallet {wallet_id} in session {session}.", 404)
    with _state().world(session) as world:
        if request.method == "POST":
            accept_tnc(world, wallet_id)
            return redirect(f"{request.path}?{urlencode({'session': session})}", code=303)
        wallet = world.tx.get("wallet", wallet_id)
    return render_template("tnc.html", title="Wallet terms and conditions (mock)", wallet=wallet, session=session,
                           other_sessions=[s for s in holding if s != session])
