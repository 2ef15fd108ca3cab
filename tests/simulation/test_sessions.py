"""X-Mock-Session namespaces: wallets, tokens and OTPs of one session are invisible to another."""

from __future__ import annotations

from .helpers import WALLET


def test_wallet_created_in_one_session_is_absent_from_another(api_in):
    one, two = api_in("one"), api_in("two")
    created = one.create_wallet(one.token()).json["payload"]["enKashCardId"]
    assert one.details(one.token(), created).json["response_code"] == 0
    assert two.details(two.token(), created).json["payload"] == "Wallet not found"
    # the same mobile is still free in the other session
    assert two.create_wallet(two.token()).json["response_code"] == 0


def test_token_of_one_session_is_unknown_in_another(api_in):
    one, two = api_in("one"), api_in("two")
    token = one.token()
    assert one.details(token).status_code == 200
    refused = two.details(token)
    assert refused.status_code == 401 and refused.json["error"] == "invalid_token"


def test_otps_are_per_session(api_in):
    one, two = api_in("one"), api_in("two")
    one.otp(one.token())
    assert len(one.admin("GET", f"/otps?enKashCardId={WALLET}").json) == 1
    assert two.admin("GET", f"/otps?enKashCardId={WALLET}").json == []


def test_reset_touches_only_the_callers_session(api_in):
    one, two = api_in("one"), api_in("two")
    one.create_wallet(one.token())
    two.create_wallet(two.token())
    assert one.admin("POST", "/reset").json == {"status": "reset", "session": "one"}
    assert one.create_wallet(one.token()).json["response_code"] == 0  # mobile free again
    assert two.create_wallet(two.token()).json["response_code"] == 1  # still taken


def test_reset_all_forgets_every_session(api_in):
    one, two = api_in("one"), api_in("two")
    one.create_wallet(one.token())
    two.create_wallet(two.token())
    assert set(one.admin("GET", "/sessions").json["sessions"]) >= {"default", "one", "two"}
    dropped = one.admin("POST", "/reset?all=true").json["sessions"]
    assert {"one", "two"} <= set(dropped)
    assert one.admin("GET", "/sessions").json["sessions"] == ["default"]
    assert two.create_wallet(two.token()).json["response_code"] == 0


def test_reset_all_by_body(api_in):
    one = api_in("one")
    one.create_wallet(one.token())
    assert "one" in one.admin("POST", "/reset", json={"all": True}).json["sessions"]


def test_reserved_session_names_are_refused(api_in):
    assert api_in("__snapshots__").admin("GET", "/state").status_code == 400
