"""/__admin sessions, snapshots and state export/import.

Snapshots live in the store under the reserved session `__snapshots__`, so they survive restarts
with the sqlite store and every worker process can restore what another one saved.
"""

from __future__ import annotations

import secrets
import time

from ..http.errors import ApiError
from ..kernel.clock import ClockState, to_iso
from .base import RESERVED_PREFIX, admin_blueprint, body, caller_session, json_out, mock_state, sim
from .state_shape import StateShapeError, check_state

__all__ = ["SNAPSHOT_SESSION", "STATE_FORMAT", "validate_documents"]

SNAPSHOT_SESSION = "__snapshots__"
STATE_FORMAT = "enkash-mock-state/1"


@admin_blueprint.get("/sessions")
def list_sessions():
    sessions = [s for s in mock_state().store.sessions() if not s.startswith(RESERVED_PREFIX)]
    return json_out({"sessions": sessions})


@admin_blueprint.get("/state")
def export_state():
    session = caller_session()
    with mock_state().world(session, write=False):
        pass  # seeds a session never used before, so its export is the seed and not nothing
    return json_out(_export(session))


@admin_blueprint.put("/state")
def import_state():
    session = caller_session()
    documents = validate_documents(body().get("documents"))
    mock_state().store.replace(session, documents)
    return json_out({"status": "imported", "session": session, "documents": _count(documents)})


@admin_blueprint.post("/snapshots")
def take_snapshot():
    session = caller_session()
    snapshot_id = f"snap-{secrets.token_hex(6)}"
    state_doc = _export(session)
    record = {"id": snapshot_id, "session": session, "createdAt": to_iso(time.time()), "state": state_doc}
    with mock_state().store.transaction(SNAPSHOT_SESSION) as tx:
        tx.put("snapshot", snapshot_id, record)
    return json_out({"id": snapshot_id, "session": session, "createdAt": record["createdAt"]}, 201)


@admin_blueprint.get("/snapshots")
def list_snapshots():
    with mock_state().store.transaction(SNAPSHOT_SESSION, write=False) as tx:
        found = [{k: record[k] for k in ("id", "session", "createdAt")} for _, record in tx.items("snapshot")]
    return json_out({"snapshots": found})


@admin_blueprint.post("/snapshots/<snapshot_id>/restore")
def restore_snapshot(snapshot_id: str):
    """Restores into the caller's session, which may differ from the one the snapshot was taken of."""
    session = caller_session()
    record = _snapshot(snapshot_id)
    mock_state().store.replace(session, record["state"]["documents"])
    sim().journal.clear(session)
    return json_out({"status": "restored", "id": snapshot_id, "session": session})


@admin_blueprint.delete("/snapshots/<snapshot_id>")
def delete_snapshot(snapshot_id: str):
    _snapshot(snapshot_id)
    with mock_state().store.transaction(SNAPSHOT_SESSION) as tx:
        tx.delete("snapshot", snapshot_id)
    return json_out({"status": "deleted", "id": snapshot_id})


def _snapshot(snapshot_id: str) -> dict:
    with mock_state().store.transaction(SNAPSHOT_SESSION, write=False) as tx:
        record = tx.get("snapshot", snapshot_id)
    if record is None:
        raise ApiError("admin_not_found", detail=f"no snapshot {snapshot_id}")
    return record


def _export(session: str) -> dict:
    documents = mock_state().store.export(session)
    return {"format": STATE_FORMAT, "session": session, "exportedAt": to_iso(time.time()), "documents": documents}


def validate_documents(documents) -> dict:
    """`{kind: {key: object}}`; a state without the session's meta gets the real clock."""
    if not isinstance(documents, dict) or not documents:
        raise ApiError("admin_bad_request",
                       detail='expected {"documents": {kind: {key: {...}}}} (see GET /__admin/state)')
    for kind, bucket in documents.items():
        if not isinstance(bucket, dict) or not all(isinstance(v, dict) for v in bucket.values()):
            raise ApiError("admin_bad_request", detail=f"documents.{kind} must map keys to JSON objects")
    for needed in ("partner", "user", "wallet"):
        documents.setdefault(needed, {})
    meta = documents.setdefault("meta", {})
    meta.setdefault("session", {"clock": ClockState().to_dict()})
    state = mock_state()
    try:
        check_state(documents, state.seed_documents())
    except StateShapeError as error:
        raise ApiError("admin_bad_request", detail=f"state not imported: {error}") from error
    return documents


def _count(documents: dict) -> dict:
    return {kind: len(bucket) for kind, bucket in documents.items()}
