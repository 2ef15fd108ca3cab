"""Money failures. Messages may name a {field}, {limit} or {control}, never a sent value.

Registered into the mock's one catalogue (`mock_server.http.errors.catalogue`) when an app is built.
"""

from __future__ import annotations

from ...http.errors import business

__all__ = ["TEMPLATES"]

TEMPLATES = {
    "insufficient_card_account_balance": business("Insufficient balance in card account"),  # documented
    "load_must_be_credit": business("Only transactionType CR is allowed for a load"),  # documented
    "card_account_not_found": business("Card account not found"),
    "wallet_kyc_pending": business("Wallet is not usable: minimum KYC is not completed"),
    "wallet_tnc_pending": business("Wallet is not usable: the latest T&C are not accepted"),
    "load_limit_exceeded": business("Amount exceeds the wallet's {limit} limit for its KYC level"),
    "debit_limit_exceeded": business("Amount exceeds the wallet's {limit} limit for its KYC level"),
    "card_control_refused": business("Transaction refused by the card controls ({control})"),
    "insufficient_wallet_balance": business("Insufficient balance in wallet"),
    "merchant_not_found": business("Merchant not found"),
    "merchant_txn_not_found": business("Merchant transaction not found"),
    "reference_reused": business("{field} was already used for a different request"),
    "duplicate_reference": business("Duplicate {field}"),
}
