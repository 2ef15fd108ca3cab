"""Transfer rules of the stateful suite: IMPS transfers that succeed, fail or are reversed, and replays.

A mixin of `WalletMachine` (contracts/suites/rules.py), which gives it `client`, `env`, `model`,
`_count`, `_fail` and `_otp_value`. The first rule to run builds, once per suite run, what a transfer
needs and a real sandbox cannot give a test: a FULL_KYC wallet (VKYC approved through the mock's admin
API) in the seed's second card account, funded from it, and three bank beneficiaries whose transfers
the mock is told to let succeed, fail, or succeed and then reverse. Every transfer is then followed
to its final status by moving the mock's clock, and the model predicts each balance on the way.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st
from hypothesis.stateful import invariant, precondition, rule

from ...checks import target_agrees_with_model
from ...errors import Problem
from ...suites.data import business_hours_instant
from ..funds.checks import balance_equals_history, money_is_conserved
from ..funds.model import rupees
from .checks import failed_transfer_is_reversed, transfer_is_idempotent
from .model import TransferModel

if TYPE_CHECKING:
    from ...client import EnkashClient, Reply
    from ...registration import ContractCheck

__all__ = ["PAYOUT_OPERATIONS", "PAYOUT_RULES", "PayoutRules"]

CARD_ACCOUNT = "CAP7975"  # the mock seed's second card account (prepaid product: Create needs only ids)
FUNDING = Decimal("10000.00")
BENEFICIARIES = {"SUCCESS": "CONTRACTSOK", "FAIL": "CONTRACTSFAIL", "REVERSE": "CONTRACTSREV"}
SETTLED_AFTER_SECONDS = 2 * 3600  # past the mock's default settle delay (5 s) and reversal delay (1 h)
# rule -> what it needs (contracts/suites/rules.py): a FULL_KYC wallet and outcomes, only on the mock
PAYOUT_RULES = {"transfer": "full_kyc", "transfer_invariant": "full_kyc"}
PAYOUT_OPERATIONS = {"transfer": "fundTransfer", "transfer_invariant": "listTransactions"}
AMOUNTS = st.sampled_from(["1.00", "2.50", "10.00", "49.99"])


@dataclass
class _Setup:
    wallet: str
    company_id: str


class PayoutRules:
    """Mixed into the wallet state machine, which provides what is declared below."""

    if TYPE_CHECKING:  # the host machine's (contracts/suites/rules.py)
        env: Any
        model: Any

        @property
        def client(self) -> EnkashClient: ...

        def _count(self, name: str, what: str) -> None: ...

        def _fail(self, name: str, check: ContractCheck, problem: Problem, what: str) -> None: ...

        def _otp_value(self, wallet_id: str, reference: str) -> str: ...

    # --- calls -------------------------------------------------------------------------------------
    def _payout_ids(self, wallet: str) -> dict[str, str]:
        return {"companyId": self.client.target.credentials.company_id, "cardAccountId": CARD_ACCOUNT,
                "enKashCardId": wallet}

    def _payout_need(self, name: str, reply: Reply, what: str) -> Reply:
        """A setup or read step the rule depends on: anything but response_code 0 fails the run."""
        if reply.code != 0:
            self._fail(name, target_agrees_with_model, Problem(f"{what}: response_code 0",
                                                             f"HTTP {reply.status}, response_code {reply.code!r} "
                                                             f"({reply.message})"), what)
        return reply

    def _payout_otp(self, name: str, wallet: str) -> tuple[str, str]:
        reply = self._payout_need(name, self.client.operation("generateOtp", body={
            "cardOtpAction": "TRANSACTION_OTP", "cardAccountId": CARD_ACCOUNT, "enKashCardId": wallet}), "an OTP")
        reference = reply.field("otpReferenceId")
        return reference, self._otp_value(wallet, reference)

    def _payout_balance(self, name: str, wallet: str) -> Decimal:
        reply = self.client.operation("getCardBalance", body=self._payout_ids(wallet))
        self._payout_need(name, reply, "the balance")
        return rupees(reply.field("otbBalance"))

    def _payout_account_balance(self, name: str) -> Decimal:
        reply = self._payout_need(name, self.client.operation("getCardAccount", body={
            "companyId": self.client.target.credentials.company_id, "cardAccountId": CARD_ACCOUNT}),
            "the card account")
        return rupees(reply.field("availableBalance"))

    def _payout_advance(self, seconds: int) -> None:
        self.client.advance_clock(seconds)
        self.model.advance(seconds)  # the onboarding model keeps the same clock

    # --- the once-per-run setup ------------------------------------------------------------------------
    def _payouts(self) -> tuple[_Setup, TransferModel]:
        """The run-wide setup (built once), and this machine's model, started from what the target holds now
        (as the money rules do), so a replayed example meets the same expectations as the first run."""
        setup = getattr(self.env, "payout_setup", None)
        if setup is None:
            setup = self._payout_prepare("transfer")
            self.env.payout_setup = setup
        model = getattr(self, "payout_model", None)
        if model is None:
            balance = self._payout_balance("transfer", setup.wallet)
            model = self.payout_model = TransferModel(balance, balance + self._payout_account_balance("transfer"))
        return setup, model

    def _payout_prepare(self, name: str) -> _Setup:
        client, company = self.client, self.client.target.credentials.company_id
        self._count(name, f"set up: a FULL_KYC wallet in {CARD_ACCOUNT}, funded, with three beneficiaries")
        created = self._payout_need(name, client.operation("createWallet", body={
            "companyId": company, "cardAccountId": CARD_ACCOUNT, "mobile": self.env.mobiles.fresh(),
            "firstName": "Contract", "lastName": "Payouts"}), "create a wallet")
        wallet = created.field("enKashCardId")
        reference, otp = self._payout_otp(name, wallet)
        verify = {**self._payout_ids(wallet), "otpReferenceId": reference, "otp": otp}
        verified = client.operation("minKyc", body=verify)
        self._payout_need(name, verified, "minimum KYC")
        client.admin("POST", f"/tnc/{wallet}/accept")
        self._payout_vkyc_link(name, wallet)
        client.vkyc_decision(wallet, "APPROVED")
        self._payout_need(name, client.operation("topUpWallet", body={
            **self._payout_ids(wallet), "amount": f"{FUNDING:.2f}", "transactionType": "CR",
            "uniqueReferenceNumber": f"contracts-payouts-{uuid.uuid4().hex[:16]}"}), "fund the wallet")
        for outcome, beneficiary in BENEFICIARIES.items():
            self._payout_need(name, client.operation("addBeneficiary", body={
                **self._payout_ids(wallet), "beneficiaryId": beneficiary, "beneficiaryName": "Contract Payee",
                "beneficiaryAccountNumber": "50100123456789", "beneficiaryIfsc": "HDFC0000240"}), "a beneficiary")
            client.admin("PUT", f"/beneficiaries/{wallet}/{beneficiary}/outcome", json={"outcome": outcome})
        return _Setup(wallet, company)

    def _payout_vkyc_link(self, name: str, wallet: str) -> None:
        """VKYC works 10:00-18:00 on working days (documented): move the clock there first if needed."""
        query = self._payout_ids(wallet)
        if self.client.operation("getVkycLink", query=query).code == 0:
            return
        instant = business_hours_instant(self.model.now)
        self.client.set_clock(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(instant)))
        self.model.advance(instant - self.model.now)
        self._payout_need(name, self.client.operation("getVkycLink", query=query), "a VKYC link in VKYC hours")

    # --- rules ------------------------------------------------------------------------------------------
    @precondition(lambda self: self.env.allowed("transfer"))
    @rule(outcome=st.sampled_from(sorted(BENEFICIARIES)), amount=AMOUNTS, replay=st.booleans())
    def transfer(self, outcome: str, amount: str, replay: bool) -> None:
        setup, model = self._payouts()
        wallet, transaction_id = setup.wallet, f"CT-{uuid.uuid4().hex[:20]}"
        before = self._payout_balance("transfer", wallet)
        reference, otp = self._payout_otp("transfer", wallet)
        body = {**self._payout_ids(wallet), "beneficiaryId": BENEFICIARIES[outcome], "transactionId": transaction_id,
                "transferAmount": amount, "transferMode": "IMPS", "otpMedium": "MOBILE", "otp": otp,
                "otpReferenceId": reference}
        self._count("transfer", f"transfer {amount} from {wallet} to the {outcome} beneficiary ({transaction_id})")
        first = self._payout_need("transfer", self.client.operation("fundTransfer", body=body), "the transfer")
        self.env.steps[-1] += f" -> {first.field('status')}"
        if first.field("status") != "PROCESSING":
            self._fail("transfer", target_agrees_with_model,
                       Problem("status PROCESSING (an accepted transfer)", f"status {first.field('status')!r}"),
                       "transfer accepted")
        model.accepted(transaction_id, rupees(amount), outcome)
        self.payout_moved = True
        if replay:
            self._payout_replay("transfer", body, first, model.balance)
        self._payout_advance(SETTLED_AFTER_SECONDS)
        status = self.client.operation("getFundTransferStatus", query={"transactionId": transaction_id})
        expected = model.settled(transaction_id)
        actual = status.field("status")
        after = self._payout_balance("transfer", wallet)
        self.env.steps[-1] += f" -> after the clock moved: {actual}, otbBalance {after}"
        problem = failed_transfer_is_reversed(actual, before, after)
        if problem:
            self._fail("transfer", failed_transfer_is_reversed, problem, f"{actual} transfer {transaction_id}")
        if actual != expected or after != model.balance:
            self._fail("transfer", target_agrees_with_model,
                       Problem(f"status {expected}, otbBalance {model.balance}",
                               f"status {actual!r}, otbBalance {after}"),
                       f"transfer {transaction_id} to the {outcome} beneficiary")

    def _payout_replay(self, name: str, body: dict, first: Reply, expected_balance: Decimal) -> None:
        self._count(name, f"replay transfer {body['transactionId']} with the same body")
        again = self.client.operation("fundTransfer", body=body)
        after = self._payout_balance(name, body["enKashCardId"])
        self.env.steps[-1] += f" -> response_code {again.code!r}, otbBalance {after}"
        problem = transfer_is_idempotent((first.code, first.field("enkashTransactionId")),
                                         (again.code, again.field("enkashTransactionId")), expected_balance, after)
        if problem:
            self._fail(name, transfer_is_idempotent, problem, f"replayed transactionId {body['transactionId']}")

    @invariant()
    def transfer_invariant(self) -> None:
        setup, model = getattr(self.env, "payout_setup", None), getattr(self, "payout_model", None)
        if setup is None or model is None or not getattr(self, "payout_moved", False):
            return
        self.payout_moved = False
        self._count("transfer_invariant", f"invariant: {setup.wallet}'s balance equals its history; money conserved")
        credits, debits, balance = self._payout_history(setup.wallet)
        problem = balance_equals_history(balance, credits, debits)
        if problem:
            self._fail("transfer_invariant", balance_equals_history, problem, "invariant: transfers in the history")
        problem = money_is_conserved(model.in_system(), self._payout_account_balance("transfer_invariant"), balance)
        if problem:
            self._fail("transfer_invariant", money_is_conserved, problem,
                       "invariant: card account + wallet = the start less what is at the bank")

    def _payout_history(self, wallet: str) -> tuple[Decimal, Decimal, Decimal]:
        credits = debits = Decimal("0.00")
        page, pages, balance = 0, 1, Decimal("0.00")
        while page < pages:
            reply = self._payout_need("transfer_invariant", self.client.operation("listTransactions", body={
                **self._payout_ids(wallet), "page": page, "size": 100}), "the wallet's history")
            for item in reply.payload.get("transactions", []):
                if item.get("status") not in (None, "SUCCESS"):
                    continue
                if item.get("cardTransactionType") == "CR":
                    credits += rupees(item["principalAmount"])
                elif item.get("cardTransactionType") == "DR":
                    debits += rupees(item["principalAmount"])
            balance = rupees(reply.payload.get("otbBalance"))
            pages, page = int(reply.payload.get("totalPages", 0)), page + 1
        return credits, debits, balance
