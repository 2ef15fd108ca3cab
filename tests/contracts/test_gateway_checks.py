"""Unit cases of the gateway checks and model: each holds on what is right and bites on what is wrong."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from contracts.areas.gateway.checks import unpaid_order_credits_nothing, wallet_transfer_is_atomic
from contracts.areas.gateway.model import OUTCOME_STATUS, transfer_accepted
from contracts.checks import CHECKS


def test_both_checks_are_registered():
    assert {"wallet_transfer_is_atomic", "unpaid_order_credits_nothing"} <= set(CHECKS)


@pytest.mark.parametrize(("code", "source", "target"), [
    (0, (D("100"), D("90")), (D("5"), D("15"))),  # both legs
    (1, (D("100"), D("100")), (D("5"), D("5"))),  # refused: neither
])
def test_an_atomic_transfer_holds(code, source, target):
    assert wallet_transfer_is_atomic(D("10"), code, source, target) is None


@pytest.mark.parametrize(("code", "source", "target"), [
    (0, (D("100"), D("100")), (D("5"), D("15"))),  # credit without debit
    (0, (D("100"), D("90")), (D("5"), D("5"))),  # debit without credit
    (0, (D("100"), D("80")), (D("5"), D("15"))),  # debited twice
    (1, (D("100"), D("90")), (D("5"), D("5"))),  # refused but debited
])
def test_a_one_legged_or_lopsided_transfer_is_caught(code, source, target):
    problem = wallet_transfer_is_atomic(D("10"), code, source, target)
    assert problem is not None and "moved" in problem.actual


def test_an_unpaid_order_must_report_its_status_and_credit_nothing():
    assert unpaid_order_credits_nothing("abandon", "EXPIRED", "EXPIRED", D("5"), D("5")) is None
    assert unpaid_order_credits_nothing("abandon", "EXPIRED", "EXPIRED", D("5"), D("15")) is not None
    assert unpaid_order_credits_nothing("fail", "FAILED", "PAID", D("5"), D("5")) is not None


def test_the_model_expects_the_documented_outcomes():
    assert OUTCOME_STATUS["abandon"] == ("ATTEMPTED", "EXPIRED") and OUTCOME_STATUS["pay"][1] == "PAID"
    assert transfer_accepted(D("10.00"), D("10.00")) and not transfer_accepted(D("10.00"), D("10.01"))
