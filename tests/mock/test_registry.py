"""The operation registry: the one place tying an operationId to its handler and write mode, checked
against openapi.yaml both ways at start-up (and by `enkash-mock check-spec`)."""

from __future__ import annotations

import types

import pytest

from mock_server import create_app
from mock_server.api import AREAS, load_registry
from mock_server.api.registry import OperationRegistryError, collect, operation
from mock_server.config import DEFAULT_SPEC_PATH
from mock_server.http.spec import load_spec

SPEC = load_spec(str(DEFAULT_SPEC_PATH))


def _area(name: str, **handlers) -> types.ModuleType:
    module = types.ModuleType(name)
    for attribute, handler in handlers.items():
        handler.__module__ = name
        setattr(module, attribute, handler)
    return module


def test_every_spec_operation_has_exactly_one_handler_and_a_write_mode():
    registry = load_registry()
    assert registry.problems(SPEC) == []
    assert {op.operation_id for op in SPEC.operations} == set(registry.registrations)
    assert registry["getToken"].writes == "on-demand"
    assert registry["getWalletDetails"].writes is False and registry["createWallet"].writes is True


def test_a_spec_operation_without_a_handler_stops_start_up(monkeypatch):
    monkeypatch.setattr("mock_server.app.load_registry", lambda: load_registry().without("getVkycStatus"))
    with pytest.raises(OperationRegistryError, match=r"getVkycStatus \(GET /api/v0/partner/enKashCard/vkyc/status\) "
                                                     r"is in openapi.yaml but no @operation handles it"):
        create_app()


def test_a_handler_for_an_operation_the_spec_lacks_stops_start_up(monkeypatch):
    @operation("pingMock", writes=False)
    def ping(call):
        return {}

    extra = collect([_area("tests.fake_area", ping=ping)])
    both = type(extra)({**load_registry().registrations, **extra.registrations})
    monkeypatch.setattr("mock_server.app.load_registry", lambda: both)
    with pytest.raises(OperationRegistryError, match=r"tests\.fake_area\..*ping handles 'pingMock', "
                                                     r"which openapi\.yaml does not define"):
        create_app()


def test_two_handlers_claiming_one_operation_are_both_named():
    @operation("getWalletDetails", writes=False)
    def first(call):
        return {}

    @operation("getWalletDetails", writes=False)
    def second(call):
        return {}

    with pytest.raises(OperationRegistryError, match=r"two handlers claim 'getWalletDetails': "
                                                     r"tests\.one\..*first and tests\.two\..*second"):
        collect([_area("tests.one", first=first), _area("tests.two", second=second)])


def test_a_write_mode_is_one_of_three():
    with pytest.raises(ValueError, match="writes must be one of"):
        operation("getWalletDetails", writes=1)


def test_check_spec_names_a_mismatch(monkeypatch, capsys):
    from mock_server.cli import main

    monkeypatch.setattr("mock_server.checks.load_registry", lambda: load_registry().without("minKyc"))
    assert main(["check-spec"]) == 1
    assert "minKyc (POST /api/v0/partner/enKashCard/min-kyc) is in openapi.yaml" in capsys.readouterr().err


def test_areas_are_listed_once_each():
    assert len(AREAS) == len(set(AREAS)) and all(name.endswith(".handlers") for name in AREAS)


def test_the_spec_carries_no_mock_only_hints():
    assert "x-mock-" not in DEFAULT_SPEC_PATH.read_text(encoding="utf-8")
