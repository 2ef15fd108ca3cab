"""Thin adapters from the wallet-transfer and Add Money operationIds to their rules."""

from __future__ import annotations

from urllib.parse import quote

from ...http.errors import ApiError
from ...http.pipeline import Call
from ...http.responses import success
from ...http.sessions import DEFAULT_SESSION
from ..funds.money import MoneyError, parse_amount
from ..registry import operation
from .orders import create_order, find_order, order_view
from .payments import expire_due, refresh
from .wallet_transfer import transfer_between_wallets

__all__ = ["payment_page_url"]


def payment_page_url(base_url: str, session: str, order_id: str) -> str:
    """The tester page for an order; a session other than the default one travels in the link."""
    url = f"{base_url.rstrip('/')}/__mock/pay/{order_id}"
    return url if session == DEFAULT_SESSION else f"{url}?session={quote(session, safe='')}"


def _amount(body: dict) -> int:
    """Exact paise of the schema-checked `amount` (a second guard, as in the funds handlers)."""
    try:
        return parse_amount(body["amount"])
    except MoneyError as error:
        violation = {"location": "body", "field": "amount", "message": str(error)}
        raise ApiError("invalid_parameter", payload={"violations": [violation]}) from error


@operation("transferWalletToWallet", writes=True)
def wallet_to_wallet(call: Call) -> dict:
    return success(transfer_between_wallets(call.world, call.caller, call.body, _amount(call.body)))


@operation("createAddMoneyOrder", writes=True)
def create_add_money_order(call: Call) -> dict:
    world, base_url = call.world, call.base_url
    expire_due(world, call.caller["partnerId"])
    order = create_order(world, call.caller, call.body, _amount(call.body),
                         lambda order_id: payment_page_url(base_url, world.session, order_id))
    return success(order)


@operation("getAddMoneyOrderStatus", writes="on-demand")
def add_money_order_status(call: Call) -> dict:
    """A read, unless the order's expiry is due: then it is written EXPIRED (and notified) first."""
    order = find_order(call.world, call.caller["partnerId"], call.query["orderId"])
    return success(order_view(refresh(call.world, order)))
