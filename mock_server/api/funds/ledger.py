"""The ledger: every balance change is an entry written in the same store transaction as the balance.

An owner (wallet, card account, merchant) is a document holding `balancePaise` and `ledgerCount`; its
entries live in page documents of PAGE_SIZE entries keyed `owner:page`, oldest first. Reading the newest
N entries touches at most N / PAGE_SIZE + 1 documents however long the history (the session may hold
100,000 transactions: nothing here scans them). A `txn` document maps each transaction id to its entry.
Each wallet entry also writes its CARD_TRANSACTION webhook event, in the same transaction (card_events).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...kernel.ids import new_id
from ...store import Transaction
from . import card_events

__all__ = ["PAGE_SIZE", "entry_by_id", "newest", "post", "transfer"]

PAGE_SIZE = 32
PAGE_KIND = "ledger_page"


def _page_key(owner_id: str, page: int) -> str:
    return f"{owner_id}:{page:09d}"


def post(tx: Transaction, owner_kind: str, owner: dict, owner_id: str, direction: str, amount: int,
         at: float, *, announce: bool = True, **details) -> dict:
    """Append one entry and move the owner's balance; writes the owner, its page and the id index.

    A wallet entry also writes its CARD_TRANSACTION event unless `announce` is False (the seed's
    opening balances: state to start from, not something that happened)."""
    if amount <= 0:
        raise ValueError("a ledger entry moves a positive amount")
    balance = owner.get("balancePaise", 0) + (amount if direction == "CR" else -amount)
    if balance < 0:  # callers refuse first; reaching this is a bug, and raising rolls the transaction back
        raise RuntimeError(f"ledger: {owner_id} would go below zero")
    sequence = owner.get("ledgerCount", 0)
    entry = {
        "id": new_id("ECT", 10, lambda candidate: tx.get("txn", candidate) is not None),
        "seq": sequence, "owner": owner_id, "ownerKind": owner_kind, "direction": direction,
        "amountPaise": amount, "balancePaise": balance, "at": at, "status": "SUCCESS", **details,
    }
    key = _page_key(owner_id, sequence // PAGE_SIZE)
    page = tx.get(PAGE_KIND, key) if sequence % PAGE_SIZE else None
    entries = (page or {"entries": []})["entries"]
    entries.append(entry)
    tx.put(PAGE_KIND, key, {"entries": entries})
    tx.put("txn", entry["id"], {"owner": owner_id, "seq": sequence})
    owner["balancePaise"], owner["ledgerCount"] = balance, sequence + 1
    tx.put(owner_kind, owner_id, owner)
    if announce and owner_kind == "wallet":  # a card transaction (card-account and merchant legs are not)
        card_events.announce(tx, entry, owner)
    return entry


def transfer(tx: Transaction, source: tuple[str, dict, str], target: tuple[str, dict, str], amount: int,
             at: float, *, announce: bool = True, **details) -> tuple[dict, dict]:
    """Money from one owner to another: a DR and a CR entry that name each other (money is conserved)."""
    source_kind, source_doc, source_id = source
    target_kind, target_doc, target_id = target
    debit = post(tx, source_kind, source_doc, source_id, "DR", amount, at, announce=announce,
                 counterparty=target_id, **details)
    credit = post(tx, target_kind, target_doc, target_id, "CR", amount, at, announce=announce,
                  counterparty=source_id, pairedWith=debit["id"], **details)
    return debit, credit


def newest(tx: Transaction, owner_id: str, count: int, skip: int = 0) -> Iterator[dict]:
    """Entries newest first, starting `skip` entries from the newest, reading one page at a time."""
    position = count - 1 - skip
    while position >= 0:
        page_number = position // PAGE_SIZE
        page = tx.get(PAGE_KIND, _page_key(owner_id, page_number)) or {"entries": []}
        entries = page["entries"]
        for index in range(position - page_number * PAGE_SIZE, -1, -1):
            if index < len(entries):
                yield entries[index]
        position = page_number * PAGE_SIZE - 1


def entry_by_id(tx: Transaction, txn_id: str) -> dict | None:
    where = tx.get("txn", txn_id)
    if where is None:
        return None
    page = tx.get(PAGE_KIND, _page_key(where["owner"], where["seq"] // PAGE_SIZE)) or {"entries": []}
    index = where["seq"] % PAGE_SIZE
    return page["entries"][index] if index < len(page["entries"]) else None
