"""`transaction/all`: a wallet's ledger, newest first, paged, with the prepaid twin's filters.

Without filters a page reads O(page) documents. Filters walk the wallet's own history newest first
(never the session's other transactions), so `totalElements` counts every match of that wallet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

from ...kernel.clock import to_iso
from ...kernel.world import World
from . import ledger
from .money import parse_limit, rupees

__all__ = ["DEFAULT_PAGE_SIZE", "lenient_instant", "list_transactions", "transaction_view"]

DEFAULT_PAGE_SIZE = 20
FILTERS = ("status", "enKashTransactionId", "enKashTransactionIds", "cardTransactionType", "amountFrom",
           "amountTo", "pgReferenceNumber", "pgReferenceNumbers", "txnDateFrom", "txnDateTo")
# what each history line repeats of its wallet, under the wallet's own names
_WALLET_IDS = ("enKashCardId", "cardAccountId", "companyId", "userId")


def transaction_view(entry: dict, wallet: dict) -> dict:
    return {
        "enKashCardTransactionId": entry["id"],
        "enkashCardTxnId": entry["id"],
        **{name: wallet[name] for name in _WALLET_IDS},
        "maskedCard": f"XXXX XXXX XXXX {wallet['last4']}",
        "cardTransactionType": entry["direction"],
        "principalAmount": rupees(entry["amountPaise"]),
        "balance": rupees(entry["balancePaise"]),
        "currency": "INR",
        "status": entry["status"],
        "type": entry.get("type"),
        "pgReferenceNumber": entry.get("reference"),
        "merchantDetailId": entry.get("merchantDetailId"),
        "description": entry.get("description"),
        "remarks": entry.get("remarks"),
        "txnDate": to_iso(entry["at"]),
        "createdOn": to_iso(entry["at"]),
    }


_INSTANT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")


def lenient_instant(text: str) -> float:
    """Epoch seconds of a schema-valid ISO date-time; the 31st of a short month rolls into the next
    (Java's lenient calendar), so no date the spec allows is refused here. A naive time is UTC."""
    match = _INSTANT.match(text)
    if match is None:  # the schema's date-time pattern let it through, so this is a bug, not bad input
        raise ValueError(f"not an ISO date-time: {text!r}")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    zone = UTC
    if offset and offset != "Z":
        sign = 1 if offset[0] == "+" else -1
        zone = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    start = datetime(int(year), int(month), 1, int(hour), int(minute), int(second or 0), tzinfo=zone)
    return (start + timedelta(days=int(day) - 1)).timestamp() + float(fraction or 0)


def _matcher(request: dict) -> Callable[[dict], bool] | None:
    tests: list[Callable[[dict], bool]] = []
    ids = set(request.get("enKashTransactionIds") or []) | ({request["enKashTransactionId"]}
                                                            if request.get("enKashTransactionId") else set())
    refs = set(request.get("pgReferenceNumbers") or []) | ({request["pgReferenceNumber"]}
                                                          if request.get("pgReferenceNumber") else set())
    if ids:
        tests.append(lambda entry: entry["id"] in ids)
    if refs:
        tests.append(lambda entry: entry.get("reference") in refs)
    if request.get("status"):
        tests.append(lambda entry: entry["status"] == request["status"])
    if request.get("cardTransactionType"):
        tests.append(lambda entry: entry["direction"] == request["cardTransactionType"])
    if request.get("amountFrom") is not None:
        low = parse_limit(request["amountFrom"])
        tests.append(lambda entry: entry["amountPaise"] >= low)
    if request.get("amountTo") is not None:
        high = parse_limit(request["amountTo"])
        tests.append(lambda entry: entry["amountPaise"] <= high)
    if request.get("txnDateFrom"):
        start = lenient_instant(request["txnDateFrom"])
        tests.append(lambda entry: entry["at"] >= start)
    if request.get("txnDateTo"):
        end = lenient_instant(request["txnDateTo"])
        tests.append(lambda entry: entry["at"] <= end)
    if not tests:
        return None
    return lambda entry: all(test(entry) for test in tests)


def list_transactions(world: World, wallet: dict, request: dict) -> dict:
    page = int(request.get("page", 0))
    size = int(request.get("size", DEFAULT_PAGE_SIZE))
    count = wallet.get("ledgerCount", 0)
    matches = _matcher(request)
    if matches is None:
        entries = []
        for entry in ledger.newest(world.tx, wallet["enKashCardId"], count, skip=page * size):
            entries.append(entry)
            if len(entries) == size:
                break
        total = count
    else:
        found = [entry for entry in ledger.newest(world.tx, wallet["enKashCardId"], count) if matches(entry)]
        entries, total = found[page * size:(page + 1) * size], len(found)
    return {
        "enKashCardId": wallet["enKashCardId"],
        "page": page,
        "size": size,
        "totalElements": total,
        "totalPages": (total + size - 1) // size,
        "otbBalance": rupees(wallet.get("balancePaise", 0)),
        "transactions": [transaction_view(entry, wallet) for entry in entries],
    }
