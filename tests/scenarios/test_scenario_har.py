"""import-har and HAR replay: secrets scrubbed, real Enkash hosts sent to the target, values correlated."""

from __future__ import annotations

import json
import uuid

import yaml

from contracts.cli import main

from .support import har_of_session, run_lockout


def _har_file(tmp_path, mock_url, **kwargs):
    har, used = har_of_session(mock_url, f"har-{uuid.uuid4().hex[:8]}", **kwargs)
    path = tmp_path / "session.har"
    path.write_text(json.dumps(har), encoding="utf-8")
    return path, used


def test_import_har_writes_a_scenario_without_secrets_or_pii(tmp_path, mock_url):
    har, used = _har_file(tmp_path, mock_url)
    out = tmp_path / "scenario.yaml"
    assert main(["import-har", str(har), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    leaked = {name: value for name, value in used.items() if value in text}
    assert not leaked, f"secrets/PII in the scenario: {sorted(leaked)}"
    assert "${env:ENKASH_PASSWORD}" in text and "${env:ENKASH_USERNAME}" in text
    assert "enkash.in" not in text  # operations, not hosts
    data = yaml.safe_load(text)
    assert "Postman-Token" not in text and data["vars"]["mobile"] == "${random:mobile}"
    refresh = [s for s in data["steps"] if s["request"].get("form", {}).get("grant_type") == "refresh_token"]
    headers = {k.lower(): v for k, v in refresh[0]["request"]["headers"].items()}
    assert headers["authorization"] == "${target:basic_auth}"  # real client credentials
    kyc = next(step for step in data["steps"] if step["request"].get("operation") == "minKyc")
    assert kyc["request"]["body"]["otp"].startswith("${otp")


def test_imported_scenario_replays_against_a_fresh_mock_session(tmp_path, mock_url, target_args, capsys):
    har, _ = _har_file(tmp_path, mock_url)
    out = tmp_path / "scenario.yaml"
    assert main(["import-har", str(har), "-o", str(out)]) == 0
    capsys.readouterr()
    # A new session: new token, wallet ID, OTP reference; only correlation makes this pass.
    assert main(["replay", str(out), *target_args]) == 0, capsys.readouterr().out


def test_har_file_replays_directly_with_real_hosts_rewritten(tmp_path, mock_url, target_args, capsys):
    har, _ = _har_file(tmp_path, mock_url)
    assert main(["replay", str(har), *target_args, "--json-report", str(tmp_path / "r.json")]) == 0, capsys.readouterr()
    report = json.loads((tmp_path / "r.json").read_text())
    urls = [step["url"] for step in report["scenarios"][0]["steps"] if step["url"]]
    assert urls and all(url.startswith(mock_url) for url in urls)


def test_a_broken_correlation_is_caught(tmp_path, mock_url, target_args, capsys):
    """Guard for the guard: with correlation removed the replay must fail (the recorded token is dead)."""
    har, _ = _har_file(tmp_path, mock_url)
    out = tmp_path / "scenario.yaml"
    main(["import-har", str(har), "-o", str(out)])
    data = yaml.safe_load(out.read_text())
    for step in data["steps"]:
        if step["request"].get("operation") == "createWallet":
            step["request"]["headers"]["Authorization"] = "Bearer not-the-token-of-this-run"
    out.write_text(yaml.safe_dump(data, sort_keys=False))
    assert main(["replay", str(out), *target_args]) == 1
    assert "status: expected 200, got 401" in capsys.readouterr().out


def test_tokens_from_outside_the_recording_are_fetched_first(tmp_path, mock_url, target_args, capsys):
    har, used = har_of_session(mock_url, f"har-{uuid.uuid4().hex[:8]}")
    har["log"]["entries"].pop(0)  # QA had a token already (Postman environment): no token call recorded
    path = tmp_path / "no-token.har"
    path.write_text(json.dumps(har))
    out = tmp_path / "scenario.yaml"
    assert main(["import-har", str(path), "-o", str(out)]) == 0
    text = out.read_text()
    assert used["access_token"] not in text and used["refresh_token"] not in text
    first = yaml.safe_load(text)["steps"][0]
    assert first["request"]["operation"] == "getToken"
    assert first["capture"] == {"token": "$.access_token", "refresh_token": "$.refresh_token"}
    assert main(["replay", str(out), *target_args]) == 0, capsys.readouterr().out


def test_a_lockout_recording_keeps_wrong_passwords_wrong(tmp_path, mock_url, target_args, capsys):
    har, used = har_of_session(mock_url, f"har-{uuid.uuid4().hex[:8]}", drive=run_lockout)
    path = tmp_path / "lockout.har"
    path.write_text(json.dumps(har))
    out = tmp_path / "lockout.yaml"
    assert main(["import-har", str(path), "-o", str(out)]) == 0
    forms = [step["request"]["form"]["password"] for step in yaml.safe_load(out.read_text())["steps"]]
    assert forms[-1] == "${env:ENKASH_PASSWORD}"
    assert len(set(forms[:3])) == 3 and "${env:ENKASH_PASSWORD}" not in forms[:3]
    assert used["password"] not in out.read_text()
    assert main(["replay", str(out), *target_args]) == 0, capsys.readouterr().out


def test_a_file_that_is_not_har_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.har"
    bad.write_text('{"log": {"entries": [{"request": {}}]}}')
    assert main(["import-har", str(bad), "-o", str(tmp_path / "x.yaml")]) == 2
    assert "entry 0 is malformed" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()
