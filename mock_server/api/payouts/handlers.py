"""Thin adapters from the fund-transfer operationIds to the rules; each registers with @operation."""

from __future__ import annotations

from ...http.errors import ApiError
from ...http.pipeline import Call
from ...http.responses import success
from ...kernel.clock import to_iso
from ..funds.money import MoneyError, parse_amount
from ..registry import operation
from .lifecycle import transfer_view
from .transfers import create_transfer, find_transfer

__all__: list[str] = []  # handlers are reached through the registry


def _amount(body: dict) -> int:
    try:
        return parse_amount(body["transferAmount"])
    except MoneyError as error:  # the schema holds amounts to this already: a second guard
        violation = {"location": "body", "field": "transferAmount", "message": str(error)}
        raise ApiError("invalid_parameter", payload={"violations": [violation]}) from error


@operation("fundTransfer", writes=True)
def fund_transfer(call: Call) -> dict:
    result = create_transfer(call.world, call.caller, call.body, _amount(call.body), to_iso(call.world.now))
    return success(result, "Transfer rejected" if result["status"] == "REJECTED" else "Success")


@operation("getFundTransferStatus", writes=False)
def fund_transfer_status(call: Call) -> dict:
    return success(transfer_view(find_transfer(call.world, call.caller["partnerId"], call.query["transactionId"])))
