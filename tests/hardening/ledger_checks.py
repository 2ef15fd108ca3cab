"""The ledger invariants the money race tests hold a live mock to, read through the partner and admin APIs."""

from __future__ import annotations

from decimal import Decimal

import httpx

from .live import Partner

__all__ = ["WALLET", "assert_balance_equals_history", "assert_conserved", "assert_invariants", "history"]

WALLET = "EKCWLUAADN"  # seeded usable with ₹1,000.00


def history(partner: Partner, wallet: str = WALLET) -> dict:
    """Every transaction of the wallet (pages of 100) and its balance, read through the partner API."""
    transactions, page = [], 0
    while True:
        payload = partner.post("/transaction/all", {**partner.ids(wallet), "page": page, "size": 100}).json()["payload"]
        transactions += payload["transactions"]
        if page + 1 >= payload["totalPages"]:
            return {"balance": Decimal(repr(payload["otbBalance"])), "transactions": transactions}
        page += 1


def assert_balance_equals_history(partner: Partner, wallet: str = WALLET) -> dict:
    """balance_equals_history and balance_never_negative for one wallet; returns its history."""
    found = history(partner, wallet)
    signed = sum(Decimal(repr(t["principalAmount"])) * (1 if t["cardTransactionType"] == "CR" else -1)
                 for t in found["transactions"])
    assert signed == found["balance"] >= 0, f"balance_equals_history / balance_never_negative: {wallet} " \
                                            f"history says {signed}, balance {found['balance']}"
    return found


def assert_conserved(url: str) -> None:
    """money_is_conserved over the whole session (the admin API's totals)."""
    totals = httpx.get(f"{url}/__admin/funds").json()["totals"]
    assert totals["conserved"], f"money_is_conserved: {totals}"


def assert_invariants(partner: Partner, url: str, wallet: str = WALLET) -> dict:
    """Both of the above; returns the wallet's history."""
    found = assert_balance_equals_history(partner, wallet)
    assert_conserved(url)
    return found
