"""Configuration layers: defaults, then a file, then ENKASH_MOCK_* variables, then explicit values."""

import argparse
import dataclasses
from pathlib import Path

import pytest

from mock_server import cli
from mock_server.config import ConfigError, MockConfig, load_config

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_reproduce_the_documented_behaviour():
    config = MockConfig()
    assert (config.token_ttl_seconds, config.otp_ttl_seconds, config.lockout_threshold) == (86399, 300, 3)
    assert (config.vkyc_opens, config.vkyc_closes, config.vkyc_timezone) == ("10:00", "18:00", "Asia/Kolkata")


def test_layers_override_in_order(tmp_path, monkeypatch):
    file = tmp_path / "mock.yaml"
    file.write_text("token_ttl_seconds: 100\notp_ttl_seconds: 60\nfixed_otp: '111111'\n")
    monkeypatch.setenv("ENKASH_MOCK_OTP_TTL_SECONDS", "90")
    monkeypatch.setenv("ENKASH_MOCK_VKYC_HOLIDAYS", "2026-12-25, 2026-01-26")
    config = load_config(file, fixed_otp="222222")
    assert (config.token_ttl_seconds, config.otp_ttl_seconds, config.fixed_otp) == (100, 90, "222222")
    assert config.vkyc_holidays == ("2026-12-25", "2026-01-26")


def test_unknown_settings_are_refused():
    with pytest.raises(ValueError, match="tokn_ttl"):
        load_config(tokn_ttl=5)


def test_replace_coerces_like_the_environment():
    assert MockConfig().replace(validate_responses="yes", vkyc_working_days="0,1").vkyc_working_days == (0, 1)


def test_yaml_scalars_keep_the_type_their_field_declares(tmp_path):
    file = tmp_path / "mock.yaml"
    file.write_text("fixed_otp: 012345\nvkyc_opens: 10:00\nvkyc_closes: 17:30\nvkyc_holidays: [2026-12-25]\n"
                    "validate_responses: yes\ntoken_ttl_seconds: 300\nvkyc_working_days: [0, 2]\n")
    config = load_config(file)
    assert (config.fixed_otp, config.vkyc_opens, config.vkyc_closes) == ("012345", "10:00", "17:30")
    assert config.vkyc_holidays == ("2026-12-25",)
    assert (config.validate_responses, config.token_ttl_seconds, config.vkyc_working_days) == (True, 300, (0, 2))


@pytest.mark.parametrize(("line", "message"), [
    ("validate_responses: ture", "validate_responses: 'ture' is not valid: expected true or false"),
    ("token_ttl_seconds: soon", "token_ttl_seconds: 'soon' is not valid: expected an integer"),
    ("fixed_otp: 12", "fixed_otp: '12' is not valid: expected six digits"),
    ("vkyc_opens: 25:00", "vkyc_opens: '25:00' is not valid: expected a time of day as HH:MM"),
    ("vkyc_holidays: [2026-13-01]", "vkyc_holidays: ['2026-13-01'] is not valid: expected ISO dates"),
    ("vkyc_working_days: [7]", "vkyc_working_days: ['7'] is not valid: expected weekday numbers"),
    ("vkyc_timezone: Mars/Olympus", "vkyc_timezone: 'Mars/Olympus' is not valid: expected an IANA time zone"),
    ("vkyc_timezone: yes", "vkyc_timezone: True is not valid: expected a string"),
    ("faults: drop_kyc_status", None),  # a single name is a one-item list, as in the environment
])
def test_a_bad_value_is_refused_with_key_value_and_expectation(tmp_path, line, message):
    file = tmp_path / "mock.yaml"
    file.write_text(line + "\n")
    if message is None:
        assert load_config(file).faults == ("drop_kyc_status",)
        return
    with pytest.raises(ConfigError) as error:
        load_config(file)
    assert str(error.value).startswith(f"config file {file}: {message}")


