"""Pages a wallet holder (played by a tester) would see: the VKYC link and the T&C link.

A browser sends no X-Mock-Session header, so a page finds its session itself: a VKYC link token
is unique, so the session holding it is searched; a T&C page takes `?session=`, else the one
session holding the wallet, else the default.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlencode

from flask import Blueprint, current_app, redirect, render_template, request

from .admin.base import authorised
from .domain.errors import DomainError
from .domain.kyc import PENDING_VKYC, accept_tnc, decide_vkyc, open_vkyc_link
from .domain.world import digest
from .pipeline import session_of
from .session_names import RESERVED_PREFIX, SessionNameError, check
from .state import DEFAULT_SESSION, MockState

__all__ = ["pages_blueprint"]

pages_blueprint = Blueprint("pages", __name__, url_prefix="/__mock")


def _state() -> MockState:
    return current_app.extensions["enkash"]


def _header_session() -> str | None:
    """The X-Mock-Session a caller sent, decoded; None without one (a browser)."""
    return session_of(request) if request.headers.get("X-Mock-Session") else None


def _sessions_holding(kind: str, key: str) -> list[str]:
    state = _state()
    try:
        first = [session_of(request)]
    except SessionNameError:
        first = []  # a refused name holds nothing; the T&C page says why
    candidates = first + [s for s in state.store.sessions() if not s.startswith(RESERVED_PREFIX)]
    found = []
    for session in dict.fromkeys(candidates):
        with state.store.transaction(session, write=False) as tx:
            if tx.get(kind, key) is not None:
                found.append(session)
    return found


def _form_token(session: str) -> str:
    """A page's form token: only a page the mock served (same origin) can read it and post back."""
    message = f"page-form|{request.path}|{session}".encode()
    return hmac.new(_state().secret, message, "sha256").hexdigest()[:32]


def _form_token_valid(session: str) -> bool:
    return hmac.compare_digest(request.form.get("csrf", ""), _form_token(session))


_STALE_FORM = ("Form expired", "This form is stale or was not sent by this page: reload the page and try again.")


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
            return _vkyc_view(wallet, sessions[0])
        if not _form_token_valid(sessions[0]):
            return _vkyc_view(wallet, sessions[0], _STALE_FORM[1], 403)
        outcome, reason = request.form.get("outcome"), request.form.get("reason", "").strip()
        return _vkyc_decide(sessions[0], world, wallet, outcome, reason)


def _vkyc_decide(session: str, world, wallet: dict, outcome: str | None, reason: str):
    if outcome not in ("APPROVED", "REJECTED"):
        return _vkyc_view(wallet, session, "Choose approve or reject.", 400)
    if outcome == "REJECTED" and not reason:
        return _vkyc_view(wallet, session, "Give a reason to reject the video KYC.", 400)
    try:
        decide_vkyc(world, wallet["enKashCardId"], outcome, reason or None)
    except DomainError:
        return _vkyc_view(wallet, session, f"This video KYC was already decided: {wallet['vkycStatus']}.", 409)
    return redirect(request.path, code=303)  # post/redirect/get: a reload cannot decide twice


def _vkyc_view(wallet: dict, session: str, notice: str | None = None, status: int = 200):
    page = render_template("vkyc.html", title="Enkash video KYC (mock)", wallet=wallet, csrf=_form_token(session),
                           pending=wallet["vkycStatus"] in PENDING_VKYC, notice=notice,
                           notice_kind="Error" if status >= 400 else None)
    return page, status


@pages_blueprint.route("/tnc/<wallet_id>", methods=["GET", "POST"])
def tnc_page(wallet_id: str):
    holding = _sessions_holding("wallet", wallet_id)
    try:  # one decoding for `?session=` and the header (mock_server/session_names.py)
        asked = check(request.values["session"]) if request.values.get("session") else _header_session()
    except SessionNameError as error:
        return _message("Bad session name", str(error), 400)
    session = asked or (holding[0] if len(holding) == 1 else DEFAULT_SESSION)
    if session not in holding:
        return _message("Wallet not found", f"No wallet {wallet_id} in session {session}.", 404)
    with _state().world(session) as world:
        if request.method == "POST":
            if not _form_token_valid(session):
                return _message(*_STALE_FORM, 403)
            accept_tnc(world, wallet_id)
            return redirect(f"{request.path}?{urlencode({'session': session})}", code=303)
        wallet = world.tx.get("wallet", wallet_id)
    return render_template("tnc.html", title="Wallet terms and conditions (mock)", wallet=wallet, session=session,
                           csrf=_form_token(session),
                           other_sessions=[s for s in holding if s != session] if authorised() else [])
