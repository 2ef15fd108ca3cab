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
from .api.kyc.rules import PENDING_VKYC, accept_tnc, decide_vkyc, open_vkyc_link
from .http.sessions import DEFAULT_SESSION, RESERVED_PREFIX, SessionNameError, requested_session, session_of
from .kernel.errors import DomainError
from .kernel.world import digest
from .state import MockState

__all__ = ["PAGE_SIZE", "page_of", "pages_blueprint"]

PAGE_SIZE = 50  # sessions listed per page on the tester pages and the inspector

pages_blueprint = Blueprint("pages", __name__, url_prefix="/__mock")


def _state() -> MockState:
    return current_app.extensions["enkash"]


def _header_session() -> str | None:
    """The X-Mock-Session a caller sent, decoded; None without one (a browser)."""
    return requested_session(request)


def _sessions_holding(kind: str, key: str, enough: int | None = None, sessions: list[str] | None = None) -> list[str]:
    """Sessions holding the document, the caller's own first; stops once `enough` are found, so a
    page's cost does not grow with every session testers ever made (one single-row read each)."""
    store = _state().store
    try:
        first = [session_of(request)]
    except SessionNameError:
        first = []  # a refused name holds nothing; the T&C page says why
    if sessions is None:
        sessions = first + _caller_sessions()
    found = []
    for session in dict.fromkeys(sessions):
        if store.read(session, kind, key) is not None:
            found.append(session)
            if enough is not None and len(found) >= enough:
                break
    return found


def _caller_sessions() -> list[str]:
    return [s for s in _state().store.sessions() if not s.startswith(RESERVED_PREFIX)]


def page_of(items: list[str], page_size: int = PAGE_SIZE) -> tuple[list[str], int | None]:
    """The `?page=N` slice of `items` (from 0) and the next page's number, if any."""
    raw = request.args.get("page", "0")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 7 else 0
    start = number * page_size
    return items[start:start + page_size], number + 1 if len(items) > start + page_size else None


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
    sessions = _sessions_holding("vkyc_link", digest("vkyc", link_token), enough=1)  # a link is unique
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
    try:  # one decoding for `?session=` and the header (mock_server/http/sessions.py)
        asked = requested_session(request, allow_query=True)
    except SessionNameError as error:
        return _message("Bad session name", str(error), 400)
    if asked:
        session, holds = asked, bool(_sessions_holding("wallet", wallet_id, sessions=[asked]))
    else:  # two holders are enough to know it is not exactly one
        holding = _sessions_holding("wallet", wallet_id, enough=2)
        session = holding[0] if len(holding) == 1 else DEFAULT_SESSION
        holds = session in holding or bool(_sessions_holding("wallet", wallet_id, sessions=[session]))
    if not holds:
        return _message("Wallet not found", f"No wallet {wallet_id} in session {session}.", 404)
    with _state().world(session) as world:
        if request.method == "POST":
            if not _form_token_valid(session):
                return _message(*_STALE_FORM, 403)
            accept_tnc(world, wallet_id)
            return redirect(f"{request.path}?{urlencode({'session': session})}", code=303)
        wallet = world.tx.get("wallet", wallet_id)
    others, next_page = _other_sessions(wallet_id, session) if authorised() else ([], None)
    return render_template("tnc.html", title="Wallet terms and conditions (mock)", wallet=wallet, session=session,
                           csrf=_form_token(session), other_sessions=others, next_page=next_page)


def _other_sessions(wallet_id: str, session: str) -> tuple[list[str], int | None]:
    """One page of the other sessions holding this wallet (shown to an admin only: names are not public)."""
    page, next_page = page_of([s for s in _caller_sessions() if s != session])
    return _sessions_holding("wallet", wallet_id, sessions=page), next_page
