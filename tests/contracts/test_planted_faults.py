"""The fault switches themselves: off by default, unknown names refused before the server starts."""

from __future__ import annotations

from mock_server.cli import main as mock_main
from mock_server.config import MockConfig
from mock_server.selftest import PLANTED as FAULTS
from mock_server.selftest import shape_response

WALLET = {"response_code": 0, "response_message": "Success", "payload": {"otbBalance": 0, "kycStatus": "PENDING"}}


def test_no_fault_changes_nothing():
    status, body = shape_response(MockConfig(), 200, {**WALLET, "payload": dict(WALLET["payload"])})
    assert (status, body) == (200, WALLET)


def test_response_faults_break_what_they_name():
    config = MockConfig(faults=("drop_kyc_status", "otb_balance_string", "business_failure_500"))
    _, body = shape_response(config, 200, {**WALLET, "payload": dict(WALLET["payload"])})
    assert "kycStatus" not in body["payload"] and body["payload"]["otbBalance"] == "0"
    status, _ = shape_response(config, 200, {"response_code": 1, "response_message": "m", "payload": "m"})
    assert status == 500


def test_unknown_fault_is_a_usage_error(capsys):
    assert mock_main(["serve", "--store", "memory", "--fault", "no_such_fault"]) == 2
    error = capsys.readouterr().err
    assert "no_such_fault" in error and all(name in error for name in FAULTS)


def test_every_own_contract_check_is_proven_by_a_planted_fault():
    """The generated test (test_fault_switches.py) runs each planted fault; here: none of our checks is left out."""
    from contracts.checks import CHECKS, checks_with

    caught = {fault.caught_by for fault in FAULTS.values()}
    assert caught <= set(CHECKS), "a planted fault names a check the registry does not know"
    own = {check.name for check in CHECKS.values() if check.scope != "builtin"}
    assert own - caught == set()
    assert len(own) == len(CHECKS) - len(checks_with(scope="builtin")) >= 9
