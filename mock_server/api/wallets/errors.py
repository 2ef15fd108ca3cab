"""Wallet failures: business answers (HTTP 200, response_code 1, the documented convention).

Registered into the mock's one catalogue (`mock_server.http.errors.catalogue`) when an app is built.
"""

from __future__ import annotations

from ...http.errors import business

__all__ = ["TEMPLATES"]

TEMPLATES = {
    "account_not_found": business("Invalid companyId or cardAccountId for this partner"),
    "wallet_not_found": business("Wallet not found"),
    "duplicate_mobile": business("A wallet already exists for this mobile in the card account"),
    "holder_details_locked": business("Wallet holder details cannot be updated after OTP verification"),
}
