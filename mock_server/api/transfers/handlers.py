"""Thin adapters from the beneficiary and IFSC operationIds to their rules."""

from __future__ import annotations

from ...http.pipeline import Call
from ...http.responses import success
from ...kernel.errors import DomainError
from ..registry import operation
from .beneficiaries import add_beneficiary, beneficiary_view, delete_beneficiary, search_beneficiaries
from .ifsc import find_branch

__all__: list[str] = []  # handlers are reached through the registry


@operation("addBeneficiary", writes=True)
def add(call: Call) -> dict:
    return success(beneficiary_view(add_beneficiary(call.world, call.caller, call.body)))


@operation("searchBeneficiaries", writes=False)
def search(call: Call) -> dict:
    found = [beneficiary_view(record) for record in search_beneficiaries(call.world, call.caller, call.body)]
    return success({"beneficiaries": found, "totalElements": len(found)})


@operation("deleteBeneficiary", writes=True)
def delete(call: Call) -> dict:
    record = delete_beneficiary(call.world, call.caller, call.query)
    return success({"beneficiaryId": record["beneficiaryId"], "enKashCardId": record["enKashCardId"],
                    "status": "DELETED"}, "Beneficiary deleted")


@operation("getIfscDetails", writes=False)
def ifsc_details(call: Call) -> dict:
    branch = find_branch(call.query["ifsc"])
    if branch is None:
        raise DomainError("ifsc_unknown")
    return success(branch)

