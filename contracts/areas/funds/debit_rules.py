"""Merchant-debit rules of the stateful suite: pay the seed's merchant from the funded wallet with a fresh
TRANSACTION_OTP, replay a payment, overdraw, pay with a wrong or used OTP, settle on the clock, refund.

A mixin of `MoneyRules` (rules.py), which gives it the ledger model, the balance reads and the host
machine's `client`, `env`, `_count` and `_fail`. The OTP is read the way the suite reads every OTP on the
mock: the admin API's OTP list (or a sandbox's fixed OTP). Settlement and refunds use the mock's clock and
admin API; every rule here needs the funded wallet, so none runs against a real sandbox (`MONEY_RULES`).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, multiple, precondition, rule

from ...errors import Problem
from .checks import balance_never_negative, debit_needs_otp, reference_is_idempotent
from .model import LedgerModel, rupees

if TYPE_CHECKING:
    from ...client import EnkashClient, Reply
    from ...registration import ContractCheck

__all__ = ["DEBIT_OPERATIONS", "DEBIT_RULES", "MERCHANT", "SETTLE_AFTER_SECONDS", "DebitRules"]

MERCHANT = "MD7GWIYV3VEMQ8KQ"  # the docs' example merchant, in the mock seed for the demo partner
# Past the default schedule (SETTLED on the second working day after the debit) over any weekend.
SETTLE_AFTER_SECONDS = 6 * 86400
DEBIT_RULES = {"merchant_debit": "funded", "replay_debit": "funded", "overdraw": "funded",
               "debit_without_otp": "funded", "settle_debit": "funded", "refund_debit": "funded"}
DEBIT_OPERATIONS = {"merchant_debit": "debitWalletForMerchant", "replay_debit": "debitWalletForMerchant",
                    "overdraw": "debitWalletForMerchant", "debit_without_otp": "debitWalletForMerchant",
                    "settle_debit": "getSettlementStatus", "refund_debit": "getSettlementStatus"}
DEBIT_AMOUNTS = st.sampled_from(["0.01", "1.00", "3.20", "9.99"])


class DebitRules:
    """Mixed into MoneyRules; what it uses from there and from the machine is declared below."""

    debits = Bundle("debits")

    if TYPE_CHECKING:
        env: Any
        ledger_model: LedgerModel
        money_moved: bool
        funded_wallet: str

        @property
        def client(self) -> EnkashClient: ...

        def _count(self, name: str, what: str) -> None: ...

        def _fail(self, name: str, check: ContractCheck, problem: Problem, what: str) -> None: ...

        def _ledger(self) -> LedgerModel: ...

        def _target_balance(self, name: str) -> Decimal: ...

        def _model_agrees(self, name: str, expected: tuple, actual: tuple) -> None: ...

    # --- helpers -----------------------------------------------------------------------------------
    def _fresh_otp(self, name: str) -> tuple[str, str]:
        """A new TRANSACTION_OTP of the funded wallet: (otpReferenceId, its value)."""
        reply = self.client.generate_otp(self.funded_wallet)
        reference = reply.field("otpReferenceId")
        if reply.code != 0 or not reference:
            self._model_agrees(name, (0, "a TRANSACTION_OTP (response_code 0)"),
                               (reply.code, f"HTTP {reply.status}, response_code {reply.code!r}"))
        if self.env.fixed_otp:
            return reference, self.env.fixed_otp
        for item in self.client.admin_otps(self.funded_wallet):
            if item.get("otpReferenceId") == reference:
                return reference, str(item["otp"])
        raise LookupError(f"the mock lists no OTP {reference} for {self.funded_wallet}")

    def _debit_body(self, amount: str, otp: tuple[str, str], reference: str | None = None) -> dict[str, Any]:
        ids = self.client.ids(self.funded_wallet)
        return {"merchantDetailId": MERCHANT, "enkashCardId": self.funded_wallet, "companyId": ids["companyId"],
                "cardAccountId": ids["cardAccountId"], "amount": amount, "productCode": "DEFAULT",
                "remarks": "contract suite payment", "otpMedium": "MOBILE", "otp": otp[1],
                "otpReferenceId": otp[0], "uniqueTransactionId": reference or f"contracts-{uuid.uuid4().hex[:20]}"}

    def _pay(self, body: dict[str, Any]) -> Reply:
        return self.client.operation("debitWalletForMerchant", body=body)

    def _note(self, reply: Reply, balance: Decimal | None = None) -> None:
        tail = f", otbBalance {balance}" if balance is not None else ""
        self.env.steps[-1] += f" -> HTTP {reply.status}, response_code {reply.code!r}{tail}"

    def _restore(self, amount: Decimal, name: str) -> None:
        """Top the wallet back up by what a faulty target let a payment take past its balance, before the
        failure is raised: hypothesis replays a failing run once, and it must start from a wallet in the
        same shape, not one an earlier run left below zero (it would fail sooner, and differently)."""
        self.client.top_up(self.funded_wallet, f"{amount:.2f}", f"contracts-restore-{uuid.uuid4().hex[:12]}")
        self.env.steps[-1] += f" (wallet topped back up by {amount:.2f} before reporting)"

    def _guard_negative(self, name: str, balance: Decimal, what: str) -> None:
        problem = balance_never_negative(balance)
        if problem:
            self._fail(name, balance_never_negative, problem, what)

    # --- rules: two hypothesis rules, so the wallet rules keep their share of every run's steps -----
    @precondition(lambda self: self.env.allowed("merchant_debit"))
    @rule(target=debits, kind=st.sampled_from(["pay", "pay", "overdraw", "without_otp"]), drawn=DEBIT_AMOUNTS,
          extra=st.sampled_from(["0.01", "1.00", "250.00"]),
          how=st.sampled_from(["a wrong OTP", "a used OTP", "an unknown OTP reference"]))
    def pay_merchant(self, kind: str, drawn: str, extra: str, how: str):
        """A payment: one the balance covers with a fresh OTP, one past the balance, or one without a valid OTP."""
        if kind == "overdraw":
            self.overdraw(extra)
        elif kind == "without_otp":
            self.debit_without_otp(how)
        else:
            return self.merchant_debit(drawn)
        return multiple()

    @precondition(lambda self: self.env.allowed("replay_debit"))
    @rule(reference=debits, action=st.sampled_from(["replay", "settle", "refund"]))
    def follow_up_payment(self, reference: str, action: str) -> None:
        """Replay an earlier payment, let the clock settle it, or refund it through the admin API."""
        {"replay": self.replay_debit, "settle": self.settle_debit, "refund": self.refund_debit}[action](reference)

    def merchant_debit(self, drawn: str) -> str:
        """Generate OTP → read it → pay the merchant: accepted when the balance covers it (the model says)."""
        ledger = self._ledger()
        amount = "1.00" if self.env.gentle_money else drawn
        body = self._debit_body(amount, self._fresh_otp("merchant_debit"))
        reference = body["uniqueTransactionId"]
        self._count("merchant_debit", f"pay {MERCHANT} {amount} from {self.funded_wallet} with a fresh OTP "
                                      f"(uniqueTransactionId {reference})")
        reply = self._pay(body)
        self._note(reply)
        covered = ledger.covers(rupees(amount))
        self._model_agrees("merchant_debit", (0 if covered else 1, f"response_code {0 if covered else 1} "
                                              f"(the model's otbBalance {ledger.balance} vs {amount})"),
                           (reply.code, f"response_code {reply.code!r} ({reply.message})"))
        ledger.debited(reference, rupees(amount), reply.code, body)
        self.money_moved = True
        return reference

    def replay_debit(self, reference: str) -> None:
        """The same request again (the same, now used, OTP too): the first answer, nothing moves."""
        first = self._ledger().debits[reference]
        before = self._target_balance("replay_debit")
        self._count("replay_debit", f"replay payment {reference} ({first.amount}) from {self.funded_wallet}")
        reply = self._pay(first.body)
        after = self._target_balance("replay_debit")
        self._note(reply, after)
        self._guard_negative("replay_debit", after, f"replayed payment {reference}")
        problem = reference_is_idempotent(first.code, reply.code, before, after)
        if problem:
            self._fail("replay_debit", reference_is_idempotent, problem, f"replayed uniqueTransactionId {reference}")

    def overdraw(self, extra: str) -> None:
        """A payment one paisa (or more) past the balance, with a valid OTP: refused, nothing moves."""
        ledger = self._ledger()
        before = self._target_balance("overdraw")
        amount = before + Decimal(extra)
        body = self._debit_body(f"{amount:.2f}", self._fresh_otp("overdraw"))
        self._count("overdraw", f"pay {MERCHANT} {amount:.2f} from {self.funded_wallet}, which holds {before}")
        reply = self._pay(body)
        after = self._target_balance("overdraw")
        self._note(reply, after)
        ledger.debited(body["uniqueTransactionId"], amount, 1, body)  # the model refuses it: past the balance
        self.money_moved = True
        if after < 0:
            self._restore(before - after, "overdraw")
        self._guard_negative("overdraw", after, f"payment of {amount:.2f} on a balance of {before}")
        self._model_agrees("overdraw", ((1, before), f"response_code 1 and otbBalance still {before}"),
                           ((reply.code, after), f"response_code {reply.code!r}, otbBalance {after}"))

    def debit_without_otp(self, how: str) -> None:
        """A payment the balance covers but whose OTP is wrong or already used: refused, nothing moves."""
        ledger = self._ledger()
        reference, value = self._fresh_otp("debit_without_otp")
        used = [debit.body for debit in ledger.debits.values() if debit.code == 0]
        if how == "a used OTP" and used:
            otp = (used[-1]["otpReferenceId"], used[-1]["otp"])
        elif how == "an unknown OTP reference":
            otp = ("EK" + uuid.uuid4().hex[:8].upper(), value)  # no such reference, a real OTP's value
        else:
            how, otp = "a wrong OTP", (reference, f"{(int(value) + 1) % 1_000_000:06d}")
        before = self._target_balance("debit_without_otp")
        amount = min(Decimal("1.00"), before) if before > 0 else Decimal("0.01")
        body = self._debit_body(f"{amount:.2f}", otp)
        self._count("debit_without_otp", f"pay {MERCHANT} {amount:.2f} from {self.funded_wallet} with {how}")
        reply = self._pay(body)
        after = self._target_balance("debit_without_otp")
        self._note(reply, after)
        ledger.debited(body["uniqueTransactionId"], amount, 1, body)  # the model refuses it: no valid OTP
        self.money_moved = True
        problem = debit_needs_otp(how, reply.code, before, after)
        if problem:
            self._fail("debit_without_otp", debit_needs_otp, problem, f"payment with {how}")

    def settle_debit(self, reference: str) -> None:
        """Past the schedule on the mock's clock an accepted payment reads SETTLED (a refund keeps its status)."""
        debit = self._ledger().debits[reference]
        if debit.code != 0:
            return
        self._count("settle_debit", f"advance the clock {SETTLE_AFTER_SECONDS}s, read the settlement of {reference}")
        self.client.advance_clock(SETTLE_AFTER_SECONDS)
        model = getattr(self, "model", None)  # the wallet model's clock (OTP expiry) moves with the mock's
        if model is not None:
            model.advance(SETTLE_AFTER_SECONDS)
        reply = self.client.operation("getSettlementStatus", query={"merchantUniqueTxnId": reference})
        status = reply.field("settlementStatus")
        self._note(reply)
        self.env.steps[-1] += f", settlementStatus {status}"
        expected = "REFUND" if debit.refunded else "SETTLED"
        self._model_agrees("settle_debit", (expected, f"settlementStatus {expected}"),
                           (status, f"HTTP {reply.status}, response_code {reply.code!r}, settlementStatus {status}"))

    def refund_debit(self, reference: str) -> None:
        """Admin: PENDING_WITH_BANK, then REFUND, which credits the payment back to the wallet."""
        ledger = self._ledger()
        debit = ledger.debits[reference]
        if debit.code != 0 or debit.refunded:
            return
        self._count("refund_debit", f"refund payment {reference} ({debit.amount}): PENDING_WITH_BANK, REFUND")
        for status in ("PENDING_WITH_BANK", "REFUND"):
            self.client.admin("PUT", f"/settlements/{reference}", json={"status": status})
        ledger.refunded(reference)
        self.money_moved = True
        reply = self.client.operation("getSettlementStatus", query={"merchantUniqueTxnId": reference})
        status = reply.field("settlementStatus")
        self._note(reply)
        self._model_agrees("refund_debit", ("REFUND", "settlementStatus REFUND"),
                           (status, f"HTTP {reply.status}, response_code {reply.code!r}, settlementStatus {status}"))
