"""Fund-transfer failures that are not REJECTED transfers (those are answers: transfers.py).

Registered into the mock's one catalogue (`mock_server.http.errors.catalogue`) when an app is built.
"""

from __future__ import annotations

from ...http.errors import business

__all__ = ["TEMPLATES"]

TEMPLATES = {
    # the payout API's own wording for a reused id (409 "Transaction ID already exists"), here a business failure
    "transaction_id_reused": business("Transaction ID already exists for a different transfer"),
    "transfer_not_found": business("Fund transfer not found"),
}
