"""Create, update and read wallets."""

from __future__ import annotations

from ...http.pipeline import Call
from ...http.responses import success
from ...kernel.errors import DomainError
from ..funds.card_accounts import missing_create_fields
from ..registry import operation
from .rules import create_wallet, find_wallet, update_holder, wallet_view, wallets_of_account

__all__: list[str] = []  # handlers are reached through the registry


@operation("createWallet", writes=True)
def create(call: Call) -> dict:
    _require_product_fields(call)
    return create_full(call)


@operation("createWalletFull", writes=True)
def create_full(call: Call) -> dict:
    """`/wallet` has its own (wallet-only) field table, which the schema states in full."""
    wallet = create_wallet(call.world, call.caller, call.body)
    return success(wallet_view(wallet, call.base_url))


def _require_product_fields(call: Call) -> None:
    """The card account's product decides what Create requires (a rule on stored state, so not in the
    schema); a missing field is answered exactly as the schema's own: 400, every missing field listed."""
    body = call.body
    if body["cardAccountId"] not in call.caller["cardAccountIds"]:
        return  # create_wallet refuses a foreign account without telling what its product needs
    missing = missing_create_fields(call.world, body, set(body))
    if missing:
        violations = [{"location": "body", "field": name, "message": "is required"} for name in missing]
        raise DomainError("missing_parameter", payload={"violations": violations})


@operation("updateWalletHolder", writes=True)
def update(call: Call) -> dict:
    wallet = update_holder(call.world, call.caller, call.body)
    return success(wallet_view(wallet, call.base_url))


@operation("getWalletDetails", writes=False)
def details(call: Call) -> dict:
    body = call.body
    wallet = find_wallet(call.world, call.caller, body["enKashCardId"], body["cardAccountId"], body["companyId"])
    return success(wallet_view(wallet, call.base_url, body.get("clientReferenceId")))


@operation("searchWallet", writes=False)
def search(call: Call) -> dict:
    """`/search` with an enKashCardId reads that wallet; without one it is the documented list form."""
    body = call.body
    if "enKashCardId" in body:
        return details(call)
    wallets = wallets_of_account(call.world, call.caller, body["cardAccountId"], body["companyId"])
    return success({"recordsCount": len(wallets), "data": [wallet_view(w, call.base_url) for w in wallets]})
