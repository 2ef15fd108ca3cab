"""Planted violations at the handler seam: a registry whose handlers for some operations are wrapped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from types import MappingProxyType

from ..api.funds import card_accounts, idempotency, ledger
from ..api.funds.money import MoneyError, parse_amount, rupees
from ..api.gateway import orders as gateway_orders
from ..api.kyc.otp import generate_otp, otp_value
from ..api.kyc.rules import OTP_ACTION
from ..api.payouts import lifecycle
from ..api.registry import Registry
from ..api.wallets.rules import find_wallet, wallet_view
from ..http.responses import success
from ..kernel.errors import DomainError
from .events import EVENT_VIOLATIONS

__all__ = ["HANDLER_VIOLATIONS", "PlantedCrash", "bend_handlers"]


class PlantedCrash(RuntimeError):
    """The crash a planted violation causes on purpose."""


def _crash_on_digit_name(handler: Callable) -> Callable:
    def crashing(call):
        name = call.body.get("firstName") if isinstance(call.body, dict) else None
        if isinstance(name, str) and any(char.isdigit() for char in name):
            raise PlantedCrash("planted fault digit_name_500")
        return handler(call)
    return crashing


def _reuse_otp(handler: Callable) -> Callable:
    """A used OTP 'verifies' again: min-kyc answers success with the wallet as it is."""
    def reusing(call):
        try:
            return handler(call)
        except DomainError as refused:
            if refused.name != "otp_used":
                raise
            body = call.body
            wallet = find_wallet(call.world, call.caller, body["enKashCardId"], body["cardAccountId"],
                                 body["companyId"])
            return success(wallet_view(wallet, call.base_url))
    return reusing


def _unlock_holder(handler: Callable) -> Callable:
    """Holder details are updated whatever the KYC: the lock is lifted for the call, the status kept."""
    def unlocked(call):
        wallet_id = call.body.get("enKashCardId") if isinstance(call.body, dict) else None
        wallet = call.world.tx.get("wallet", wallet_id) if isinstance(wallet_id, str) else None
        if wallet is None or wallet["kycStatus"] == "PENDING":
            return handler(call)
        kyc = wallet["kycStatus"]
        call.world.tx.put("wallet", wallet_id, {**wallet, "kycStatus": "PENDING"})
        try:
            result = handler(call)
        finally:
            stored = call.world.tx.get("wallet", wallet_id)
            call.world.tx.put("wallet", wallet_id, {**stored, "kycStatus": kyc})
        if isinstance(result, dict) and isinstance(result.get("payload"), dict):
            result["payload"]["kycStatus"] = kyc
        return result
    return unlocked


def _credit_every_replay(handler: Callable) -> Callable:
    """A replayed uniqueReferenceNumber credits again: the remembered first answer is forgotten first."""
    def crediting(call):
        body = call.body if isinstance(call.body, dict) else {}
        reference, partner = body.get("uniqueReferenceNumber"), call.partner or {}
        if isinstance(reference, str) and partner.get("partnerId"):
            call.world.tx.delete(idempotency.KIND, f"topup:{partner['partnerId']}:{reference}")
        return handler(call)
    return crediting


def _ignore_load_limits(handler: Callable) -> Callable:
    """Top-ups run with no KYC-tier limits configured: every load the card account covers succeeds."""
    def unlimited(call):
        unlimited_world = replace(call.world, config=replace(call.world.config, wallet_limits={}))
        return handler(replace(call, world=unlimited_world))
    return unlimited


def _mint_top_ups(handler: Callable) -> Callable:
    """A top-up credits the wallet, then the card account's balance is put back: money from nowhere."""
    def minting(call):
        account_id = call.body.get("cardAccountId") if isinstance(call.body, dict) else None
        before = call.world.tx.get(card_accounts.KIND, account_id) if isinstance(account_id, str) else None
        result = handler(call)
        after = call.world.tx.get(card_accounts.KIND, account_id) if before else None
        if after is not None:
            call.world.tx.put(card_accounts.KIND, account_id, {**after, "balancePaise": before["balancePaise"]})
        return result
    return minting


def _forget_transfers(handler: Callable) -> Callable:
    """A replayed transactionId is a new transfer: the first one is forgotten and its OTP made usable again."""
    def forgetting(call):
        body = call.body if isinstance(call.body, dict) else {}
        transaction_id, partner = body.get("transactionId"), call.partner or {}
        key = lifecycle.transfer_key(partner.get("partnerId", ""), transaction_id) if transaction_id else None
        if key and call.world.tx.get(lifecycle.KIND, key) is not None:
            call.world.tx.delete(lifecycle.KIND, key)
            otp = call.world.tx.get("otp", body.get("otpReferenceId") or "")
            if otp is not None:
                call.world.tx.put("otp", body["otpReferenceId"], {**otp, "used": False})
        return handler(call)
    return forgetting


