"""Top-up from the partner's balance (`/balance`) and the funding-limit check that moves nothing."""

from __future__ import annotations

from typing import Any

from ...kernel.errors import DomainError
from ...kernel.world import World
from . import idempotency, ledger
from .card_accounts import find_card_account
from .limits import load_breach, load_headroom
from .money import rupees
from .periods import period_keys
from .usage import add_usage
from .wallet_money import ensure_usable, find_wallet_for_money, tier

__all__ = ["check_load_limit", "top_up"]


def top_up(world: World, partner: dict, request: dict, amount: int) -> dict:
    """Credit a wallet from its card account; a retried reference returns the first answer."""
    reference = request.get("uniqueReferenceNumber")
    print_ = idempotency.fingerprint(request, amount)
    replay = idempotency.recall(world, "topup", partner["partnerId"], reference, print_)
    if replay is not None:
        return replay
    if request["transactionType"] != "CR":
        raise DomainError("load_must_be_credit")
    wallet = find_wallet_for_money(world, partner, request["enKashCardId"], request.get("cardAccountId"),
                                   request.get("companyId"))
    account = find_card_account(world, partner, wallet["cardAccountId"], request.get("companyId"))
    ensure_usable(wallet)
    periods = period_keys(world.now, world.config.funds_timezone)
    counters = wallet.setdefault("usage", {})
    breach = load_breach(world.config.wallet_limits, tier(wallet), wallet.get("balancePaise", 0), counters,
                         periods, amount)
    if breach:
        raise DomainError("load_limit_exceeded", limit=breach)
    if account["balancePaise"] < amount:
        raise DomainError("insufficient_card_account_balance")
    add_usage(counters, "load", periods["month"], amount)
    add_usage(counters, "loadYear", periods["year"], amount)
    details: dict[str, Any] = {"type": request.get("type") or "LOAD_MONEY", "reference": reference,
                               "description": request.get("description"), "remarks": request.get("remarks"),
                               "createdBy": request.get("createdBy")}
    _, credit = ledger.transfer(world.tx, ("card_account", account, account["cardAccountId"]),
                                ("wallet", wallet, wallet["enKashCardId"]), amount, world.now, **details)
    result = {
        "enKashCardId": wallet["enKashCardId"],
        "cardAccountId": wallet["cardAccountId"],
        "enkashCardTxnId": credit["id"],
        "pgReferenceNumber": reference,
        "amount": rupees(amount),
        "transactionType": "CR",
        "otbBalance": rupees(wallet["balancePaise"]),
        "maskedNumber": f"XXXX XXXX XXXX {wallet['last4']}",
        "status": "SUCCESS",
    }
    idempotency.remember(world, "topup", partner["partnerId"], reference, print_, result)
    return result


def check_load_limit(world: World, partner: dict, request: dict, amount: int) -> dict:
    wallet = find_wallet_for_money(world, partner, request["enKashCardId"], request["cardAccountId"])
    periods = period_keys(world.now, world.config.funds_timezone)
    counters = wallet.get("usage", {})
    balance = wallet.get("balancePaise", 0)
    room = load_headroom(world.config.wallet_limits, tier(wallet), balance, counters, periods)
    breach = load_breach(world.config.wallet_limits, tier(wallet), balance, counters, periods, amount)
    usable = wallet["kycStatus"] != "PENDING" and wallet["latestTncVersionAccepted"]
    if not usable:
        message = "Wallet is not usable yet: minimum KYC and the latest T&C are required"
    elif breach:
        message = f"Amount exceeds the wallet's {breach} limit"
    else:
        message = "Amount can be loaded"
    return {
        "enKashCardId": wallet["enKashCardId"],
        "amountToLoad": rupees(amount),
        "allowed": usable and breach is None,
        "exceededLimit": breach,
        "kycStatus": wallet["kycStatus"],
        "otbBalance": rupees(balance),
        "maxBalanceHeadroom": _money(room["maxBalance"]),
        "remainingMonthlyLimit": _money(room["monthlyLoad"]),
        "remainingAnnualLimit": _money(room["annualLoad"]),
        "message": message,
    }


def _money(paise: int | None) -> float | None:
    return None if paise is None else rupees(paise)
