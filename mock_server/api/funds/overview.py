"""Balances across a session, for the admin API, the inspector and the ledger-invariant tests.

`conserved` states the money invariant: everything ever funded into card accounts is held, to the paisa,
by card accounts, wallets and merchants together, and by the partners' payout clearing accounts
(money sent out by bank transfer and not credited back).
"""

from __future__ import annotations

from ...kernel.world import World
from .money import rupees
from .settlement import settlement_view

__all__ = ["funds_overview", "settlements"]


def funds_overview(world: World) -> dict:
    accounts = [account for _, account in world.tx.items("card_account")]
    wallets = [wallet for _, wallet in world.tx.items("wallet")]
    merchants = [merchant for _, merchant in world.tx.items("merchant")]
    funded = sum(account.get("fundedPaise", 0) for account in accounts)
    clearing = [doc for _, doc in world.tx.items("payout_clearing")]  # sent by bank transfer (api/payouts)
    held = sum(doc.get("balancePaise", 0) for doc in (*accounts, *wallets, *merchants, *clearing))
    return {
        "cardAccounts": [{"cardAccountId": a["cardAccountId"], "partnerId": a["partnerId"],
                          "accountType": a["accountType"], "availableBalance": rupees(a["balancePaise"]),
                          "funded": rupees(a.get("fundedPaise", 0)), "transactions": a.get("ledgerCount", 0)}
                         for a in accounts],
        "wallets": [{"enKashCardId": w["enKashCardId"], "partnerId": w["partnerId"],
                     "cardAccountId": w["cardAccountId"], "kycStatus": w["kycStatus"],
                     "otbBalance": rupees(w.get("balancePaise", 0)), "transactions": w.get("ledgerCount", 0)}
                    for w in wallets],
        "merchants": [{"merchantDetailId": m["merchantDetailId"], "partnerId": m["partnerId"], "name": m["name"],
                       "balance": rupees(m.get("balancePaise", 0)), "transactions": m.get("ledgerCount", 0)}
                      for m in merchants],
        "totals": {"funded": rupees(funded), "held": rupees(held), "conserved": funded == held},
    }


def settlements(world: World) -> list[dict]:
    return [{**settlement_view(world, record), "partnerId": record["partnerId"]}
            for _, record in world.tx.items("merchant_txn")]
