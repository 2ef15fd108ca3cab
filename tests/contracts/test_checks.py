"""The named domain predicates and the redaction every report goes through."""

from __future__ import annotations

from contracts.checks import (
    business_failure_repeats_message,
    envelope_matches_http_status,
    holder_details_locked_after_kyc,
    kyc_never_regresses,
    otp_is_single_use,
    token_expires,
    wallet_not_leaked_across_partners,
)
from contracts.suites.profiles import parse_rate
from contracts.suites.results import redact


def test_envelope_matches_http_status():
    assert envelope_matches_http_status(200, {"response_code": 1, "response_message": "x", "payload": "x"}) is None
    assert envelope_matches_http_status(422, {"response_code": 422, "payload": {}}) is None
    assert envelope_matches_http_status(401, {"error": "invalid_token", "error_description": "x"}) is None
    assert envelope_matches_http_status(422, {"response_code": 400}) is not None
    assert envelope_matches_http_status(500, {"response_code": 1}) is not None
    assert envelope_matches_http_status(401, {"response_code": 401}) is not None
    assert envelope_matches_http_status(200, "plain text") is not None


def test_business_failure_repeats_message():
    assert business_failure_repeats_message(200, {"response_code": 1, "response_message": "m", "payload": "m"}) is None
    assert business_failure_repeats_message(200, {"response_code": 1, "response_message": "m", "payload": {}})


def test_wallet_not_leaked_across_partners():
    ids = {"companyId": "CEKQ08TRRG", "enKashCardId": "EKCWLUAADN"}
    mine = {"response_code": 0, "payload": {"companyId": "CEKQ08TRRG", "enKashCardId": "EKCWLUAADN"}}
    theirs = {"response_code": 0, "payload": {"companyId": "CEKQ7TST22", "enKashCardId": "EKCWLUAADN"}}
    assert wallet_not_leaked_across_partners(ids, mine) is None
    assert "CEKQ7TST22" in wallet_not_leaked_across_partners(ids, theirs).actual


def test_otp_and_holder_and_kyc_rules():
    assert otp_is_single_use(200, {"response_code": 1}) is None
    assert otp_is_single_use(200, {"response_code": 0}) is not None
    assert holder_details_locked_after_kyc("PENDING", 200, {"response_code": 0}) is None
    assert holder_details_locked_after_kyc("MIN_KYC", 200, {"response_code": 0}) is not None
    assert kyc_never_regresses("MIN_KYC", "FULL_KYC") is None
    assert kyc_never_regresses("FULL_KYC", "PENDING") is not None


def test_token_expires():
    assert token_expires({"expires_in": 86399}) is None
    for bad in (0, -1, "86399", None, True, 10**9):
        assert token_expires({"expires_in": bad}) is not None


def test_redact_hides_every_secret_form():
    curl = ("curl -X POST -H 'Authorization: Basic Og==' -d 'username=6001020040&password=Test%401234567"
            "&grant_type=password' -H \"authorization: Bearer abc.def\" -d '{\"otp\": \"123456\"}' "
            "refresh_token=xyz")
    text = redact(curl)
    for secret in ("Og==", "Test%401234567", "abc.def", "123456", "xyz"):
        assert secret not in text
    assert "username=6001020040" in text


def test_parse_rate():
    assert parse_rate("2/s") == 2 and parse_rate("30/m") == 0.5 and parse_rate("5") == 5
    for bad in ("", "fast", "0/s", "-1/s"):
        try:
            parse_rate(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} accepted")


def test_generated_transport_headers_are_dropped_but_api_headers_kept():
    from types import SimpleNamespace

    from contracts.suites.cases import drop_transport_headers

    case = SimpleNamespace(headers={"Expect": "c[U8H@6", "transfer-encoding": "x", "partnerId": "CRM338L2H",
                                    "X-Odd": "kept"})
    drop_transport_headers(case)
    assert case.headers == {"partnerId": "CRM338L2H", "X-Odd": "kept"}
