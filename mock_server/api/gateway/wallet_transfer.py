"""Wallet-to-wallet transfer within one partner: both legs in one store transaction (`ledger.transfer`).

Inferred rules (the wallet page is nav-only): both wallets usable (minimum KYC and the latest T&C); the
source's KYC-tier debit limit and the target's load limits apply, as for a merchant debit and a top-up;
a TRANSACTION_OTP of the source authorises it, because it is a debit the partner starts on the holder's
behalf, like the documented merchant debit (the one wallet debit whose body is known: it carries an
OTP); the partner's `transactionId` makes a retry safe. Card controls (velocity rules) govern card
payments and do not apply. Every refusal that needs no OTP is checked before the OTP is consumed.
"""

from __future__ import annotations

from ...kernel.clock import to_iso
from ...kernel.errors import DomainError
from ...kernel.world import World
from ..funds import ledger
from ..funds.limits import debit_breach, load_breach
from ..funds.money import rupees
from ..funds.periods import period_keys
from ..funds.usage import add_usage
from ..funds.wallet_money import ensure_usable, find_wallet_for_money, tier
from ..kyc.otp import ensure_unused, verify_otp
from ..kyc.rules import OTP_ACTION
from . import references

__all__ = ["TRANSFER_TYPE", "transfer_between_wallets"]

TRANSFER_TYPE = "WALLET_TO_WALLET"


def _target(world: World, partner: dict, source: dict, target_id: str) -> dict:
    """The partner's own other wallet; another partner's reads exactly like a missing one."""
    if target_id == source["enKashCardId"]:
        raise DomainError("transfer_to_same_wallet")
    target = world.tx.get("wallet", target_id)
    if target is None or target["partnerId"] != partner["partnerId"]:
        raise DomainError("transfer_target_not_found")
    if target["kycStatus"] == "PENDING" or not target["latestTncVersionAccepted"]:
        raise DomainError("target_wallet_not_usable")
    return target


def _check_limits(world: World, source: dict, target: dict, amount: int, periods: dict) -> None:
    limits = world.config.wallet_limits
    breach = debit_breach(limits, tier(source), source.setdefault("usage", {}), periods, amount)
    if breach:
        raise DomainError("debit_limit_exceeded", limit=breach)
    breach = load_breach(limits, tier(target), target.get("balancePaise", 0), target.setdefault("usage", {}),
                         periods, amount)
    if breach:
        raise DomainError("target_load_limit_exceeded", limit=breach)
    if source.get("balancePaise", 0) < amount:
        raise DomainError("insufficient_wallet_balance")


def transfer_between_wallets(world: World, partner: dict, request: dict, amount: int) -> dict:
    reference = request["transactionId"]
    print_ = references.fingerprint(request, amount)
    replay = references.recall(world, "w2w", partner["partnerId"], reference, print_)
    if replay is not None:
        return replay
    source = find_wallet_for_money(world, partner, request["enKashCardId"], request["cardAccountId"],
                                   request["companyId"])
    ensure_usable(source)
    target = _target(world, partner, source, request["toEnKashCardId"])
    ensure_unused(world, source, request["otpReferenceId"], OTP_ACTION)
    periods = period_keys(world.now, world.config.funds_timezone)
    _check_limits(world, source, target, amount, periods)
    verify_otp(world, source, request["otpReferenceId"], request["otp"], OTP_ACTION)  # writes the OTP only
    add_usage(source["usage"], "debit", periods["month"], amount)
    add_usage(target["usage"], "load", periods["month"], amount)
    add_usage(target["usage"], "loadYear", periods["year"], amount)
    details = {"type": TRANSFER_TYPE, "reference": reference, "remarks": request.get("remarks"),
               "description": f"Wallet transfer {source['enKashCardId']} to {target['enKashCardId']}"}
    debit, credit = ledger.transfer(world.tx, ("wallet", source, source["enKashCardId"]),
                                    ("wallet", target, target["enKashCardId"]), amount, world.now, **details)
    result = {
        "transactionId": reference, "transferType": TRANSFER_TYPE, "status": "SUCCESS",
        "enKashCardId": source["enKashCardId"], "toEnKashCardId": target["enKashCardId"],
        "amount": rupees(amount), "otbBalance": rupees(source["balancePaise"]),
        "enkashCardTxnId": debit["id"], "creditEnkashCardTxnId": credit["id"], "transactionDate": to_iso(world.now),
    }
    references.remember(world, "w2w", partner["partnerId"], reference, print_, result)
    return result
