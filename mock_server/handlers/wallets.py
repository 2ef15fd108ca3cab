"""Create, update and read wallets."""

from __future__ import annotations

from ..domain.wallets import create_wallet, find_wallet, update_holder, wallet_view
from ..envelope import success
from ..pipeline import Call

__all__ = ["HANDLERS"]


def create(call: Call) -> dict:
    wallet = create_wallet(call.world, call.partner, call.body)
    return success(wallet_view(wallet, call.base_url))


def update(call: Call) -> dict:
    wallet = update_holder(call.world, call.partner, call.body)
    return success(wallet_view(wallet, call.base_url))


def details(call: Call) -> dict:
    body = call.body
    wallet = find_wallet(call.world, call.partner, body["enKashCardId"], body["cardAccountId"], body["companyId"])
    return success(wallet_view(wallet, call.base_url, body.get("clientReferenceId")))


HANDLERS = {
    "createWallet": create,
    "createWalletFull": create,
    "updateWalletHolder": update,
    "getWalletDetails": details,
    "searchWallet": details,
}
