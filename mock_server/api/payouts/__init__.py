"""Money out to a bank: IMPS fund transfers from a FULL_KYC wallet to one of its beneficiaries.

    transfers.py   the request: idempotent on the partner's transactionId, REJECTED with the payout
                   product's REJECT_* codes, OTP, limits, the debit
    lifecycle.py   PROCESSING -> SUCCESS | FAILED, SUCCESS -> REVERSED: each change with its money and
                   its FUND_TRANSFER_STATUS event in one store transaction
    schedule.py    which change falls due when on the session's clock, applied before anything reads it
    outcomes.py    what a beneficiary's transfers do (succeed, fail, reverse), set by a tester
    handlers.py    the operationIds;  admin_api.py  /__admin/transfers

Paths, bodies and the wallet rules are inferred from Enkash's documented payout API (docs/transfers.md).
"""

from __future__ import annotations

__all__: list[str] = []  # reached through the registry, the admin blueprint and MockState.due_work
