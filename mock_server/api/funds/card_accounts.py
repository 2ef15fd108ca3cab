"""Card accounts: a partner's prefunded balance and its product (`accountType`), which decides what
Create requires. Another partner's card account reads exactly like a missing one."""

from __future__ import annotations

from ...kernel.errors import DomainError
from ...kernel.world import World
from . import ledger
from .money import rupees

__all__ = ["PRODUCTS", "WALLET_CREATE_FIELDS", "card_account_view", "find_card_account", "fund_card_account",
           "missing_create_fields", "new_card_account"]

PRODUCTS = ("WALLET", "RELOADABLE_GPR")
KIND = "card_account"
# The wallet table of Create (documented); the prepaid table of the same path needs only the two ids.
WALLET_CREATE_FIELDS = ("email", "mobile", "title", "firstName", "lastName", "gender",
                        "address", "city", "state", "country", "pincode", "documents")


def new_card_account(card_account_id: str, partner_id: str, company_id: str, account_type: str = "WALLET",
                     company_name: str | None = None) -> dict:
    if account_type not in PRODUCTS:
        raise ValueError(f"card account {card_account_id}: accountType must be one of {', '.join(PRODUCTS)}")
    return {"cardAccountId": card_account_id, "partnerId": partner_id, "companyId": company_id,
            "companyName": company_name, "accountType": account_type, "balancePaise": 0, "ledgerCount": 0,
            "fundedPaise": 0}


def find_card_account(world: World, partner: dict, card_account_id: str, company_id: str | None = None) -> dict:
    account = world.tx.get(KIND, card_account_id)
    if (account is None or account["partnerId"] != partner["partnerId"]
            or (company_id is not None and account["companyId"] != company_id)):
        raise DomainError("card_account_not_found")
    return account


def product_of(world: World, card_account_id: str) -> str:
    """A card account listed for a partner but never described is a wallet account (today's behaviour)."""
    return (world.tx.get(KIND, card_account_id) or {}).get("accountType", "WALLET")


def missing_create_fields(world: World, request: dict, fields_given: set[str]) -> list[str]:
    """The fields Create lacks for this card account's product (empty for RELOADABLE_GPR)."""
    if product_of(world, request["cardAccountId"]) != "WALLET":
        return []
    return [name for name in WALLET_CREATE_FIELDS if name not in fields_given]


def fund_card_account(world: World, account: dict, amount: int, description: str = "Prefunding") -> dict:
    """Money entering the system (the partner prefunds its account): the only credit without a debtor."""
    account["fundedPaise"] = account.get("fundedPaise", 0) + amount
    return ledger.post(world.tx, KIND, account, account["cardAccountId"], "CR", amount, world.now,
                       type="FUND", description=description)


def card_account_view(world: World, account: dict) -> dict:
    """The documented shape of cardAccount/get; card totals come from the account's wallets."""
    wallets = [w for _, w in world.tx.items("wallet") if w["cardAccountId"] == account["cardAccountId"]
               and w["partnerId"] == account["partnerId"]]
    active = [w for w in wallets if w["kycStatus"] != "PENDING" and w["latestTncVersionAccepted"]]
    primary = min(wallets, key=lambda w: (w["createdAt"], w["enKashCardId"]), default=None)
    return {
        "cardAccountId": account["cardAccountId"],
        "companyId": account["companyId"],
        "companyName": account.get("companyName"),
        "accountType": account["accountType"],
        "creditLimit": 0,
        "dynamicLimit": 0,
        "usedCreditLimit": 0,
        "availableBalance": rupees(account["balancePaise"]),
        "availableCardBalance": rupees(sum(w.get("balancePaise", 0) for w in wallets)),
        "totalCards": len(wallets),
        "activeCards": len(active),
        "primaryEnKashCard": None if primary is None else {
            "enKashCardId": primary["enKashCardId"], "userId": primary["userId"],
            "cardAccountId": primary["cardAccountId"], "maskedNumber": f"XXXX XXXX XXXX {primary['last4']}",
        },
    }
