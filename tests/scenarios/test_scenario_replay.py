"""`enkash-contracts replay`: the scenario library passes on the mock; failures are reported and stop."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from contracts.cli import main
from contracts.targets import free_port, start_mock

from .support import LIBRARY, ROOT, SECRETS

ONBOARDING = ROOT / "scenarios" / "onboarding_min_kyc.yaml"


def test_the_whole_library_passes_on_the_mock(tmp_path, target_args, capsys):
    junit, report = tmp_path / "junit.xml", tmp_path / "report.json"
    code = main(["replay", *map(str, LIBRARY), *target_args, "--junit", str(junit), "--json-report", str(report)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"{len(LIBRARY)} passed, 0 failed" in out
    assert "\x1b[" not in out and "\r" not in out  # not a terminal: plain lines for CI logs
    suites = ET.parse(junit).getroot().findall("testsuite")
    assert len(suites) == len(LIBRARY) and all(s.get("failures") == "0" and s.get("errors") == "0" for s in suites)
    written = report.read_text() + junit.read_text() + out
    assert not [name for name, value in SECRETS.items() if value in written]


def _broken(tmp_path, change) -> str:
    data = yaml.safe_load(ONBOARDING.read_text())
    change(data["steps"])
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return str(path)


def _expect_full_kyc(steps):
    steps[4]["expect"]["json"]["$.payload.kycStatus"] = "FULL_KYC"


def test_a_failed_expectation_shows_expected_and_actual_and_stops_the_scenario(tmp_path, target_args, capsys):
    assert main(["replay", _broken(tmp_path, _expect_full_kyc), *target_args]) == 1
    out = capsys.readouterr().out
    assert "$.payload.kycStatus: expected 'FULL_KYC', got 'MIN_KYC'" in out
    assert re.search(r"FAIL +5 complete minimum KYC", out)
    assert " 6 the wallet now reads" not in out  # stopped at the first failed step


def test_keep_going_runs_the_remaining_steps(tmp_path, target_args, capsys):
    assert main(["replay", _broken(tmp_path, _expect_full_kyc), *target_args, "--keep-going"]) == 1
    assert re.search(r"PASS +7 holder details are locked", capsys.readouterr().out)


def test_verbose_shows_every_check_with_secrets_redacted(target_args, capsys):
    assert main(["replay", str(ONBOARDING), *target_args, "-v"]) == 0
    out = capsys.readouterr().out
    assert "ok   $.payload.kycStatus: expected 'MIN_KYC', got 'MIN_KYC'" in out
    assert "$.access_token: expected type string, got string '<redacted>'" in out


def test_an_unset_variable_is_caught_when_the_file_loads_not_half_way_through_a_run(tmp_path, target_args, capsys):
    def drop_capture(steps):
        del steps[1]["capture"]
    path = _broken(tmp_path, drop_capture)
    assert main(["replay", path, *target_args]) == 2
    captured = capsys.readouterr()
    assert re.search(rf"{re.escape(path)}:\d+: steps\[2\]\.request\.body\.enKashCardId: variable 'wallet' is not set "
                     r"by vars or an earlier step's capture", captured.err), captured.err
    assert "scenario:" not in captured.out  # nothing was sent


@pytest.mark.parametrize(("argv", "message"), [
    (["replay", "nope.yaml"], "cannot read"),
    (["replay", str(ONBOARDING), "--target", "uat"], "missing credentials for the UAT target"),
    (["replay", str(ONBOARDING), "--target", "prod"], "invalid choice"),
])
def test_usage_errors_exit_2(argv, message, capsys, monkeypatch):
    for name in ("ENKASH_USERNAME", "ENKASH_PASSWORD", "ENKASH_CLIENT_ID", "ENKASH_PARTNER_ID"):
        monkeypatch.delenv(name, raising=False)
    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.e2e  # starts mock processes of its own
def test_on_a_target_without_admin_api_admin_steps_use_their_alternative_or_skip(tmp_path, monkeypatch, capsys):
    """A 'uat' target (here a mock with a fixed OTP, so ENKASH_OTP is known): no admin calls are made."""
    env = {"ENKASH_USERNAME": "6001020040", "ENKASH_PASSWORD": "Test@1234567", "ENKASH_CLIENT_ID": "CEKHZH0UHW",
           "ENKASH_PARTNER_ID": "CRM338L2H", "ENKASH_COMPANY_ID": "CEKQ08TRRG", "ENKASH_CARD_ACCOUNT_ID": "CAC7975",
           "ENKASH_OTP": "123456"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with start_mock("--fixed-otp", "123456") as url:
        code = main(["replay", str(ONBOARDING), str(ROOT / "scenarios" / "lockout.yaml"), "--target", "uat",
                     "--auth-url", url, "--api-url", url])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "admin step replaced by its alternative" in out
    assert "SKIPPED lockout after failed logins: meant for mock, not uat" in out
    assert "/__admin" not in out


def test_an_unwritable_report_is_a_usage_error(tmp_path, target_args, capsys):
    code = main(["replay", str(ROOT / "scenarios" / "lockout.yaml"), *target_args,
                 "--json-report", str(tmp_path / "no" / "such" / "dir" / "r.json")])
    assert code == 2 and "cannot write the report" in capsys.readouterr().err


def test_an_unreachable_target_is_one_line_and_exit_2_not_a_failed_scenario(capsys):
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    assert main(["replay", str(ONBOARDING), "--auth-url", url, "--api-url", url]) == 2  # could not run
    captured = capsys.readouterr()
    assert captured.err.strip() == (f"enkash-contracts: cannot reach the mock auth host {url}: "
                                    "[Errno 111] Connection refused")
    assert "scenario:" not in captured.out


def _drop_holder_fields(steps):
    for name in ("firstName", "lastName", "city"):
        del steps[1]["request"]["body"][name]


def test_a_failed_step_shows_the_response_and_its_violations_in_console_and_reports(tmp_path, target_args, capsys):
    report, junit = tmp_path / "report.json", tmp_path / "junit.xml"
    code = main(["replay", _broken(tmp_path, _drop_holder_fields), *target_args, "--json-report", str(report),
                 "--junit", str(junit)])
    out = capsys.readouterr().out
    assert code == 1
    assert "status: expected 200, got 400" in out
    for field in ("firstName", "lastName", "city"):
        assert f"violation body.{field}: " in out
    assert re.search(r"response: \{\"response_code\": 400, .*\"violations\"", out)
    step = json.loads(report.read_text())["scenarios"][0]["steps"][1]
    assert len(step["violations"]) == 3 and '"response_code": 400' in step["response"]
    assert "violation body.firstName" in ET.parse(junit).getroot().find(".//failure").text
    assert "Test@1234567" not in out + report.read_text()
