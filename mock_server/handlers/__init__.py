"""Thin adapters from an operationId to the domain; `HANDLERS` is what routing looks up."""

from __future__ import annotations

from ..funds.handlers import HANDLERS as FUNDS_HANDLERS
from . import kyc, oauth, wallets

__all__ = ["HANDLERS"]

HANDLERS = {**oauth.HANDLERS, **wallets.HANDLERS, **kyc.HANDLERS, **FUNDS_HANDLERS}
