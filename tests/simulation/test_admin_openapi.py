"""docs/admin-openapi.yaml is valid OpenAPI, names every admin and tester route, and matches real answers."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema_rs
import pytest
import yaml
from openapi_spec_validator import validate

from .helpers import USER, WALLET

SPEC_PATH = Path(__file__).resolve().parents[2] / "docs" / "admin-openapi.yaml"


@pytest.fixture(scope="module")
def spec() -> dict:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def _shape(path: str) -> str:
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path)


def test_admin_spec_is_valid_openapi(spec):
    validate(spec)


def test_every_route_is_documented_and_every_documented_route_exists(app, spec):
    served = {(_shape(rule.rule), method.lower()) for rule in app.url_map.iter_rules()
              if rule.rule.startswith(("/__admin", "/__mock")) for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(_shape(path), method) for path, item in spec["paths"].items()
                  for method in item if method in ("get", "put", "post", "delete", "patch")}
    assert served == documented


def _schema(spec: dict, path: str, method: str, status: int):
    response = spec["paths"][path][method]["responses"][str(status)]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    schema = response["content"]["application/json"]["schema"]
    return jsonschema_rs.validator_for({"components": spec["components"], **schema})


def test_real_answers_match_the_documented_schemas(api, spec):
    token = api.token()
    api.details(token)
    api.client.get("/nowhere")
    wallet, user = "{enKashCardId}", "{username}"
    tour = [  # (documented path, actual URL or None when equal, method, JSON body)
        ("/__admin/health", None, "get", None), ("/__admin/health/ready", None, "get", None),
        ("/__admin/sessions", None, "get", None),
        ("/__admin/state", None, "get", None), ("/__admin/snapshots", None, "post", None),
        ("/__admin/snapshots", None, "get", None), ("/__admin/requests", None, "get", None),
        ("/__admin/requests/unmatched", None, "get", None),
        ("/__admin/faults", None, "put", {"rules": [{"operationId": "getToken", "kind": "latency", "ms": 1}]}),
        ("/__admin/faults", None, "get", None), ("/__admin/faults", None, "delete", None),
        ("/__admin/clock", None, "put", {"now": "2026-01-05T05:30:00Z"}),
        ("/__admin/clock/advance", None, "post", {"seconds": 5}),
        ("/__admin/otps", f"/__admin/otps?enKashCardId={WALLET}", "get", None),
        (f"/__admin/tnc/{wallet}/accept", f"/__admin/tnc/{WALLET}/accept", "post", None),
        (f"/__admin/users/{user}/unlock", f"/__admin/users/{USER}/unlock", "post", None),
        ("/__admin/tokens/expire", None, "post", {"username": USER}),
        ("/__admin/tokens/revoke", None, "post", {"access_token": token}),
        (f"/__admin/vkyc/{wallet}/decision", "/__admin/vkyc/NOPE/decision", "post", {"outcome": "APPROVED"}),
        ("/__admin/requests", None, "delete", None), ("/__admin/reset", None, "post", None),
    ]
    for path, url, method, body in tour:
        response = api.admin(method.upper(), (url or path).removeprefix("/__admin"), json=body)
        _schema(spec, path, method, response.status_code).validate(response.json)
