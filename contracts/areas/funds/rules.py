"""Money rules of the stateful suite: top-ups and replays of their reference on the mock's funded wallet,
and (debit_rules.py) merchant debits, their replays, overdrafts, OTP refusals, settlement and refunds.

A mixin of `WalletMachine` (contracts/suites/rules.py), which gives it `client`, `env`, `_count` and
`_fail`. The model (`LedgerModel`) starts from the balance the wallet shows when the run begins; after
every money move an invariant reads the whole history and the balance and holds them to the model and
to each other. Amounts are strings of exact rupees: the `uat` profile keeps them to 1.00.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, invariant, precondition, rule

from ...checks import target_agrees_with_model
from ...errors import Problem

if TYPE_CHECKING:
    from ...client import EnkashClient
    from ...registration import ContractCheck
from .checks import (
    balance_equals_history,
    balance_never_negative,
    kyc_limits_hold,
    money_is_conserved,
    reference_is_idempotent,
)
from .debit_rules import DEBIT_OPERATIONS, DEBIT_RULES, MERCHANT, DebitRules
from .model import CENT, MAX_BALANCE, LedgerModel, rupees

__all__ = ["MONEY_AMOUNTS", "MONEY_OPERATIONS", "MONEY_RULES", "MoneyRules", "top_up_amount"]

FUNDED_WALLET = "EKCWLUAADN"  # the mock seed's usable, funded wallet (minimum KYC, T&C accepted)
FUNDED_WALLET_KYC = "MIN_KYC"
# rule -> what it needs (see contracts/suites/rules.py): a funded wallet, known only on the mock
MONEY_RULES = {"top_up": "funded", "replay_top_up": "funded", "probe_load_limit": "funded",
               "ledger_invariant": "funded", **DEBIT_RULES}
MONEY_OPERATIONS = {"top_up": "topUpWallet", "replay_top_up": "topUpWallet", "probe_load_limit": "topUpWallet",
                    "ledger_invariant": "listTransactions", **DEBIT_OPERATIONS}


# Small exact sums: a whole ci run stays far inside the minimum-KYC monthly load limit (10,000).
MONEY_AMOUNTS = st.sampled_from(["0.01", "1.00", "2.50", "7.35", "10.00"])


def top_up_amount(gentle: bool, drawn: str) -> str:
    """What a top-up moves: 1.00 only where the money may be real (the uat profile), else the drawn sum."""
    return "1.00" if gentle else drawn


class MoneyRules(DebitRules):
    """Mixed into the wallet state machine, which provides what is declared below."""

    top_ups = Bundle("top_ups")
    funded_wallet = FUNDED_WALLET

    if TYPE_CHECKING:  # the host machine's (contracts/suites/rules.py)
        env: Any

        @property
        def client(self) -> EnkashClient: ...

        def _count(self, name: str, what: str) -> None: ...

        def _fail(self, name: str, check: ContractCheck, problem: Problem, what: str) -> None: ...

    def _ledger(self) -> LedgerModel:
        if getattr(self, "ledger_model", None) is None:
            self.ledger_model = LedgerModel(self._target_balance("top_up"))
            self.ledger_model.merchant = self._merchant_balance()
            # held by money_is_conserved: card account + wallet + merchant
            self.money_total = self.ledger_model.balance + self._card_account_balance() + self.ledger_model.merchant
            self.money_moved = False
        return self.ledger_model

    def _model_agrees(self, name: str, expected: tuple, actual: tuple) -> None:
        """(value, description) pairs: the target's answer is the one the model predicts."""
        problem = target_agrees_with_model(expected, actual)
        if problem:
            self._fail(name, target_agrees_with_model, problem, f"{name}: the target and the model disagree")

    def _merchant_balance(self) -> Decimal:
        """What the seed's merchant holds, from the mock's admin API (every money rule runs on the mock only)."""
        for merchant in self.client.admin("GET", "/merchants")["merchants"]:
            if merchant["merchantDetailId"] == MERCHANT:
                return rupees(merchant["balance"])
        raise LookupError(f"the mock lists no merchant {MERCHANT}")

    def _target_balance(self, name: str) -> Decimal:
        reply = self.client.card_balance(FUNDED_WALLET)
        if reply.code != 0:
            self._fail(name, balance_equals_history,
                       Problem("the funded wallet's balance (response_code 0)",
                               f"HTTP {reply.status}, response_code {reply.code!r}"), "read balance")
        return rupees(reply.field("otbBalance"))

    def _card_account_balance(self) -> Decimal:
        reply = self.client.card_account()
        if reply.code != 0:
            self._fail("ledger_invariant", money_is_conserved,
                       Problem("the card account (response_code 0)",
                               f"HTTP {reply.status}, response_code {reply.code!r}"), "read card account")
        return rupees(reply.field("availableBalance"))

    @precondition(lambda self: self.env.allowed("top_up"))
    @rule(target=top_ups, amount=MONEY_AMOUNTS)
    def top_up(self, amount: str) -> str:
        ledger = self._ledger()
        amount = top_up_amount(self.env.gentle_money, amount)
        reference = f"contracts-{uuid.uuid4().hex[:20]}"
        self._count("top_up", f"top up {FUNDED_WALLET} with {amount} (reference {reference})")
        reply = self.client.top_up(FUNDED_WALLET, amount, reference)
        self.env.steps[-1] += f" -> HTTP {reply.status}, response_code {reply.code!r}"
        ledger.topped_up(reference, rupees(amount), reply.code, reply.field("otbBalance"))
        self.money_moved = True
        return reference

    @precondition(lambda self: self.env.allowed("replay_top_up"))
    @rule(reference=top_ups)
    def replay_top_up(self, reference: str) -> None:
        ledger = self._ledger()
        first = ledger.top_ups[reference]
        before = self._target_balance("replay_top_up")
        amount = f"{first.amount:.2f}"
        self._count("replay_top_up", f"replay top-up {reference} ({amount}) on {FUNDED_WALLET}")
        reply = self.client.top_up(FUNDED_WALLET, amount, reference)
        after = self._target_balance("replay_top_up")
        self.env.steps[-1] += f" -> HTTP {reply.status}, response_code {reply.code!r}, otbBalance {after}"
        problem = reference_is_idempotent(first.code, reply.code, before, after)
        if problem:
            self._fail("replay_top_up", reference_is_idempotent, problem, f"replayed reference {reference}")

    @precondition(lambda self: self.env.allowed("probe_load_limit"))
    @rule()
    def probe_load_limit(self) -> None:
        """A top-up one paisa past the tier's outstanding limit: refused, nothing moves."""
        ledger = self._ledger()
        cap = MAX_BALANCE[FUNDED_WALLET_KYC]
        before = self._target_balance("probe_load_limit")
        if before > cap:  # an earlier load already broke the limit (so a replayed failure fails again)
            self._count("probe_load_limit", f"{FUNDED_WALLET} holds {before}, past {cap}")
            problem = kyc_limits_hold(cap, before, CENT, 1, before)
            assert problem is not None  # before > cap: the check cannot hold
            self._fail("probe_load_limit", kyc_limits_hold, problem, f"balance past the {FUNDED_WALLET_KYC} limit")
        amount = cap - before + CENT
        reference = f"contracts-limit-{uuid.uuid4().hex[:16]}"
        self._count("probe_load_limit", f"top up {FUNDED_WALLET} with {amount}, one paisa past {cap}")
        reply = self.client.top_up(FUNDED_WALLET, f"{amount:.2f}", reference)
        after = self._target_balance("probe_load_limit")
        self.env.steps[-1] += f" -> HTTP {reply.status}, response_code {reply.code!r}, otbBalance {after}"
        ledger.topped_up(reference, amount, 1, None)  # the model refuses it: past the limit
        self.money_moved = True
        problem = kyc_limits_hold(cap, before, amount, reply.code, after)
        if problem:
            self._fail("probe_load_limit", kyc_limits_hold, problem, f"load past the {FUNDED_WALLET_KYC} limit")

    @invariant()
    def ledger_invariant(self) -> None:
        if not getattr(self, "money_moved", False):
            return
        self.money_moved = False
        self._count("ledger_invariant", f"invariant: {FUNDED_WALLET}'s balance equals its history and the model")
        credits, debits, balance = self._history()
        problem = balance_never_negative(balance)
        if problem:
            self._fail("ledger_invariant", balance_never_negative, problem, "invariant: balance never negative")
        problem = balance_equals_history(balance, credits, debits)
        if problem:
            self._fail("ledger_invariant", balance_equals_history, problem, "invariant: balance equals history")
        expected = self.ledger_model.balance
        if balance != expected:
            self._fail("ledger_invariant", balance_equals_history,
                       Problem(f"otbBalance {expected} (the model's: each accepted top-up credited once, "
                               "each accepted debit taken once, each refund given back)",
                               f"otbBalance {balance}"), "invariant: balance as the model has it")
        merchant = self._merchant_balance()
        problem = money_is_conserved(self.money_total, self._card_account_balance(), balance, merchant)
        if problem:
            self._fail("ledger_invariant", money_is_conserved, problem, "invariant: money is conserved")
        modelled = self.ledger_model.merchant
        self._model_agrees("ledger_invariant",
                           (modelled, f"{MERCHANT} holds {modelled} (the model's: accepted debits less refunds)"),
                           (merchant, f"{MERCHANT} holds {merchant}"))

    def _history(self) -> tuple[Decimal, Decimal, Decimal]:
        """Credits and debits summed over every page of transaction/all, and the balance it reports."""
        credits = debits = Decimal("0.00")
        page, pages, balance = 0, 1, None
        while page < pages:
            reply = self.client.transactions(FUNDED_WALLET, page=page)
            if reply.code != 0:
                self._fail("ledger_invariant", balance_equals_history,
                           Problem("the wallet's history (response_code 0)",
                                   f"HTTP {reply.status}, response_code {reply.code!r}"), "read history")
            payload = reply.payload
            for item in payload.get("transactions", []):
                if item.get("status") not in (None, "SUCCESS"):
                    continue
                if item.get("cardTransactionType") == "CR":
                    credits += rupees(item["principalAmount"])
                elif item.get("cardTransactionType") == "DR":
                    debits += rupees(item["principalAmount"])
            balance = rupees(payload.get("otbBalance")) if balance is None else balance
            pages, page = int(payload.get("totalPages", 0)), page + 1
        return credits, debits, self._target_balance("ledger_invariant") if balance is None else balance