def _credit_without_debit(handler: Callable) -> Callable:
    """A wallet-to-wallet transfer credits the target, then the source's balance is put back."""
    def one_legged(call):
        source_id = call.body.get("enKashCardId") if isinstance(call.body, dict) else None
        before = call.world.tx.get("wallet", source_id) if isinstance(source_id, str) else None
        held = before.get("balancePaise", 0) if before else None
        result = handler(call)
        after = call.world.tx.get("wallet", source_id) if before else None
        if after is not None:
            call.world.tx.put("wallet", source_id, {**after, "balancePaise": held})
        return result
    return one_legged


def _credit_abandoned_orders(handler: Callable) -> Callable:
    """The status enquiry of an abandoned (or expired) order credits its wallet as if it had been paid."""
    def crediting(call):
        result = handler(call)
        payload = result.get("payload") if isinstance(result, dict) else None
        if not isinstance(payload, dict) or payload.get("orderStatus") not in ("ATTEMPTED", "EXPIRED"):
            return result
        order = call.world.tx.get(gateway_orders.KIND, payload["orderId"])
        wallet = call.world.tx.get("wallet", order["enKashCardId"]) if order else None
        if wallet is not None and not order.get("plantedCredit"):
            ledger.post(call.world.tx, "wallet", wallet, wallet["enKashCardId"], "CR", order["amountPaise"],
                        call.world.now, type="ADD_MONEY_PG", reference=order["uniqueTransactionId"])
            call.world.tx.put(gateway_orders.KIND, order["orderId"], {**order, "plantedCredit": True})
        return result
    return crediting


def _overdraw(handler: Callable) -> Callable:
    """A debit past the balance goes through: the wallet is lent the shortfall for the call (so the balance
    refusal and the ledger's own guard pass), then the loan is taken back, leaving the balance below zero."""
    def overdrawing(call):
        body = call.body if isinstance(call.body, dict) else {}
        wallet_id = body.get("enkashCardId")
        wallet = call.world.tx.get("wallet", wallet_id) if isinstance(wallet_id, str) else None
        try:
            amount = parse_amount(body.get("amount"))
        except MoneyError:
            return handler(call)
        shortfall = amount - wallet.get("balancePaise", 0) if wallet is not None else 0
        if shortfall <= 0:
            return handler(call)
        call.world.tx.put("wallet", wallet_id, {**wallet, "balancePaise": wallet.get("balancePaise", 0) + shortfall})
        try:
            result = handler(call)
        finally:
            stored = call.world.tx.get("wallet", wallet_id)
            call.world.tx.put("wallet", wallet_id, {**stored, "balancePaise": stored["balancePaise"] - shortfall})
        if isinstance(result, dict) and isinstance(result.get("payload"), dict) and "otbBalance" in result["payload"]:
            result["payload"]["otbBalance"] = rupees(stored["balancePaise"] - shortfall)
        return result
    return overdrawing


def _skip_debit_otp(handler: Callable) -> Callable:
    """Whatever OTP a debit carries, a fresh TRANSACTION_OTP of the wallet and its value are put in its place."""
    def trusting(call):
        body = call.body if isinstance(call.body, dict) else {}
        wallet_id = body.get("enkashCardId")
        wallet = call.world.tx.get("wallet", wallet_id) if isinstance(wallet_id, str) else None
        if wallet is None:
            return handler(call)
        record = generate_otp(call.world, wallet, OTP_ACTION)
        trusted = {**body, "otpReferenceId": record["reference"], "otp": otp_value(call.world, record["reference"])}
        return handler(replace(call, body=trusted))
    return trusting


# fault -> (operations whose handler it wraps, the wrapper)
HANDLER_VIOLATIONS: dict[str, tuple[tuple[str, ...], Callable[[Callable], Callable]]] = {
    "digit_name_500": (("createWallet", "createWalletFull", "updateWalletHolder"), _crash_on_digit_name),
    "otp_reuse": (("minKyc",), _reuse_otp),
    "holder_details_unlocked": (("updateWalletHolder",), _unlock_holder),
    "double_credit_on_replay": (("topUpWallet",), _credit_every_replay),
    "load_limit_not_enforced": (("topUpWallet",), _ignore_load_limits),
    "top_up_from_nowhere": (("topUpWallet",), _mint_top_ups),
    "replayed_transfer_debits_twice": (("fundTransfer",), _forget_transfers),
    "transfer_credits_without_debit": (("transferWalletToWallet",), _credit_without_debit),
    "abandoned_order_credits": (("getAddMoneyOrderStatus",), _credit_abandoned_orders),
    **EVENT_VIOLATIONS,
    "balance_allowed_below_zero": (("debitWalletForMerchant",), _overdraw),
    "debit_skips_otp": (("debitWalletForMerchant",), _skip_debit_otp),
}


def bend_handlers(faults: tuple[str, ...], registry: Registry) -> Registry:
    bent = dict(registry.registrations)
    for fault in faults:
        if fault not in HANDLER_VIOLATIONS:
            continue  # a fault planted elsewhere (spec, responses, transport)
        operations, wrap = HANDLER_VIOLATIONS[fault]
        for operation_id in operations:
            if operation_id in bent:
                bent[operation_id] = replace(bent[operation_id], handler=wrap(bent[operation_id].handler))
    return Registry(MappingProxyType(bent))
