"""Unit cases of the transfer checks and the transfer model (contracts/areas/payouts)."""

from __future__ import annotations

from decimal import Decimal

from contracts.areas.payouts.checks import failed_transfer_is_reversed, transfer_is_idempotent
from contracts.areas.payouts.model import TransferModel

D = Decimal


def test_failed_transfer_is_reversed_holds_only_when_the_money_came_back():
    assert failed_transfer_is_reversed("FAILED", D("100.00"), D("100.00")) is None
    assert failed_transfer_is_reversed("REVERSED", D("100.00"), D("100.00")) is None
    assert failed_transfer_is_reversed("SUCCESS", D("100.00"), D("90.00")) is None  # not its business
    problem = failed_transfer_is_reversed("FAILED", D("100.00"), D("90.00"))
    assert problem is not None and "100.00" in problem.expected and "90.00" in problem.actual


def test_transfer_is_idempotent_needs_the_same_answer_and_no_second_debit():
    first = (0, "EK0000000000000000A")
    assert transfer_is_idempotent(first, first, D("90.00"), D("90.00")) is None
    assert transfer_is_idempotent(first, (0, "EK0000000000000000B"), D("90.00"), D("90.00")) is not None
    assert transfer_is_idempotent(first, (1, None), D("90.00"), D("90.00")) is not None
    assert transfer_is_idempotent(first, first, D("90.00"), D("80.00")) is not None


def test_the_model_debits_on_acceptance_and_gives_back_failed_and_reversed():
    model = TransferModel(balance=D("100.00"), total=D("1100.00"))
    for transaction_id, outcome in (("a", "SUCCESS"), ("b", "FAIL"), ("c", "REVERSE")):
        model.accepted(transaction_id, D("10.00"), outcome)
    assert (model.balance, model.in_system()) == (D("70.00"), D("1070.00"))
    assert [model.settled(t) for t in "abc"] == ["SUCCESS", "FAILED", "REVERSED"]
    assert (model.balance, model.sent, model.in_system()) == (D("90.00"), D("10.00"), D("1090.00"))
