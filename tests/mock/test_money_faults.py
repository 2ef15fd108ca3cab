"""The two merchant-debit planted faults do what their catalogue entries say, and only in the faulted app:
an overdraft leaves a wallet below zero without crashing; a wrong or used OTP pays."""

from __future__ import annotations

from mock_server import create_app

from .funds_helpers import WALLET, balance, debit, history
from .helpers import DEMO, Partner


def _partner(*faults: str) -> Partner:
    # responses unchecked (not make_app): the faulted mock's answers (a negative balance) are off the spec
    app = create_app(faults=faults)
    app.testing = True
    return Partner(app.test_client(), DEMO)


def test_balance_allowed_below_zero_overdraws_and_keeps_history_consistent():
    demo = _partner("balance_allowed_below_zero")
    response = debit(demo, "1250.00")
    assert (response.status_code, response.json["response_code"]) == (200, 0), response.json
    assert response.json["payload"]["otbBalance"] == -250.0
    assert balance(demo) == -250.0
    page = history(demo)
    signed = sum(t["principalAmount"] * (1 if t["cardTransactionType"] == "CR" else -1) for t in page["transactions"])
    assert round(signed, 2) == -250.0  # the debit is in the history: only the balance rule was skipped


def test_balance_allowed_below_zero_leaves_covered_debits_and_refusals_alone():
    demo = _partner("balance_allowed_below_zero")
    assert debit(demo, "10.00").json["payload"]["otbBalance"] == 990.0
    refused = debit(demo, "2000.00", otp="000000")  # a wrong OTP: refused, and the loan taken back
    assert refused.json["response_code"] == 1 and balance(demo) == 990.0


def test_debit_skips_otp_pays_with_a_wrong_or_used_otp():
    demo = _partner("debit_skips_otp")
    reference = demo.send_otp(WALLET)
    otp = demo.otp_of(reference, WALLET)
    wrong = f"{(int(otp) + 1) % 1_000_000:06d}"
    assert debit(demo, "1.00", reference=reference, otp=wrong).json["response_code"] == 0
    assert debit(demo, "1.00", reference=reference, otp=otp).json["response_code"] == 0
    assert debit(demo, "1.00", reference=reference, otp=otp).json["response_code"] == 0  # used: still pays
    assert balance(demo) == 997.0


def test_the_clean_mock_refuses_both(make_app):
    demo = Partner(make_app().test_client(), DEMO)
    assert debit(demo, "1250.00").json["response_code"] == 1
    reference = demo.send_otp(WALLET)
    otp = demo.otp_of(reference, WALLET)
    assert debit(demo, "1.00", reference=reference, otp=f"{(int(otp) + 1) % 1_000_000:06d}").json["response_code"] == 1
    assert debit(demo, "1.00", reference=reference, otp=otp).json["response_code"] == 0
    assert debit(demo, "1.00", reference=reference, otp=otp).json["response_code"] == 1  # used
    assert balance(demo) == 999.0
