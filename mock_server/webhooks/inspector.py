"""Rows of the inspector's "Webhook deliveries" table: newest first, the last attempt summarised."""

from __future__ import annotations

from ..kernel.clock import to_iso
from ..store import Transaction

__all__ = ["recent_deliveries"]


def recent_deliveries(tx: Transaction, limit: int) -> list[dict]:
    deliveries = sorted((d for _, d in tx.items("webhook_delivery")),
                        key=lambda d: (d["createdAt"], d["deliveryId"]), reverse=True)[:limit]
    rows = []
    for delivery in deliveries:
        last = delivery["attempts"][-1] if delivery["attempts"] else {}
        rows.append({
            "deliveryId": delivery["deliveryId"], "createdAt": to_iso(delivery["createdAt"]),
            "eventType": delivery["eventType"], "webhookUrl": delivery["webhookUrl"], "status": delivery["status"],
            "attempts": len(delivery["attempts"]),
            "last": (f"{last.get('status') or last.get('outcome')} in {last.get('latencyMs')} ms" if last else ""),
            "excerpt": (last.get("excerpt") or last.get("error") or "")[:120],
        })
    return rows
