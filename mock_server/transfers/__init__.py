"""Money out, phase 1: a wallet's beneficiaries (add, search, delete) and the public IFSC lookup.

Bank and wallet-to-wallet transfers join this package once the ledger (mock_server/funds) exists.
Routed through `mock_server.handlers.HANDLERS`, like every area.
"""

from __future__ import annotations

from .handlers import HANDLERS

__all__ = ["HANDLERS"]
