"""Thin adapters from the funds operationIds to the rules; each registers with @operation."""

from __future__ import annotations

from ...http.errors import ApiError
from ...http.pipeline import Call
from ...http.responses import success
from ..registry import operation
from ..wallets.rules import find_wallet
from .card_accounts import card_account_view, find_card_account
from .controls import apply_rule, controls_view
from .history import list_transactions
from .merchants import debit_for_merchant
from .money import MoneyError, parse_amount, rupees
from .periods import period_keys
from .settlement import find_merchant_txn, settlement_view
from .topup import check_load_limit, top_up
from .wallet_money import balance_view

__all__: list[str] = []  # handlers are reached through the registry


def _amount(body: dict, name: str) -> int:
    """The schema already holds amounts to these rules; this is the exact conversion (and a second guard)."""
    try:
        return parse_amount(body[name])
    except MoneyError as error:
        violation = {"location": "body", "field": name, "message": str(error)}
        raise ApiError("invalid_parameter", payload={"violations": [violation]}) from error


@operation("topUpWallet", writes=True)
def top_up_wallet(call: Call) -> dict:
    return success(top_up(call.world, call.caller, call.body, _amount(call.body, "amount")))


@operation("validateWalletLoadLimit", writes=False)
def validate_load_limit(call: Call) -> dict:
    return success(check_load_limit(call.world, call.caller, call.body, _amount(call.body, "amountToLoad")))


def _wallet(call: Call, wallet_field: str = "enKashCardId") -> dict:
    body = call.body
    return find_wallet(call.world, call.caller, body[wallet_field], body["cardAccountId"], body.get("companyId"))


@operation("getCardBalance", writes=False)
def card_balance(call: Call) -> dict:
    return success(balance_view(_wallet(call)))


@operation("getCardAccount", writes=False)
def card_account(call: Call) -> dict:
    body = call.body
    account = find_card_account(call.world, call.caller, body["cardAccountId"], body["companyId"])
    return success(card_account_view(call.world, account))


@operation("listTransactions", writes=False)
def transactions(call: Call) -> dict:
    return success(list_transactions(call.world, _wallet(call), call.body))


@operation("setCardControls", writes=True)
def set_velocity_rule(call: Call) -> dict:
    body, world = call.body, call.world
    wallets = [find_wallet(world, call.caller, wallet_id, body["cardAccountId"], body["companyId"])
               for wallet_id in dict.fromkeys(body["enKashCardIds"])]  # all or nothing: look up every id first
    periods = period_keys(world.now, world.config.funds_timezone)
    views = []
    for wallet in wallets:
        wallet["controls"] = apply_rule(wallet.get("controls"), body)
        world.tx.put("wallet", wallet["enKashCardId"], wallet)
        views.append(controls_view(wallet["enKashCardId"], wallet["controls"], wallet.get("usage", {}), periods,
                                   rupees))
    return success({"cardAccountId": body["cardAccountId"], "rules": views})


@operation("getCardControls", writes=False)
def get_velocity_rule(call: Call) -> dict:
    wallet = _wallet(call)
    periods = period_keys(call.world.now, call.world.config.funds_timezone)
    return success(controls_view(wallet["enKashCardId"], wallet.get("controls"), wallet.get("usage", {}), periods,
                                 rupees))


@operation("debitWalletForMerchant", writes=True)
def merchant_debit(call: Call) -> dict:
    return success(debit_for_merchant(call.world, call.caller, call.body, _amount(call.body, "amount")))


@operation("getSettlementStatus", writes=False)
def settlement_status(call: Call) -> dict:
    record = find_merchant_txn(call.world, call.caller["partnerId"], call.query["merchantUniqueTxnId"])
    return success(settlement_view(call.world, record))

