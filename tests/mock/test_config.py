"""Configuration layers: defaults, then a file, then ENKASH_MOCK_* variables, then explicit values."""

import pytest

from mock_server.config import MockConfig, load_config


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
