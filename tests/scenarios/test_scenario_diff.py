"""`enkash-contracts diff`: two targets or two saved runs, compared per step."""

from __future__ import annotations

import json
import re
import uuid

import pytest

from contracts.cli import main
from contracts.targets import start_mock

from .support import ROOT, har_of_session

PROBE = """\
name: fixed OTP probe
defaults: {headers: {Authorization: "Bearer ${token}", partnerId: "${target:partner_id}"}}
steps:
  - request:
      operation: getToken
      headers: {Authorization: "${target:basic_auth}"}
      form: {username: "${env:ENKASH_USERNAME}", password: "${env:ENKASH_PASSWORD}", grant_type: password,
             clientId: "${target:client_id}"}
    capture: {token: $.access_token}
  - request:
      operation: generateOtp
      body: {cardOtpAction: TRANSACTION_OTP, cardAccountId: "${target:card_account_id}", enKashCardId: EKCBEFFEC1}
    capture: {otp_ref: $.payload.otpReferenceId}
  - name: the documented sample OTP
    request:
      operation: minKyc
      body: {companyId: "${target:company_id}", cardAccountId: "${target:card_account_id}", enKashCardId: EKCBEFFEC1,
             otp: "123456", otpReferenceId: "${otp_ref}"}
"""


@pytest.mark.e2e  # starts mock processes of its own
def test_two_mocks_with_different_otp_config_differ_at_the_otp_step(tmp_path, capsys):
    probe = tmp_path / "probe.yaml"
    probe.write_text(PROBE)
    code = main(["diff", str(probe), "--left", "mock", "--left-mock-arg=--fixed-otp=123456", "--right", "mock"])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "step 3 fixed OTP probe / the documented sample OTP" in out
    assert "response_code: 0 != 1" in out and "$.payload: type object != string" in out
    assert "1 step(s) differ" in out  # tokens and references differ in value only: ignored


def test_same_scenario_on_two_equal_targets_has_no_differences(mock_url, capsys):
    onboarding = str(ROOT / "scenarios" / "onboarding_min_kyc.yaml")
    code = main(["diff", onboarding, "--left", "mock", "--left-api-url", mock_url, "--left-auth-url", mock_url,
                 "--right", "mock", "--right-api-url", mock_url, "--right-auth-url", mock_url])
    assert code == 0 and "no differences" in capsys.readouterr().out


@pytest.mark.e2e  # starts mock processes of its own
def test_mock_against_a_sandbox_like_target_skips_admin_steps_on_both_sides(capsys, monkeypatch):
    """The right side is a 'uat' target (a fixed-OTP mock, so ENKASH_OTP is known): no admin API there."""
    for name, value in {"ENKASH_USERNAME": "6001020040", "ENKASH_PASSWORD": "Test@1234567",
                        "ENKASH_CLIENT_ID": "CEKHZH0UHW", "ENKASH_PARTNER_ID": "CRM338L2H",
                        "ENKASH_COMPANY_ID": "CEKQ08TRRG", "ENKASH_CARD_ACCOUNT_ID": "CAC7975",
                        "ENKASH_OTP": "123456"}.items():
        monkeypatch.setenv(name, value)
    onboarding = str(ROOT / "scenarios" / "onboarding_min_kyc.yaml")
    with start_mock("--fixed-otp", "123456") as url:
        code = main(["diff", onboarding, "--left", "mock", "--right", "uat", "--right-api-url", url,
                     "--right-auth-url", url])
    assert code == 0, capsys.readouterr().out


def test_two_saved_reports(tmp_path, target_args, capsys):
    probe = tmp_path / "probe.yaml"
    probe.write_text(PROBE)
    main(["replay", str(probe), *target_args, "--json-report", str(tmp_path / "a.json")])
    main(["replay", str(probe), *target_args, "--json-report", str(tmp_path / "b.json")])
    capsys.readouterr()
    assert main(["diff", str(tmp_path / "a.json"), str(tmp_path / "b.json")]) == 0


def test_two_recordings_that_differ(tmp_path, mock_url, capsys):
    paths = []
    for name in ("a", "b"):
        har, _ = har_of_session(mock_url, f"diff-{uuid.uuid4().hex[:8]}")
        if name == "b":  # the second sandbox answers the OTP step with a business failure
            kyc = next(e for e in har["log"]["entries"] if e["request"]["url"].endswith("/min-kyc"))
            kyc["response"]["content"]["text"] = json.dumps(
                {"response_code": 1, "response_message": "OTP expired", "payload": "OTP expired"})
        paths.append(tmp_path / f"{name}.har")
        paths[-1].write_text(json.dumps(har))
    assert main(["diff", *map(str, paths)]) == 1
    out = capsys.readouterr().out
    assert "POST /api/v0/partner/enKashCard/min-kyc" in out and "response_code: 0 != 1" in out
    assert "1 step(s) differ" in out


def test_diff_usage_errors(tmp_path, capsys):
    assert main(["diff", "one.yaml"]) == 2
    bad = tmp_path / "x.json"
    bad.write_text("[]")
    assert main(["diff", str(bad), str(bad)]) == 2
    assert "neither a replay report" in capsys.readouterr().err


def test_diff_numbers_steps_as_replay_does_admin_steps_included():
    from contracts.scenarios.diffing import diff_observations, observations_from_results
    from contracts.scenarios.results import ScenarioResult, StepResult

    def run(code: int) -> list:
        steps = [StepResult(1, "token", observed={"status": 200}), StepResult(2, "read the OTP", admin=True),
                 StepResult(3, "min KYC", observed={"status": 200, "response_code": code})]
        return observations_from_results([ScenarioResult("s", "s.yaml", "mock", steps)])

    [only] = diff_observations(run(0), run(1))
    assert (only.index, only.name) == (3, "s / min KYC")  # replay prints "FAIL  3 min KYC" for this step


@pytest.mark.parametrize(("command", "wanted"), [
    ("diff", ["e.g. --left-mock-arg=--fixed-otp=123456", "e.g. --right-mock-arg=--fixed-otp=123456"]),
    ("record", ["default: the real UAT host https://ekpayout-uat.enkash.in",
                "default: the real UAT host https://pay-en-uat.enkash.in"]),
])
def test_help_examples_name_real_flags_and_defaults(command, wanted, capsys):
    assert main([command, "--help"]) == 0
    text = re.sub(r"-\s+", "-", " ".join(capsys.readouterr().out.split()))  # argparse wraps lines, also at a hyphen
    for phrase in wanted:
        assert phrase in text
