"""Money out, phase 1: a wallet's beneficiaries (add, search, delete) and the public IFSC lookup.

Bank and wallet-to-wallet transfers join this package once the ledger (mock_server/funds) exists.
Its handlers register with `@operation` and are named in `mock_server.api.AREAS`, like every area.
"""

from __future__ import annotations

__all__: list[str] = []  # reached through the registry
