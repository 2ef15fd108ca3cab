"""openapi.yaml is valid, marks its evidence, has examples that validate and links for stateful testing."""

import jsonschema_rs
import pytest
import yaml
from flask import Flask
from openapi_spec_validator import validate

from mock_server.api import load_registry
from mock_server.api.registry import OperationRegistryError
from mock_server.checks import iter_examples
from mock_server.config import DEFAULT_SPEC_PATH, load_config
from mock_server.http.routing import register_operations
from mock_server.http.security import SECURITY
from mock_server.http.spec import SPEC_URI, load_spec
from mock_server.state import MockState
from mock_server.store import MemoryStore

SPEC = load_spec(str(DEFAULT_SPEC_PATH))
RAW = yaml.safe_load(DEFAULT_SPEC_PATH.read_text())


def test_spec_is_valid_openapi_31():
    assert RAW["openapi"].startswith("3.1")
    validate(RAW)


def test_two_servers_auth_and_wallet_hosts():
    urls = [server["url"] for server in RAW["servers"]]
    assert urls == ["https://ekpayout-uat.enkash.in", "https://pay-en-uat.enkash.in"]
    assert RAW["paths"]["/oauth/token"]["servers"][0]["url"] == urls[0]


@pytest.mark.parametrize("operation", SPEC.operations, ids=lambda op: op.operation_id)
def test_every_operation_states_its_evidence(operation):
    raw = SPEC.pointer(operation.pointer)
    assert raw["x-enkash-evidence"] in {"documented", "inferred"}
    if raw["x-enkash-evidence"] == "documented":
        assert raw["x-enkash-source"].startswith("https://docs.enkash.com/")


def _rule_nodes(node, path=""):
    if isinstance(node, dict):
        if {"enum", "pattern", "const"} & node.keys():
            yield path, node
        for key, value in node.items():
            yield from _rule_nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _rule_nodes(value, f"{path}/{index}")


def test_every_schema_enum_and_pattern_states_its_evidence():
    for name, schema in RAW["components"]["schemas"].items():
        assert "x-enkash-evidence" in schema, name
    unmarked = [path for path, node in _rule_nodes(RAW["components"]["schemas"]) if "x-enkash-evidence" not in node]
    assert unmarked == []


def test_every_request_example_validates_against_its_schema():
    registry = jsonschema_rs.Registry([(SPEC_URI, SPEC.document)], draft=jsonschema_rs.Draft202012)
    examples = list(iter_examples(SPEC))
    assert len(examples) >= 8  # one per body operation at least
    for _, where, pointer, value in examples:
        validator = jsonschema_rs.validator_for({"$ref": SPEC_URI + pointer}, registry=registry)
        assert [e.message for e in validator.iter_errors(value)] == [], where


def test_an_invalid_example_would_be_caught():
    registry = jsonschema_rs.Registry([(SPEC_URI, SPEC.document)], draft=jsonschema_rs.Draft202012)
    _, _, pointer, value = next(iter_examples(SPEC))
    validator = jsonschema_rs.validator_for({"$ref": SPEC_URI + pointer}, registry=registry)
    assert not validator.is_valid({**value, "clientId": 42})


def test_links_chain_onboarding_for_stateful_testing():
    def linked(from_response: dict) -> set[str]:
        return {link["operationId"] for link in from_response.get("links", {}).values()}

    responses = RAW["components"]["responses"]
    paths = RAW["paths"]
    base = "/api/v0/partner/enKashCard"
    assert "generateOtp" in linked(responses["WalletCreated"])
    assert "minKyc" in linked(paths[f"{base}/otp"]["post"]["responses"]["200"])
    assert "getWalletDetails" in linked(paths[f"{base}/min-kyc"]["post"]["responses"]["200"])
    assert "getVkycLink" in linked(paths[f"{base}/wallet-details"]["post"]["responses"]["200"])
    assert "getVkycStatus" in linked(paths[f"{base}/vkyc/link"]["get"]["responses"]["200"])


def test_security_basic_on_token_and_bearer_plus_partner_header_elsewhere():
    for operation in SPEC.operations:
        if operation.operation_id == "getToken":
            assert operation.security == ("clientBasic",)
        else:
            assert operation.security == ("bearerAuth",)
            first = operation.parameters[0]
            assert (first.name, first.location, first.required) == ("partnerId", "header", True)


def test_start_up_fails_clearly_when_an_operation_has_no_handler():
    state = MockState.build(load_config(), SPEC, MemoryStore())
    registry = load_registry().without("minKyc")
    with pytest.raises(OperationRegistryError, match=r"minKyc \(POST /api/v0/partner/enKashCard/min-kyc\)"):
        register_operations(Flask("t"), state, registry, SECURITY)


def test_check_spec_command_passes(capsys):
    from mock_server.cli import main

    assert main(["check-spec"]) == 0
    assert "every example validates" in capsys.readouterr().out
