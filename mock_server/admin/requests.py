"""/__admin/requests: the journal (this worker's), newest first, filtered."""

from __future__ import annotations

from flask import request

from ..http.errors import ApiError
from .base import admin_blueprint, json_out, sim

__all__: list[str] = []


def _filters() -> dict:
    args = request.args
    filters: dict = {"session": args.get("session"), "operation": args.get("operation")}
    for name in ("status", "limit"):
        if args.get(name) is not None:
            if not args[name].isdigit():
                raise ApiError("admin_bad_request", detail=f"query parameter {name} must be a whole number")
            filters[name] = int(args[name])
    return filters


@admin_blueprint.get("/requests")
def list_requests():
    entries = sim().journal.entries(**_filters())
    return json_out({"requests": [e.to_dict() for e in entries], "size": sim().journal.size})


@admin_blueprint.get("/requests/unmatched")
def unmatched_requests():
    entries = sim().journal.entries(unmatched=True, **_filters())
    return json_out({"requests": [e.to_dict() for e in entries], "size": sim().journal.size})


@admin_blueprint.delete("/requests")
def clear_requests():
    session = request.args.get("session")
    return json_out({"status": "cleared", "removed": sim().journal.clear(session)})
