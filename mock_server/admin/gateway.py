"""/__admin/gateway: Add Money orders, and the payer's part played without the page (docs/admin.md
"Payment gateway"): list and read orders, pay, fail or abandon one. Expiry is applied first, so what
is listed is what the session's clock says."""

from __future__ import annotations

from flask import request

from ..api.gateway.orders import find_order, order_view, orders_of
from ..api.gateway.payments import abandon, expire_due, fail, pay
from ..http.errors import ApiError, from_domain
from ..kernel.errors import DomainError
from .base import admin_blueprint, caller_session, json_body, json_out, mock_state

__all__: list[str] = []

_OUTCOMES = {"pay": pay, "fail": fail, "abandon": abandon}


def admin_order_view(order: dict) -> dict:
    return {**order_view(order), "partnerId": order["partnerId"]}


@admin_blueprint.get("/gateway/orders")
def gateway_orders():
    """Every order of the session, oldest first; `?partnerId=` and `?status=` filter."""
    partner_id, status = request.args.get("partnerId"), request.args.get("status")
    with mock_state().world(caller_session()) as world:
        expire_due(world)
        orders = [admin_order_view(order) for order in orders_of(world, partner_id)
                  if status in (None, "", order["status"])]
    return json_out({"orders": orders})


def _order(world, order_id: str) -> dict:
    try:
        return find_order(world, None, order_id)
    except DomainError as error:
        raise ApiError("admin_not_found", detail=f"no order {order_id} in this session") from error


@admin_blueprint.get("/gateway/orders/<order_id>")
def gateway_order(order_id: str):
    with mock_state().world(caller_session()) as world:
        expire_due(world)
        view = admin_order_view(_order(world, order_id))
    return json_out(view)


@admin_blueprint.post("/gateway/orders/<order_id>/<outcome>")
def gateway_outcome(order_id: str, outcome: str):
    """The payer pays, is declined, or leaves; a closed order answers 409 (paying twice credits once)."""
    if outcome not in _OUTCOMES:
        raise ApiError("admin_not_found", detail=f"no outcome {outcome!r}: use pay, fail or abandon")
    data = json_body() or {}
    if not isinstance(data, dict):
        raise ApiError("admin_bad_request", detail='expected a JSON object body, e.g. {"paymentMode": "UPI"}')
    mode, reason = data.get("paymentMode"), data.get("reason")
    if any(value is not None and not isinstance(value, str) for value in (mode, reason)):
        raise ApiError("admin_bad_request", detail="paymentMode and reason are strings")
    extra = {"reason": reason[:200]} if outcome == "fail" and reason else {}
    with mock_state().world(caller_session()) as world:
        order = _order(world, order_id)
        try:
            order = _OUTCOMES[outcome](world, order, mode, **extra)
        except DomainError as error:
            raise from_domain(error) from error
        view = admin_order_view(order)
    return json_out(view)  # after the commit: a 200 means the outcome is stored
