"""The instance secret: processes that share it (given, or kept by the PostgreSQL store) verify each
other's OTPs and hand out each other's still-valid tokens on a repeated login; others do not."""

from __future__ import annotations

from contextlib import ExitStack

import pytest

from mock_server import create_app
from mock_server.config import load_config

from ..mock.helpers import DEMO, Partner
from ..postgres_support import fresh_schema


def _two_processes(stack: ExitStack, url: str, secrets: tuple[str | None, str | None]):
    """Two mock apps on one store URL, as two replicas (or two restarts) would be."""
    apps = []
    for secret in secrets:
        app = create_app(load_config(store=url, instance_secret=secret))
        stack.callback(app.extensions["enkash"].store.close)
        apps.append(app)
    return [Partner(app.test_client(), DEMO) for app in apps]


def _otp_from_one_verified_by_the_other(one: Partner, two: Partner) -> dict:
    wallet = one.create_wallet()["enKashCardId"]
    reference = one.send_otp(wallet)
    two.token = one.token  # the token one issued, presented to two
    return two.min_kyc(wallet, reference, one.otp_of(reference, wallet)).json


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_processes_sharing_a_secret_accept_each_others_otps_and_tokens(tmp_path, kind):
    with ExitStack() as stack:
        if kind == "postgres":  # no secret given: the database keeps one for every replica
            url, secrets = stack.enter_context(fresh_schema()), (None, None)
        else:
            url, secrets = f"sqlite:{tmp_path / 'state.db'}", ("shared-key", "shared-key")
        one, two = _two_processes(stack, url, secrets)
        reply = _otp_from_one_verified_by_the_other(one, two)
        assert two.login().json["access_token"] == one.token  # a repeated login returns the valid token
    assert reply["response_code"] == 0 and reply["payload"]["kycStatus"] == "MIN_KYC", reply


def test_processes_with_different_secrets_refuse_each_others_otps(tmp_path):
    with ExitStack() as stack:
        one, two = _two_processes(stack, f"sqlite:{tmp_path / 'state.db'}", ("key-one", "key-two"))
        wallet = one.create_wallet()["enKashCardId"]
        reference = one.send_otp(wallet)
        reply = two.min_kyc(wallet, reference, one.otp_of(reference, wallet)).json
        assert reply["response_message"].startswith("Invalid OTP"), reply
        # Under another key two cannot derive the token one issued, so a repeated login gets a new one.
        assert two.login().json["access_token"] != one.token


def test_the_secret_comes_from_the_environment_and_a_given_one_wins_over_the_databases(monkeypatch):
    monkeypatch.setenv("ENKASH_MOCK_INSTANCE_SECRET", "from-env")
    assert load_config().instance_secret == "from-env"
    app = create_app(load_config())
    assert app.extensions["enkash"].secret == b"from-env"
