"""The fault switches themselves: off by default, unknown names refused before the server starts."""

from __future__ import annotations

from mock_server.cli import main as mock_main
from mock_server.config import MockConfig
from mock_server.planted_faults import FAULTS, shape_response

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
    assert mock_main(["serve", "--store", "memory", "--faults", "no_such_fault"]) == 2
    error = capsys.readouterr().err
    assert "no_such_fault" in error and all(name in error for name in FAULTS)
