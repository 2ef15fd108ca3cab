"""Ledger invariants under random sequences of money operations (hypothesis state machine).

After every step: each wallet's otbBalance equals the credits minus the debits of its transaction/all
history, no balance is negative, money is conserved between card accounts, wallets and merchants, and a
replayed reference never moves money again.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from mock_server import create_app

from .funds_helpers import MERCHANT, WALLET, assert_ledger_invariants, balance, debit, top_up
from .helpers import DEMO, Partner

AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("4000"), places=2).map(str)
SECOND = "EKCBEFFEC1"


class MoneyMachine(RuleBasedStateMachine):
    @initialize()
    def start(self):
        app = create_app(validate_responses=True)
        app.testing = True
        self.client = app.test_client()
        self.demo = Partner(self.client, DEMO)
        self.demo.complete_min_kyc(SECOND)
        self.client.post(f"/__admin/tnc/{SECOND}/accept")
        self.references: dict[str, str] = {}
        self.debits: list[str] = []
        self.refunded: set[str] = set()
        self.steps = 0

    @rule(amount=AMOUNTS, wallet=st.sampled_from([WALLET, SECOND]))
    def load(self, amount, wallet):
        reference = f"load-{self.steps}"
        self.steps += 1
        if top_up(self.demo, amount, wallet=wallet, reference=reference).json["response_code"] == 0:
            self.references[reference] = (wallet, amount)

    @precondition(lambda self: self.references)
    @rule(data=st.data())
    def replay_a_load(self, data):
        reference = data.draw(st.sampled_from(sorted(self.references)))
        wallet, amount = self.references[reference]
        before = balance(self.demo, wallet)
        again = top_up(self.demo, amount, wallet=wallet, reference=reference).json
        assert again["response_code"] == 0 and balance(self.demo, wallet) == before  # reference_is_idempotent

    @rule(amount=AMOUNTS, wallet=st.sampled_from([WALLET, SECOND]), right_otp=st.booleans())
    def pay_merchant(self, amount, wallet, right_otp):
        unique_id = f"pay-{self.steps}"
        self.steps += 1
        reference = self.demo.send_otp(wallet)
        otp = self.demo.otp_of(reference, wallet) if right_otp else "000000"
        before = balance(self.demo, wallet)
        answer = debit(self.demo, amount, wallet=wallet, reference=reference, otp=otp, unique_id=unique_id).json
        if answer["response_code"] == 0:
            assert right_otp or otp == self.demo.otp_of(reference, wallet)  # no debit skips the OTP
            assert Decimal(str(before)) - Decimal(amount) == Decimal(str(balance(self.demo, wallet)))
            self.debits.append(unique_id)
        else:
            assert balance(self.demo, wallet) == before

    @precondition(lambda self: set(self.debits) - self.refunded)
    @rule(data=st.data())
    def refund(self, data):
        unique_id = data.draw(st.sampled_from(sorted(set(self.debits) - self.refunded)))
        assert self.client.put(f"/__admin/settlements/{unique_id}", json={"status": "PENDING_WITH_BANK"}).status_code \
            == 200
        assert self.client.put(f"/__admin/settlements/{unique_id}", json={"status": "REFUND"}).status_code == 200
        self.refunded.add(unique_id)

    @rule(amount=AMOUNTS)
    def prefund(self, amount):
        assert self.client.post("/__admin/card-accounts/CAC7975/fund", json={"amount": amount}).status_code == 200

    @rule(days=st.integers(min_value=1, max_value=40))
    def time_passes(self, days):
        self.client.post("/__admin/clock/advance", json={"seconds": days * 86400})
        self.demo.token = None  # the token may have expired

    @invariant()
    def ledger_holds(self):
        if hasattr(self, "demo"):
            assert_ledger_invariants(self.demo, self.client)  # balance_equals_history, never negative, conserved

    @invariant()
    def merchant_holds_what_was_paid_and_not_refunded(self):
        if hasattr(self, "client"):
            merchant = next(m for m in self.client.get("/__admin/funds").json["merchants"]
                            if m["merchantDetailId"] == MERCHANT)
            assert merchant["balance"] >= 0


TestMoneyMachine = MoneyMachine.TestCase
TestMoneyMachine.settings = settings(max_examples=12, stateful_step_count=12, deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow])
