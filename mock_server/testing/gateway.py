"""`enkash_mock.gateway`: Add Money orders and the payer's part, without the payment page.

    def test_add_money(enkash_mock, my_client):
        order = my_client.add_money("EKCWLUAADN", "500.00")      # your code calls createAddMoneyOrder
        enkash_mock.gateway.pay(order["orderId"])                 # the payer pays (or .fail / .abandon)
        assert enkash_mock.balance("EKCWLUAADN") == Decimal("1500.00")

Outcomes go through the admin API (docs/admin.md "Payment gateway"): a closed order raises AdminError,
so a second `pay` never credits twice. `expire()` moves the mock's clock past the order's expiry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from ..kernel.clock import parse_instant

if TYPE_CHECKING:
    from .handle import EnkashMock

__all__ = ["Gateway"]


class Gateway:
    def __init__(self, mock: EnkashMock):
        self._mock = mock

    def orders(self, **filters: str) -> list[dict]:
        """Orders of the default session, oldest first; filters: partnerId, status."""
        query = f"?{urlencode(filters)}" if filters else ""
        return self._mock.admin("GET", f"/__admin/gateway/orders{query}")["orders"]

    def order(self, order_id: str) -> dict:
        return self._mock.admin("GET", f"/__admin/gateway/orders/{quote(order_id)}")

    def _outcome(self, order_id: str, outcome: str, body: dict[str, Any]) -> dict:
        return self._mock.admin("POST", f"/__admin/gateway/orders/{quote(order_id)}/{outcome}", body)

    def pay(self, order_id: str, payment_mode: str = "UPI") -> dict:
        """The payer pays: PAID and credited once (or FAILED if the wallet's limits no longer allow it)."""
        return self._outcome(order_id, "pay", {"paymentMode": payment_mode})

    def fail(self, order_id: str, reason: str | None = None, payment_mode: str = "UPI") -> dict:
        return self._outcome(order_id, "fail", {"paymentMode": payment_mode, **({"reason": reason} if reason else {})})

    def abandon(self, order_id: str) -> dict:
        """The payer leaves the page: ATTEMPTED, and EXPIRED once its time is up (see `expire`)."""
        return self._outcome(order_id, "abandon", {})

    def expire(self, order_id: str) -> dict:
        """Advance the mock's clock to the order's expiry; returns the order, EXPIRED unless it was closed."""
        order = self.order(order_id)
        now = self._mock.now().timestamp()
        self._mock.advance(max(parse_instant(order["expiresAt"]) - now, 0) + 1)
        return self.order(order_id)
