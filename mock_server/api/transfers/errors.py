"""Beneficiary and IFSC failures; the first wording is the payout API's.

Registered into the mock's one catalogue (`mock_server.http.errors.catalogue`) when an app is built.
"""

from __future__ import annotations

from ...http.errors import business

__all__ = ["TEMPLATES"]

TEMPLATES = {
    "beneficiary_exists": business("Beneficiary ID already exists"),
    "beneficiary_not_found": business("Beneficiary not found"),
    "ifsc_unknown": business("IFSC not found"),
}
