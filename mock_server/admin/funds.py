"""/__admin routes for money: fund a card account, list a wallet's transactions, force a settlement
status, add and list merchants, and the session's balances (docs/admin.md "Money")."""

from __future__ import annotations

from flask import request

from ..api.funds import ledger
from ..api.funds.card_accounts import fund_card_account
from ..api.funds.history import transaction_view
from ..api.funds.merchants import add_merchant
from ..api.funds.money import MoneyError, parse_amount, rupees
from ..api.funds.overview import funds_overview, settlements
from ..api.funds.settlement import force_status
from ..http.errors import ApiError, from_domain
from ..kernel.errors import DomainError
from .base import admin_blueprint, body, caller_session, json_out, mock_state

__all__: list[str] = []


@admin_blueprint.get("/funds")
def funds():
    with mock_state().world(caller_session(), write=False) as world:
        return json_out(funds_overview(world))


@admin_blueprint.post("/card-accounts/<card_account_id>/fund")
def fund(card_account_id: str):
    data = body()
    try:
        amount = parse_amount(data.get("amount"))
    except MoneyError as error:
        raise ApiError("admin_bad_request", detail=f"amount {error}") from error
    description = data.get("description")
    with mock_state().world(caller_session()) as world:
        account = world.tx.get("card_account", card_account_id)
        if account is None:
            raise ApiError("admin_not_found", detail=f"no card account {card_account_id} in this session")
        entry = fund_card_account(world, account, amount, str(description) if description else "Prefunding")
    return json_out({"cardAccountId": card_account_id, "availableBalance": rupees(account["balancePaise"]),
                     "funded": rupees(account["fundedPaise"]), "enkashCardTxnId": entry["id"]})


@admin_blueprint.get("/wallets/<wallet_id>/transactions")
def wallet_transactions(wallet_id: str):
    """Every entry of the wallet, newest first (`?limit=` keeps the newest N)."""
    limit = request.args.get("limit", "")
    if limit and not limit.isdigit():
        raise ApiError("admin_bad_request", detail="limit must be a whole number")
    with mock_state().world(caller_session(), write=False) as world:
        wallet = world.tx.get("wallet", wallet_id)
        if wallet is None:
            raise ApiError("admin_not_found", detail=f"no wallet {wallet_id} in this session")
        entries: list[dict] = []
        for entry in ledger.newest(world.tx, wallet_id, wallet.get("ledgerCount", 0)):
            if limit and len(entries) >= int(limit):
                break
            entries.append(transaction_view(entry, wallet))
    return json_out({"enKashCardId": wallet_id, "otbBalance": rupees(wallet.get("balancePaise", 0)),
                     "totalElements": wallet.get("ledgerCount", 0), "transactions": entries})


@admin_blueprint.get("/settlements")
def list_settlements():
    with mock_state().world(caller_session(), write=False) as world:
        return json_out({"settlements": settlements(world)})


@admin_blueprint.put("/settlements/<merchant_txn_id>")
def settle(merchant_txn_id: str):
    """Force a documented status; REFUND completes a refund (PENDING_WITH_BANK) and credits the wallet."""
    data = body()
    status = data.get("status")
    if not isinstance(status, str):
        raise ApiError("admin_bad_request", detail='expected {"status": "SETTLED" | "DISPUTED" | ...}')
    with mock_state().world(caller_session()) as world:
        record = _merchant_txn(world, merchant_txn_id, data.get("partnerId"))
        try:
            view = force_status(world, record, status)
        except DomainError as error:
            raise from_domain(error) from error
    return json_out(view)


def _merchant_txn(world, merchant_txn_id: str, partner_id: object) -> dict:
    partners = [partner_id] if isinstance(partner_id, str) else [key for key, _ in world.tx.items("partner")]
    found = [record for pid in partners
             if (record := world.tx.get("merchant_txn", f"{pid}:{merchant_txn_id}")) is not None]
    if not found:
        raise ApiError("admin_not_found", detail=f"no merchant transaction {merchant_txn_id} in this session")
    if len(found) > 1:
        raise ApiError("admin_bad_request", detail="several partners used this id: add \"partnerId\"")
    return found[0]


@admin_blueprint.get("/merchants")
def merchants():
    with mock_state().world(caller_session(), write=False) as world:
        return json_out({"merchants": funds_overview(world)["merchants"]})


@admin_blueprint.post("/merchants")
def new_merchant():
    data = body()
    partner_id, name, merchant_id = data.get("partnerId"), data.get("name", "Merchant"), data.get("merchantDetailId")
    if not isinstance(partner_id, str) or not isinstance(name, str) or not name.strip():
        raise ApiError("admin_bad_request", detail='expected {"partnerId": "CR...", "name": "...", '
                                                   '"merchantDetailId": optional "MD" + 14}')
    if merchant_id is not None and not (isinstance(merchant_id, str) and len(merchant_id) == 16
                                        and merchant_id.startswith("MD") and merchant_id.isalnum()
                                        and merchant_id == merchant_id.upper()):
        raise ApiError("admin_bad_request", detail="merchantDetailId must be MD followed by 14 capitals or digits")
    with mock_state().world(caller_session()) as world:
        try:
            merchant = add_merchant(world, partner_id, name.strip(), merchant_id)
        except DomainError as error:
            raise from_domain(error) from error
    return json_out({"merchantDetailId": merchant["merchantDetailId"], "partnerId": partner_id,
                     "name": merchant["name"], "balance": 0.0}, 201)
