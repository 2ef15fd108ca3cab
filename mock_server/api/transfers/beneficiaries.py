"""Beneficiaries of a wallet: add, search, delete (rules from Enkash's documented payout twin).

Formats (name letters and spaces ≤ 100, IFSC, phone, VPA, bank account + IFSC or VPA but not both) are
enforced by openapi.yaml's request schema before any of this runs; here are the rules that need state:
the wallet is the partner's own, the beneficiaryId is free for that wallet, the IFSC is a known branch.
"""

from __future__ import annotations

from ...kernel.clock import to_iso
from ...kernel.errors import DomainError
from ...kernel.world import World
from ..wallets.rules import find_wallet
from .ifsc import find_branch

__all__ = ["OPTIONAL_FIELDS", "add_beneficiary", "beneficiary_view", "delete_beneficiary", "search_beneficiaries"]

KIND = "beneficiary"
OPTIONAL_FIELDS = ("beneficiaryAccountNumber", "beneficiaryIfsc", "vpaHandle", "beneficiaryEmail",
                   "beneficiaryPhone", "beneficiaryAddress", "beneficiaryCity", "beneficiaryState",
                   "beneficiaryPincode")


def _key(wallet_id: str, beneficiary_id: str) -> str:
    return f"{wallet_id}:{beneficiary_id}"


def _wallet(world: World, partner: dict, request: dict) -> dict:
    return find_wallet(world, partner, request["enKashCardId"], request["cardAccountId"], request.get("companyId"))


def add_beneficiary(world: World, partner: dict, request: dict) -> dict:
    wallet = _wallet(world, partner, request)
    key = _key(wallet["enKashCardId"], request["beneficiaryId"])
    if world.tx.get(KIND, key) is not None:
        raise DomainError("beneficiary_exists")
    branch = None
    if request.get("beneficiaryIfsc"):
        branch = find_branch(request["beneficiaryIfsc"])
        if branch is None:
            raise DomainError("ifsc_unknown")
    record = {
        "beneficiaryId": request["beneficiaryId"],
        "enKashCardId": wallet["enKashCardId"],
        "cardAccountId": wallet["cardAccountId"],
        "partnerId": wallet["partnerId"],
        "beneficiaryName": request["beneficiaryName"],
        **{name: request.get(name) for name in OPTIONAL_FIELDS},
        "beneficiaryIfsc": branch["ifsc"] if branch else None,
        "bankName": branch["bank"] if branch else None,
        "branchName": branch["branch"] if branch else None,
        "transferMode": "IMPS" if branch else "UPI",
        "createdAt": world.now,
    }
    world.tx.put(KIND, key, record)
    return record


def search_beneficiaries(world: World, partner: dict, request: dict) -> list[dict]:
    wallet = _wallet(world, partner, request)
    wanted_id, wanted_name = request.get("beneficiaryId"), (request.get("beneficiaryName") or "").lower()
    prefix = wallet["enKashCardId"] + ":"
    found = []
    for key, record in world.tx.items(KIND):
        if not key.startswith(prefix):
            continue
        if wanted_id and record["beneficiaryId"] != wanted_id:
            continue
        if wanted_name and wanted_name not in record["beneficiaryName"].lower():
            continue
        found.append(record)
    return sorted(found, key=lambda record: (record["createdAt"], record["beneficiaryId"]))


def delete_beneficiary(world: World, partner: dict, query: dict) -> dict:
    wallet = _wallet(world, partner, query)
    key = _key(wallet["enKashCardId"], query["beneficiaryId"])
    record = world.tx.get(KIND, key)
    if record is None:
        raise DomainError("beneficiary_not_found")
    world.tx.delete(KIND, key)
    return record


def beneficiary_view(record: dict) -> dict:
    """As the API shows it: the stored fields without internal ones, `createdOn` as an instant."""
    hidden = ("partnerId", "createdAt")
    return {**{k: v for k, v in record.items() if k not in hidden}, "status": "ACTIVE",
            "createdOn": to_iso(record["createdAt"])}
