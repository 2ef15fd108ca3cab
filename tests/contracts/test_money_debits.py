"""The merchant-debit side of the money area: its two checks, the model's debits and refunds, the rules'
needs (skipped on a sandbox with the reason) and the planted faults that prove the checks bite."""

from __future__ import annotations

from decimal import Decimal

from contracts.areas.funds.checks import balance_never_negative, debit_needs_otp, money_is_conserved
from contracts.areas.funds.debit_rules import DEBIT_OPERATIONS, DEBIT_RULES
from contracts.areas.funds.model import LedgerModel
from contracts.areas.funds.rules import MONEY_RULES
from contracts.checks import CHECKS
from contracts.suites.rules import RULES, skip_reason
from mock_server.selftest import PLANTED


def test_balance_never_negative():
    assert balance_never_negative(Decimal("0.00")) is None
    assert balance_never_negative(Decimal("12.34")) is None
    problem = balance_never_negative(Decimal("-0.01"))
    assert problem is not None and "-0.01" in problem.actual


def test_debit_needs_otp():
    assert debit_needs_otp("a wrong OTP", 1, Decimal("10.00"), Decimal("10.00")) is None
    accepted = debit_needs_otp("a used OTP", 0, Decimal("10.00"), Decimal("9.00"))
    assert accepted is not None and "a used OTP" in accepted.expected and "response_code 0" in accepted.actual
    # refused, yet money moved: still a violation
    assert debit_needs_otp("a wrong OTP", 1, Decimal("10.00"), Decimal("9.00")) is not None


def test_money_is_conserved_counts_the_merchant():
    total = Decimal("1100.00")
    assert money_is_conserved(total, Decimal("100.00"), Decimal("990.00"), Decimal("10.00")) is None
    assert money_is_conserved(total, Decimal("100.00"), Decimal("990.00")) is not None  # the 10.00 vanished
    assert money_is_conserved(total, Decimal("100.00"), Decimal("1000.00")) is None  # the top-up-only form


def test_the_model_debits_accepted_payments_once_and_refunds_give_them_back():
    model = LedgerModel(Decimal("10.00"))
    assert model.covers(Decimal("10.00")) and not model.covers(Decimal("10.01"))
    model.debited("T-1", Decimal("3.20"), 0, {"uniqueTransactionId": "T-1"})
    model.debited("T-2", Decimal("50.00"), 1, {"uniqueTransactionId": "T-2"})  # refused: nothing moves
    assert (model.balance, model.merchant) == (Decimal("6.80"), Decimal("3.20"))
    assert model.refundable() == ["T-1"]
    model.refunded("T-1")
    assert (model.balance, model.merchant, model.refundable()) == (Decimal("10.00"), Decimal("0.00"), [])
    assert model.debits["T-1"].body == {"uniqueTransactionId": "T-1"}


def test_debit_rules_are_money_rules_skipped_on_a_sandbox_with_the_reason():
    assert set(DEBIT_RULES) <= set(MONEY_RULES) and set(DEBIT_RULES) <= set(RULES)
    assert set(DEBIT_OPERATIONS) == set(DEBIT_RULES)
    for needs in DEBIT_RULES.values():
        assert "funded wallet" in skip_reason(needs, admin=False, fixed_otp="123456")
        assert skip_reason(needs, admin=True, fixed_otp=None) == ""


def test_the_new_checks_are_registered_and_each_has_its_planted_fault():
    assert CHECKS["balance_never_negative"].scope == CHECKS["debit_needs_otp"].scope == "stateful"
    assert PLANTED["balance_allowed_below_zero"].caught_by == "balance_never_negative"
    assert PLANTED["debit_skips_otp"].caught_by == "debit_needs_otp"
