"""The payment page of an Add Money order (`paymentUrl`): what the payer (played by a tester) sees.

Pay, Fail and Abandon post back with the page's per-session form token, behind the browser guard
(mock_server/http/browser_guard.py covers /__mock), like the T&C page; post/redirect/get, so a reload
cannot pay twice, and a second payment is refused by the rules anyway. The session comes from
`?session=` (the link carries it outside the default session), else the one session holding the order.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import redirect, render_template, request

from .api.gateway.notify import PAYMENT_MODES
from .api.gateway.orders import FINAL, order_view
from .api.gateway.payments import abandon, fail, pay, refresh
from .http.sessions import DEFAULT_SESSION, SessionNameError, requested_session
from .kernel.errors import DomainError
from .pages import _STALE_FORM, _form_token, _form_token_valid, _message, _sessions_holding, _state, pages_blueprint

__all__ = ["payment_page"]

_ACTIONS = {"pay": pay, "fail": fail, "abandon": abandon}


def _session_of_order(order_id: str) -> tuple[str | None, str | None]:
    """(session, None) or (None, why not)."""
    try:
        asked = requested_session(request, allow_query=True)
    except SessionNameError as error:
        return None, str(error)
    if asked:
        return (asked, None) if _sessions_holding("pg_order", order_id, sessions=[asked]) else (None, None)
    holding = _sessions_holding("pg_order", order_id, enough=2)
    if len(holding) == 1:
        return holding[0], None
    in_default = _sessions_holding("pg_order", order_id, sessions=[DEFAULT_SESSION])
    return (DEFAULT_SESSION, None) if in_default else (None, None)


@pages_blueprint.route("/pay/<order_id>", methods=["GET", "POST"])
def payment_page(order_id: str):
    session, problem = _session_of_order(order_id)
    if problem:
        return _message("Bad session name", problem, 400)
    if session is None:
        return _message("Order not found", f"No payment order {order_id} here.", 404)
    with _state().world(session) as world:
        stored = world.tx.get("pg_order", order_id)
        if stored is None:  # the session was reset between finding it and opening its transaction
            return _message("Order not found", f"No payment order {order_id} here.", 404)
        order = refresh(world, stored)
        if request.method == "POST":
            if not _form_token_valid(session):
                return _view(order, session, _STALE_FORM[1], 403)
            action = request.form.get("action")
            if action not in _ACTIONS or request.form.get("paymentMode", "UPI") not in PAYMENT_MODES:
                return _view(order, session, "Choose Pay, Fail or Abandon, and a payment mode.", 400)
            try:
                _ACTIONS[action](world, order, request.form.get("paymentMode", "UPI"))
            except DomainError:
                return _view(order, session, f"This order is already {order['status']}.", 409)
            return redirect(f"{request.path}?{urlencode({'session': session})}", code=303)
    return _view(order, session)


def _view(order: dict, session: str, notice: str | None = None, status: int = 200):
    page = render_template("pay.html", title="Add money to wallet (mock payment gateway)", order=order_view(order),
                           session=session, csrf=_form_token(session), open=order["status"] not in FINAL,
                           modes=list(PAYMENT_MODES), notice=notice, notice_kind="Error" if status >= 400 else None)
    return page, status
