"""The funds area's error templates, as data: name -> (HTTP status, message, response_code or None).

mock_server.errors turns them into ErrorTemplates beside the others; messages may name a `{field}`,
`{limit}` or `{control}` but never a value the caller sent.
"""

from __future__ import annotations

__all__ = ["FUNDS_TEMPLATES"]

FUNDS_TEMPLATES: dict[str, tuple[int, str, int | None]] = {
    # documented wording
    "insufficient_card_account_balance": (200, "Insufficient balance in card account", 1),
    "load_must_be_credit": (200, "Only transactionType CR is allowed for a load", 1),
    # inferred wording, HTTP 200 with response_code 1 like every business failure
    "card_account_not_found": (200, "Card account not found", 1),
    "wallet_kyc_pending": (200, "Wallet is not usable: minimum KYC is not completed", 1),
    "wallet_tnc_pending": (200, "Wallet is not usable: the latest T&C are not accepted", 1),
    "load_limit_exceeded": (200, "Amount exceeds the wallet's {limit} limit for its KYC level", 1),
    "debit_limit_exceeded": (200, "Amount exceeds the wallet's {limit} limit for its KYC level", 1),
    "card_control_refused": (200, "Transaction refused by the card controls ({control})", 1),
    "insufficient_wallet_balance": (200, "Insufficient balance in wallet", 1),
    "merchant_not_found": (200, "Merchant not found", 1),
    "merchant_txn_not_found": (200, "Merchant transaction not found", 1),
    "reference_reused": (200, "{field} was already used for a different request", 1),
    "duplicate_reference": (200, "Duplicate {field}", 1),
    # admin API
    "admin_conflict": (409, "{detail}", None),
}
