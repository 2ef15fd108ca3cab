"""Seed additions for money: card accounts with products and balances, funded wallets, merchants.

A partner's seed entry may carry `cardAccounts: {ID: {accountType, balance, companyName, companyId}}`,
`merchants: [{merchantDetailId, name}]`, a `balance` on each wallet, and `payments: [{uniqueTransactionId,
enKashCardId, merchantDetailId, amount}]`: merchant debits already made (so the docs' settlement-status
example finds its transaction). Seed balances go through the
ledger like any other money (the card account is funded, then loads the wallet), so history and
balances agree from the first request. A card account's own `companyId` (default: the partner's) lets the
demo partner hold the ids the docs' examples use; its seeded wallets carry that company too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...kernel.seed import SeedHook
from ...store import Transaction
from . import ledger
from .card_accounts import new_card_account
from .merchants import KIND as MERCHANT_KIND
from .merchants import TXN_KIND, new_merchant, txn_key
from .money import parse_amount

__all__ = ["SEED", "add_funds"]


class _SeedTransaction(Transaction):
    """The ledger's view of the seed documents being built (plain dicts, no store yet)."""

    def __init__(self, docs: dict[str, dict[str, dict]]):
        self._docs = docs

    def get(self, kind: str, key: str):
        return self._docs.get(kind, {}).get(key)

    def put(self, kind: str, key: str, value: dict) -> None:
        self._docs.setdefault(kind, {})[key] = value

    def delete(self, kind: str, key: str) -> None:
        self._docs.get(kind, {}).pop(key, None)

    def items(self, kind: str) -> Iterator[tuple[str, dict]]:
        yield from sorted(self._docs.get(kind, {}).items())


def add_funds(docs: dict[str, dict[str, dict]], partner: Mapping[str, Any], now: float) -> None:
    tx = _SeedTransaction(docs)
    partner_id, company_id = partner["partnerId"], partner["companyId"]
    described = partner.get("cardAccounts") or {}
    for card_account_id in partner["cardAccountIds"]:
        spec = described.get(card_account_id) or {}
        account = new_card_account(card_account_id, partner_id, spec.get("companyId", company_id),
                                   spec.get("accountType", "WALLET"), spec.get("companyName"))
        tx.put("card_account", card_account_id, account)
        if spec.get("balance") is not None:
            amount = parse_amount(spec["balance"])
            account["fundedPaise"] = amount
            ledger.post(tx, "card_account", account, card_account_id, "CR", amount, now, type="FUND",
                        description="Seed prefunding")
    for merchant in partner.get("merchants", []):
        tx.put("merchant", merchant["merchantDetailId"],
               new_merchant(merchant["merchantDetailId"], partner_id, merchant.get("name", "Merchant")))
    for wallet in partner.get("wallets", []):
        record = tx.get("wallet", wallet["enKashCardId"])
        account = tx.get("card_account", record["cardAccountId"])
        record["companyId"] = account["companyId"]
        if wallet.get("balance") is None:
            continue
        ledger.transfer(tx, ("card_account", account, account["cardAccountId"]),
                        ("wallet", record, record["enKashCardId"]), parse_amount(wallet["balance"]), now,
                        announce=False, type="LOAD_MONEY", reference=None, description="Seed balance")
    for payment in partner.get("payments", []):
        _add_payment(tx, partner_id, payment, now)


def _add_payment(tx: Transaction, partner_id: str, payment: dict, now: float) -> None:
    """A merchant debit in the shape `merchants.debit_for_merchant` stores it (its OTP was spent before)."""
    reference, amount = payment["uniqueTransactionId"], parse_amount(payment["amount"])
    wallet, merchant = tx.get("wallet", payment["enKashCardId"]), tx.get(MERCHANT_KIND, payment["merchantDetailId"])
    if wallet is None or merchant is None or merchant["partnerId"] != partner_id:
        raise ValueError(f"payment {reference}: its wallet and merchant must be this partner's")
    debit, _ = ledger.transfer(tx, ("wallet", wallet, wallet["enKashCardId"]),
                               (MERCHANT_KIND, merchant, merchant["merchantDetailId"]), amount, now, announce=False,
                               type="MERCHANT_PAYMENT", reference=reference,
                               merchantDetailId=merchant["merchantDetailId"],
                               description=f"Payment to {merchant['name']}")
    tx.put(TXN_KIND, txn_key(partner_id, reference), {
        "uniqueTransactionId": reference, "partnerId": partner_id, "enkashCardTxnId": debit["id"],
        "enKashCardId": wallet["enKashCardId"], "merchantDetailId": merchant["merchantDetailId"],
        "amountPaise": amount, "at": now, "forced": None, "refund": None,
    })


# No kinds declared: the money documents appear with the first card account, as they always have.
SEED = SeedHook("funds", add_funds)