def test_unknown_keys_suggest_the_closest_and_list_the_valid_ones(tmp_path):
    file = tmp_path / "mock.yaml"
    file.write_text("token_ttl: 300\n")
    with pytest.raises(ConfigError, match=r"unknown mock setting\(s\): token_ttl \(did you mean token_ttl_seconds\?\)"
                                          r"; valid settings: spec_path, seed_path, .*admin_token"):
        load_config(file)


def test_environment_values_are_as_strict_and_say_which_variable(monkeypatch):
    monkeypatch.setenv("ENKASH_MOCK_VALIDATE_RESPONSES", "ture")
    with pytest.raises(ConfigError, match=r"^environment variable ENKASH_MOCK_VALIDATE_RESPONSES: validate_responses"):
        load_config()


def test_not_a_mapping_and_not_yaml_are_one_clear_line(tmp_path):
    file = tmp_path / "mock.yaml"
    file.write_text("- token_ttl_seconds\n")
    with pytest.raises(ConfigError, match="expected a mapping of setting: value, got list"):
        load_config(file)
    file.write_text("token_ttl_seconds: [\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(file)


def test_the_documented_example_is_current_and_loads_to_the_defaults():
    from mock_server.config_example import example_config

    checked_in = (ROOT / "docs" / "mock-config.example.yaml").read_text(encoding="utf-8")
    assert checked_in == example_config(), "regenerate: enkash-mock example-config > docs/mock-config.example.yaml"
    assert load_config(ROOT / "docs" / "mock-config.example.yaml") == MockConfig()


def test_every_setting_is_documented_in_the_example():
    from mock_server.config_example import field_meanings

    meanings = field_meanings()
    assert [name for name in (f.name for f in dataclasses.fields(MockConfig)) if not meanings.get(name)] == []


def test_serve_flags_that_set_a_setting_are_named_after_it():
    """One name per setting: `--token-ttl-seconds` sets token_ttl_seconds, as the key, variable and marker do.

    The one documented exception: the repeatable `--fault NAME` fills the list `faults`."""
    parser = argparse.ArgumentParser()
    cli.add_serve_arguments(parser)
    fields = {f.name for f in dataclasses.fields(MockConfig)}
    settings = {action.dest: action for action in parser._actions if action.dest in fields}
    assert set(settings) >= {"fixed_otp", "token_ttl_seconds", "seed_path", "read_timeout_seconds",
                             "instance_secret", "faults"}
    for name, action in settings.items():
        expected = ["--fault"] if name == "faults" else ["--" + name.replace("_", "-")]
        assert action.option_strings == expected, name
    assert isinstance(settings["faults"], argparse._AppendAction)


def test_fault_flag_repeats_and_takes_commas():
    parser = argparse.ArgumentParser()
    cli.add_serve_arguments(parser)
    args = parser.parse_args(["--fault", "drop_kyc_status", "--fault", "a, b"])
    assert cli._comma_list(args.faults) == ("drop_kyc_status", "a", "b")


def test_read_timeout_seconds_is_read_as_a_number(tmp_path):
    file = tmp_path / "mock.yaml"
    file.write_text("read_timeout_seconds: 2.5\n", encoding="utf-8")
    assert load_config(file).read_timeout_seconds == 2.5
    assert MockConfig().replace(read_timeout_seconds="3").read_timeout_seconds == 3.0
    with pytest.raises(ConfigError, match="read_timeout_seconds: 'soon' is not valid: expected a number"):
        load_config(read_timeout_seconds="soon")
    with pytest.raises(ConfigError, match="expected a number"):
        load_config(read_timeout_seconds=True)


def test_python_callers_may_pass_paths_and_lists():
    config = MockConfig().replace(seed_path=ROOT / "mock_server" / "default_seed.yaml", faults=["drop_kyc_status"])
    assert config.seed_path == str(ROOT / "mock_server" / "default_seed.yaml") and config.faults == ("drop_kyc_status",)
