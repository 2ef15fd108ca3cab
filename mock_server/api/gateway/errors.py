"""Wallet-transfer and payment-gateway failures (all inferred: the wallet pages are nav-only).

Registered into the mock's one catalogue (`mock_server.http.errors.catalogue`) when an app is built.
"""

from __future__ import annotations

from ...http.errors import business

__all__ = ["TEMPLATES"]

TEMPLATES = {
    "transfer_target_not_found": business("Target wallet not found"),
    "transfer_to_same_wallet": business("Source and target wallet must differ"),
    "target_wallet_not_usable": business("Target wallet is not usable: minimum KYC and the latest T&C are required"),
    "target_load_limit_exceeded": business("Amount exceeds the target wallet's {limit} limit for its KYC level"),
    "order_not_found": business("Order not found"),
}
