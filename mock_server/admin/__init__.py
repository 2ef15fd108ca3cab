"""/__admin: WireMock-style controls for tests and testers (docs/admin.md, docs/admin-openapi.yaml).

Each module adds its routes to one blueprint; importing them here registers them.
"""

from __future__ import annotations

from ..api.payouts import admin_api as _payouts  # noqa: F401 - /__admin/transfers routes
from ..webhooks import admin_api as _webhooks  # noqa: F401 - /__admin/webhooks routes
from . import accounts, core, fault_rules, requests, sessions, ui  # noqa: F401 - route registration
from . import funds as funds_admin  # noqa: F401 - route registration of the money admin calls
from . import gateway as gateway_admin  # noqa: F401 - route registration of the payment-gateway calls
from .base import admin_blueprint

__all__ = ["admin_blueprint"]
