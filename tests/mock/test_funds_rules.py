"""Pure money rules, without Flask: amounts, periods, limits, card controls, settlement schedule, ledger pages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from mock_server.api.funds import ledger
from mock_server.api.funds.controls import apply_rule, controls_breach
from mock_server.api.funds.history import lenient_instant
from mock_server.api.funds.idempotency import fingerprint
from mock_server.api.funds.limits import debit_breach, load_breach, load_headroom
from mock_server.api.funds.money import MoneyError, parse_amount, parse_limit, rupees
from mock_server.api.funds.periods import period_keys
from mock_server.api.funds.settlement import scheduled_status
from mock_server.config import DEFAULT_WALLET_LIMITS, MockConfig
from mock_server.store import MemoryStore

IST = ZoneInfo("Asia/Kolkata")


def at(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


@pytest.mark.parametrize(("value", "paise"), [
    (10, 1000), (10.5, 1050), (0.01, 1), (12.34, 1234), ("12.34", 1234), ("100", 10000), ("0.5", 50),
    (1.1, 110), (0.07, 7), (1.15, 115), ("9999999.99", 999_999_999), (20.00, 2000),
])
def test_amounts_parse_exactly_to_paise(value, paise):
    assert parse_amount(value) == paise


@pytest.mark.parametrize("value", [
    0, 0.0, "0", "0.00", -1, -0.01, "-5", 1.001, "1.001", "1.000", 0.30000000000000004, float("nan"),
    float("inf"), float("-inf"), "NaN", "Infinity", "-Infinity", "abc", "", " 1", "1e3", "1,000", "₹10",
    True, False, None, [], {}, 10_000_000, "10000000.00",
])
def test_everything_else_is_refused(value):
    with pytest.raises(MoneyError):
        parse_amount(value)


def test_money_errors_never_echo_the_value():
    with pytest.raises(MoneyError) as refused:
        parse_amount("secret-looking-text")
    assert "secret" not in str(refused.value)


def test_limits_allow_zero_and_null_but_not_negatives():
    assert (parse_limit(0), parse_limit(None), parse_limit(50.5)) == (0, None, 5050)
    with pytest.raises(MoneyError):
        parse_limit(-1)


def test_rupees_write_the_exact_decimal_text():
    assert [repr(rupees(p)) for p in (1, 10, 1234, 999_999_999, 30)] == [
        "0.01", "0.1", "12.34", "9999999.99", "0.3"]


@pytest.mark.parametrize(("instant", "day", "month", "year"), [
    ("2026-03-31T23:59:00+05:30", "2026-03-31", "2026-03", "FY2025-26"),
    ("2026-04-01T00:00:00+05:30", "2026-04-01", "2026-04", "FY2026-27"),
    ("2026-03-31T18:30:00+00:00", "2026-04-01", "2026-04", "FY2026-27"),  # already April in IST
    ("2099-12-31T12:00:00+05:30", "2099-12-31", "2099-12", "FY2099-00"),
])
def test_periods_follow_ist_and_the_financial_year(instant, day, month, year):
    assert period_keys(at(instant), "Asia/Kolkata") == {"day": day, "month": month, "year": year}


PERIODS = {"day": "2026-12-01", "month": "2026-12", "year": "FY2026-27"}


def test_min_kyc_limits_bite_in_order_and_full_kyc_only_caps_the_balance():
    limits = DEFAULT_WALLET_LIMITS
    assert load_breach(limits, "MIN_KYC", 0, {}, PERIODS, 1_000_000) is None  # exactly ₹10,000
    assert load_breach(limits, "MIN_KYC", 1, {}, PERIODS, 1_000_000) == "maxBalance"
    used_month = {"load": ["2026-12", 999_000]}
    assert load_breach(limits, "MIN_KYC", 0, used_month, PERIODS, 1_001) == "monthlyLoad"
    stale_month = {"load": ["2026-11", 999_000]}  # last month's loads no longer count
    assert load_breach(limits, "MIN_KYC", 0, stale_month, PERIODS, 1_000_000) is None
    used_year = {"loadYear": ["FY2026-27", 11_999_999]}
    assert load_breach(limits, "MIN_KYC", 0, used_year, PERIODS, 2) == "annualLoad"
    assert load_breach(limits, "FULL_KYC", 0, used_year, PERIODS, 20_000_000) is None
    assert load_breach(limits, "FULL_KYC", 1, {}, PERIODS, 20_000_000) == "maxBalance"
    assert load_headroom(limits, "FULL_KYC", 0, {}, PERIODS)["monthlyLoad"] is None
    assert debit_breach(limits, "MIN_KYC", {"debit": ["2026-12", 999_999]}, PERIODS, 2) == "monthlyDebit"
    assert debit_breach(limits, "FULL_KYC", {"debit": ["2026-12", 999_999]}, PERIODS, 2) is None


def test_card_controls_keep_absent_fields_clear_nulls_and_refuse_debits():
    controls = apply_rule(None, {"perTxnLimit": 100, "dtd": 150, "dtdCount": 2})
    assert controls["onlineAllowed"] is True and controls["perTxnLimit"] == 10_000
    controls = apply_rule(controls, {"dtd": None})  # cleared; perTxnLimit left out, so kept
    assert (controls["dtd"], controls["perTxnLimit"]) == (None, 10_000)
    assert controls_breach(controls, {}, PERIODS, 10_001) == "perTxnLimit"
    assert controls_breach(controls, {"debitCountDay": ["2026-12-01", 2]}, PERIODS, 1) == "dtdCount"
    assert controls_breach(controls, {"debitCountDay": ["2026-11-30", 2]}, PERIODS, 1) is None
    assert controls_breach(apply_rule(controls, {"onlineAllowed": False}), {}, PERIODS, 1) == "onlineAllowed"
    assert controls_breach(apply_rule(None, {"mtd": 0}), {}, PERIODS, 1) == "mtd"


def test_settlement_moves_with_the_clock_by_working_days():
    config = MockConfig()
    friday_noon = at("2026-11-27T12:00:00+05:30")
    assert scheduled_status(friday_noon, friday_noon, config) == "PENDING"
    assert scheduled_status(friday_noon, friday_noon + 3600, config) == "APPROVED"
    assert scheduled_status(friday_noon, at("2026-11-30T09:59:00+05:30"), config) == "APPROVED"  # weekend
    assert scheduled_status(friday_noon, at("2026-11-30T10:00:00+05:30"), config) == "SETTLEMENT_IN_PROCESS"
    assert scheduled_status(friday_noon, at("2026-12-01T10:00:00+05:30"), config) == "SETTLED"
    holiday = config.replace(settlement_holidays=("2026-11-30",))
    assert scheduled_status(friday_noon, at("2026-12-01T10:00:00+05:30"), holiday) == "SETTLEMENT_IN_PROCESS"


def test_lenient_dates_roll_over_like_java():
    assert lenient_instant("2026-02-31T00:00:00Z") == at("2026-03-03T00:00:00+00:00")
    assert lenient_instant("2026-12-01T10:00+05:30") == at("2026-12-01T10:00:00+05:30")


def test_fingerprints_ignore_amount_spelling_and_secrets():
    body = {"amount": 10, "enKashCardId": "EKCWLUAADN", "otp": "123456"}
    same = fingerprint({**body, "amount": "10.00", "otp": "654321"}, 1000)
    assert fingerprint(body, 1000) == same
    assert fingerprint({**body, "remarks": "x"}, 1000) != same


def test_ledger_pages_read_newest_first_without_scanning_other_owners():
    store = MemoryStore()
    with store.transaction("s") as tx:
        owner = {"balancePaise": 0, "ledgerCount": 0}
        for amount in range(1, 101):
            ledger.post(tx, "wallet", owner, "EKCA", "CR", amount, float(amount))
        other = {"balancePaise": 0, "ledgerCount": 0}
        ledger.post(tx, "wallet", other, "EKCB", "CR", 7, 0.0)
        newest = list(ledger.newest(tx, "EKCA", owner["ledgerCount"]))
        assert [entry["amountPaise"] for entry in newest] == list(range(100, 0, -1))
        assert [e["amountPaise"] for e in ledger.newest(tx, "EKCA", 100, skip=95)] == [5, 4, 3, 2, 1]
        assert owner["balancePaise"] == sum(range(1, 101)) == newest[0]["balancePaise"]
        assert ledger.entry_by_id(tx, newest[3]["id"]) == newest[3]
        with pytest.raises(RuntimeError):
            ledger.post(tx, "wallet", other, "EKCB", "DR", 8, 1.0)
    pages = store.export("s")["ledger_page"]
    assert len(pages) == 100 // ledger.PAGE_SIZE + 1 + 1  # EKCA's pages and EKCB's one
