"""Webhook checks, registered with `@contract_check`; called by the events rule (scope "stateful")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ...errors import Problem
from ...registration import contract_check

__all__ = ["EVENT_CHECKS", "every_ledger_entry_has_an_event", "webhook_matches_spec"]


@contract_check(evidence="operation", scope="stateful")
def webhook_matches_spec(what: str, problems: list[str]) -> Problem | None:
    """Every delivery received validates against openapi.yaml's `webhooks` entry of its event type, headers
    included."""
    if not problems:
        return None
    return Problem(f"{what} as openapi.yaml's webhooks section describes it", "; ".join(problems[:5]))


def _amount(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (ArithmeticError, ValueError, TypeError):
        return None


@contract_check(evidence="operation", scope="stateful")
def every_ledger_entry_has_an_event(entries: Iterable[Mapping[str, Any]], events: Mapping[str, Mapping[str, Any]],
                                    history: set[str]) -> Problem | None:
    """Each ledger entry has exactly one CARD_TRANSACTION event (same id, amount, direction); no event lacks one.

    `entries`: the wallet's entries made since the receiver was registered; `events`: the CARD_TRANSACTION
    bodies received for the wallet, by event id (a retry repeats its event id); `history`: every entry id
    the wallet's transaction/all shows."""
    by_entry: dict[str, list[Mapping[str, Any]]] = {}
    for body in events.values():
        by_entry.setdefault(str(body.get("enKashCardTransactionId")), []).append(body)
    for entry in entries:
        entry_id = str(entry.get("enKashCardTransactionId"))
        found = by_entry.get(entry_id, [])
        shown = f"{entry.get('cardTransactionType')} {entry.get('principalAmount')}"
        if len(found) != 1:
            return Problem(f"one CARD_TRANSACTION event for entry {entry_id} ({shown})",
                           f"{len(found)} event(s) with that enKashCardTransactionId")
        body = found[0]
        if (body.get("cardTransactionType"), _amount(body.get("principalAmount"))) != (
                entry.get("cardTransactionType"), _amount(entry.get("principalAmount"))):
            return Problem(f"event for {entry_id}: {shown}",
                           f"event says {body.get('cardTransactionType')} {body.get('principalAmount')}")
    for entry_id in by_entry:
        if entry_id not in history:
            return Problem(f"an entry {entry_id} in transaction/all for every CARD_TRANSACTION event",
                           "no such entry in the wallet's history")
    return None


EVENT_CHECKS = (webhook_matches_spec, every_ledger_entry_has_an_event)
