"""The money area's predicates, its exact ledger model, and the uat profile's gentleness."""

from __future__ import annotations

from decimal import Decimal

from contracts.areas.funds.model import LedgerModel, rupees
from contracts.areas.funds.rules import MONEY_RULES, top_up_amount
from contracts.checks import (
    CHECKS,
    balance_equals_history,
    kyc_limits_hold,
    money_is_conserved,
    reference_is_idempotent,
)
from contracts.suites.profiles import PROFILES
from contracts.suites.rules import skip_reason


def test_balance_equals_history():
    assert balance_equals_history(Decimal("1010.50"), Decimal("1020.50"), Decimal("10.00")) is None
    problem = balance_equals_history(Decimal("1020.50"), Decimal("1010.50"), Decimal("0.00"))
    assert problem is not None and "1010.50" in problem.expected and "1020.50" in problem.actual


def test_reference_is_idempotent():
    assert reference_is_idempotent(0, 0, Decimal("5.00"), Decimal("5.00")) is None
    assert reference_is_idempotent(0, 0, Decimal("5.00"), Decimal("10.00")) is not None  # credited twice
    assert reference_is_idempotent(0, 1, Decimal("5.00"), Decimal("5.00")) is not None  # answer changed


def test_money_checks_are_registered_as_stateful():
    assert {CHECKS["balance_equals_history"].scope, CHECKS["reference_is_idempotent"].scope} == {"stateful"}


def test_rupees_are_exact_whatever_json_sent():
    assert rupees(1010.5) == Decimal("1010.50") and rupees("0.1") + rupees(0.2) == Decimal("0.30")
    assert rupees(10) == Decimal("10.00")


def test_ledger_model_credits_accepted_top_ups_once():
    model = LedgerModel(Decimal("1000.00"))
    model.topped_up("R-1", Decimal("2.50"), 0, 1002.5)
    model.topped_up("R-2", Decimal("7.35"), 1, None)  # refused: nothing moves
    assert model.balance == Decimal("1002.50")
    assert model.top_ups["R-1"].balance_after == Decimal("1002.50") and model.top_ups["R-2"].balance_after is None


def test_uat_moves_one_rupee_and_skips_money_with_the_reason():
    assert PROFILES["uat"].gentle_money and not PROFILES["ci"].gentle_money
    assert top_up_amount(True, "7.35") == "1.00" and top_up_amount(False, "7.35") == "7.35"
    reasons = {skip_reason(needs, admin=False, fixed_otp=None) for needs in MONEY_RULES.values()}
    assert len(reasons) == 1 and "funded wallet" in reasons.pop()
    assert skip_reason(MONEY_RULES["top_up"], admin=True, fixed_otp=None) == ""


def test_kyc_limits_hold():
    cap = Decimal("10000.00")
    assert kyc_limits_hold(cap, Decimal("9000.00"), Decimal("1000.00"), 0, Decimal("10000.00")) is None  # fits
    assert kyc_limits_hold(cap, Decimal("9000.00"), Decimal("1000.01"), 1, Decimal("9000.00")) is None  # refused
    assert kyc_limits_hold(cap, Decimal("9000.00"), Decimal("1000.01"), 0, Decimal("10000.01")) is not None
    assert kyc_limits_hold(cap, Decimal("9000.00"), Decimal("1000.01"), 1, Decimal("10000.01")) is not None
    assert kyc_limits_hold(cap, Decimal("10000.01"), Decimal("0.01"), 1, Decimal("10000.01")) is not None


def test_money_is_conserved():
    assert money_is_conserved(Decimal("501000.00"), Decimal("499990.00"), Decimal("1010.00")) is None
    problem = money_is_conserved(Decimal("501000.00"), Decimal("500000.00"), Decimal("1010.00"))
    assert problem is not None and "501010.00" in problem.actual
