"""/__admin/faults: the caller's session's fault rules (format and kinds in mock_server/simulation/faults.py)."""

from __future__ import annotations

from ..http.errors import ApiError
from ..simulation.faults import FaultRuleError, parse_rules
from .base import admin_blueprint, body, caller_session, json_out, mock_state, sim

__all__: list[str] = []


@admin_blueprint.get("/faults")
def list_faults():
    doc = sim().rules(mock_state(), caller_session())
    return json_out({"rules": doc.get("rules", []), "counts": doc.get("counts", {})})


@admin_blueprint.put("/faults")
def set_faults():
    try:
        rules = parse_rules(body())
    except FaultRuleError as error:
        raise ApiError("admin_bad_request", detail=str(error)) from error
    sim().save_rules(mock_state(), caller_session(), rules)
    return json_out({"rules": rules})


@admin_blueprint.delete("/faults")
def clear_faults():
    sim().save_rules(mock_state(), caller_session(), [])
    return json_out({"rules": []})
