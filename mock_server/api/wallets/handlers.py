"""Create, update and read wallets."""

from __future__ import annotations

from ...http.pipeline import Call
from ...http.responses import success
from ..registry import operation
from .rules import create_wallet, find_wallet, update_holder, wallet_view

__all__: list[str] = []  # handlers are reached through the registry


@operation("createWallet", writes=True)
@operation("createWalletFull", writes=True)
def create(call: Call) -> dict:
    wallet = create_wallet(call.world, call.caller, call.body)
    return success(wallet_view(wallet, call.base_url))


@operation("updateWalletHolder", writes=True)
def update(call: Call) -> dict:
    wallet = update_holder(call.world, call.caller, call.body)
    return success(wallet_view(wallet, call.base_url))


@operation("getWalletDetails", writes=False)
@operation("searchWallet", writes=False)
def details(call: Call) -> dict:
    body = call.body
    wallet = find_wallet(call.world, call.caller, body["enKashCardId"], body["cardAccountId"], body["companyId"])
    return success(wallet_view(wallet, call.base_url, body.get("clientReferenceId")))

