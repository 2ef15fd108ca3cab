"""Gateway rules of the stateful suite: wallet-to-wallet transfers and Add Money orders, on the mock.

A mixin of `WalletMachine` (contracts/suites/rules.py) beside `MoneyRules`, whose model it keeps true:
a transfer takes money out of the funded wallet (its model balance and the card-account + wallet total
drop by the amount), a paid order brings money in from outside. The rules create one more usable wallet
of the partner per run (the "peer": create, minimum KYC with the OTP from the admin API, T&C accepted by
the admin API) to send to and to top up. The payer is played through the admin API, so against a real
sandbox every rule here is skipped (`funded`). After every move an invariant holds the peer to the model
and card account + funded wallet + peer to everything that came in (money_is_conserved).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st
from hypothesis.stateful import invariant, precondition, rule

from ...checks import money_is_conserved, target_agrees_with_model
from ...client import HarnessError
from ...errors import Problem
from ..funds.checks import balance_equals_history
from ..funds.model import CENT, rupees
from ..funds.rules import FUNDED_WALLET, MONEY_AMOUNTS
from .checks import unpaid_order_credits_nothing, wallet_transfer_is_atomic
from .model import OUTCOME_STATUS, PeerModel, transfer_accepted

if TYPE_CHECKING:
    from ...client import EnkashClient
    from ...registration import ContractCheck
    from ..funds.model import LedgerModel

__all__ = ["GATEWAY_OPERATIONS", "GATEWAY_RULES", "GatewayRules"]

GATEWAY_RULES = {"wallet_transfer": "funded", "gateway_top_up": "funded", "gateway_invariant": "funded"}
GATEWAY_OPERATIONS = {"wallet_transfer": "transferWalletToWallet", "gateway_top_up": "createAddMoneyOrder",
                      "gateway_invariant": "getCardBalance"}
PEER_HOLDER = {"email": "peer.wallet@example.com", "title": "Ms", "firstName": "Asha", "lastName": "Verma",
               "gender": "F", "specialDate": "02-09-2001", "address": "12 MG Road", "city": "Jaipur",
               "state": "Rajasthan", "country": "India", "pincode": "302001",
               "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}]}


class GatewayRules:
    """Mixed into the wallet state machine, which provides what is declared below."""

    if TYPE_CHECKING:  # the host machine's (contracts/suites/rules.py) and MoneyRules'
        env: Any
        model: Any
        ledger_model: LedgerModel
        money_total: Decimal
        money_moved: bool

        @property
        def client(self) -> EnkashClient: ...

        def _count(self, name: str, what: str) -> None: ...

        def _fail(self, name: str, check: ContractCheck, problem: Problem, what: str) -> None: ...

        def _otp_value(self, wallet_id: str, reference: str) -> str: ...

        def _ledger(self) -> LedgerModel: ...

        def _target_balance(self, name: str) -> Decimal: ...

        def _card_account_balance(self) -> Decimal: ...

        def _merchant_balance(self) -> Decimal: ...

    # --- helpers -----------------------------------------------------------------------------------
    def _must(self, name: str, reply: Any, what: str) -> Any:
        """A call the rule relies on: anything but response_code 0 is the target disagreeing with the model."""
        if reply.code != 0:
            self._fail(name, target_agrees_with_model,
                       Problem(f"{what}: HTTP 200, response_code 0",
                               f"HTTP {reply.status}, response_code {reply.code!r} ({reply.message})"), what)
        return reply

    def _peer(self, name: str) -> PeerModel:
        if getattr(self, "peer_model", None) is None:
            self._ledger()  # the money model starts first: its totals are read before the peer exists
            self._count(name, "create the peer wallet: create, minimum KYC, T&C accepted (admin)")
            created = self._must(name, self.client.create_wallet({**PEER_HOLDER, "mobile": self.env.mobiles.fresh()}),
                                 "create the peer wallet")
            wallet = created.field("enKashCardId")
            reference = self._must(name, self.client.generate_otp(wallet), "OTP of the peer").field("otpReferenceId")
            self._must(name, self.client.min_kyc(wallet, reference, self._otp_value(wallet, reference)),
                       "minimum KYC of the peer")
            self.client.admin("POST", f"/tnc/{wallet}/accept")
            self.peer_model = PeerModel(wallet, self._balance_of(name, wallet))
            self.system_total = self.money_total + self.peer_model.balance
        return self.peer_model

    def _balance_of(self, name: str, wallet: str) -> Decimal:
        return rupees(self._must(name, self.client.card_balance(wallet), f"balance of {wallet}").field("otbBalance"))

    def _otp_for(self, name: str, wallet: str) -> tuple[str, str]:
        reference = self._must(name, self.client.generate_otp(wallet), f"OTP of {wallet}").field("otpReferenceId")
        return reference, self._otp_value(wallet, reference)

    # --- wallet to wallet ------------------------------------------------------------------------------
    @precondition(lambda self: self.env.allowed("wallet_transfer"))
    @rule(amount=MONEY_AMOUNTS, beyond=st.sampled_from([False, False, False, True]))
    def wallet_transfer(self, amount: str, beyond: bool) -> None:
        """From the funded wallet to the peer; `beyond`: one paisa more than the source holds (refused)."""
        ledger, peer = self._ledger(), self._peer("wallet_transfer")
        source_before = self._target_balance("wallet_transfer")
        target_before = self._balance_of("wallet_transfer", peer.wallet_id)
        value = source_before + CENT if beyond else rupees(amount)
        reference, otp = self._otp_for("wallet_transfer", FUNDED_WALLET)
        self._count("wallet_transfer", f"transfer {value} from {FUNDED_WALLET} to {peer.wallet_id}")
        body = {**self.client.ids(FUNDED_WALLET), "toEnKashCardId": peer.wallet_id, "amount": f"{value:.2f}",
                "transactionId": f"contracts-w2w-{uuid.uuid4().hex[:16]}", "otpMedium": "MOBILE", "otp": otp,
                "otpReferenceId": reference}
        reply = self.client.operation("transferWalletToWallet", body=body)
        source_after = self._target_balance("wallet_transfer")
        target_after = self._balance_of("wallet_transfer", peer.wallet_id)
        self.env.steps[-1] += (f" -> HTTP {reply.status}, response_code {reply.code!r}, balances {source_after} "
                               f"and {target_after}")
        problem = wallet_transfer_is_atomic(value, reply.code, (source_before, source_after),
                                            (target_before, target_after))
        if problem:
            self._fail("wallet_transfer", wallet_transfer_is_atomic, problem, "wallet-to-wallet transfer")
        expected = 0 if transfer_accepted(ledger.balance, value) else 1
        problem = target_agrees_with_model((expected, f"response_code {expected}"),
                                           (reply.code, f"response_code {reply.code!r} ({reply.message})"))
        if problem:
            self._fail("wallet_transfer", target_agrees_with_model, problem, "transfer accepted as the model has it")
        if reply.code == 0:
            ledger.balance -= value
            self.money_total -= value  # left the card account + funded wallet pair, for the peer
            peer.balance += value
        self.money_moved = self.gateway_moved = True

    # --- Add Money by payment gateway -----------------------------------------------------------------
    @precondition(lambda self: self.env.allowed("gateway_top_up"))
    @rule(amount=MONEY_AMOUNTS, outcome=st.sampled_from(sorted(OUTCOME_STATUS)))
    def gateway_top_up(self, amount: str, outcome: str) -> None:
        """An order for the peer, then the payer pays (credited once; a second payment refused), declines,
        or abandons it and the clock passes its expiry (nothing credited)."""
        peer = self._peer("gateway_top_up")
        before = self._balance_of("gateway_top_up", peer.wallet_id)
        body = {**self.client.ids(peer.wallet_id), "amount": amount,
                "uniqueTransactionId": f"contracts-pg-{uuid.uuid4().hex[:16]}"}
        self._count("gateway_top_up", f"Add Money order of {amount} for {peer.wallet_id}, then {outcome}")
        order = self._must("gateway_top_up", self.client.operation("createAddMoneyOrder", body=body), "create order")
        order_id = order.field("orderId")
        self.client.admin("POST", f"/gateway/orders/{order_id}/{outcome}", json={"paymentMode": "UPI"})
        if outcome == "abandon":
            self._pass_expiry(order.payload)
        enquiry = self.client.operation("getAddMoneyOrderStatus", query={"orderId": order_id})
        status = self._must("gateway_top_up", enquiry, "order status").field("orderStatus")
        after = self._balance_of("gateway_top_up", peer.wallet_id)
        expected = OUTCOME_STATUS[outcome][1]
        self.env.steps[-1] += f" -> {order_id} {status}, otbBalance {after}"
        if outcome == "pay":
            self._paid_once("gateway_top_up", order_id, rupees(amount), (before, after), status)
            peer.balance += rupees(amount)
            self.system_total += rupees(amount)  # money in from the payer's bank
        else:
            problem = unpaid_order_credits_nothing(outcome, expected, status, before, after)
            if problem:
                self._fail("gateway_top_up", unpaid_order_credits_nothing, problem, f"order {outcome}")
        self.gateway_moved = True

    def _pass_expiry(self, order: dict) -> None:
        lifetime = datetime.fromisoformat(order["expiresAt"]) - datetime.fromisoformat(order["createdOn"])
        seconds = int(lifetime.total_seconds()) + 1
        self.client.advance_clock(seconds)
        self.model.advance(seconds)

    def _paid_once(self, name: str, order_id: str, amount: Decimal, balances: tuple[Decimal, Decimal],
                   status: Any) -> None:
        before, after = balances
        wanted = ("PAID", before + amount)
        problem = target_agrees_with_model((wanted, f"orderStatus PAID, otbBalance {wanted[1]}"),
                                           ((status, after), f"orderStatus {status!r}, otbBalance {after}"))
        if problem:
            self._fail(name, target_agrees_with_model, problem, "paid order credited once")
        try:
            self.client.admin("POST", f"/gateway/orders/{order_id}/pay", json={})
            refused = False
        except HarnessError:
            refused = True
        again = self._balance_of(name, self.peer_model.wallet_id)
        if not refused or again != after:
            self._fail(name, target_agrees_with_model,
                       Problem(f"a second payment refused (409), otbBalance still {after}",
                               f"{'refused' if refused else 'accepted'}, otbBalance {again}"), "pay twice")

    # --- invariant --------------------------------------------------------------------------------------
    @invariant()
    def gateway_invariant(self) -> None:
        if not getattr(self, "gateway_moved", False):
            return
        self.gateway_moved = False
        peer = self.peer_model
        self._count("gateway_invariant", f"invariant: {peer.wallet_id} as the model has it; money conserved")
        balance = self._balance_of("gateway_invariant", peer.wallet_id)
        if balance != peer.balance:
            self._fail("gateway_invariant", balance_equals_history,
                       Problem(f"otbBalance {peer.balance} (transfers in and paid orders, once each)",
                               f"otbBalance {balance}"), "invariant: the peer's balance as the model has it")
        card, funded = self._card_account_balance(), self._target_balance("gateway_invariant")
        # the merchant holds what the funds area's debits paid it (its refunds gave some back)
        problem = money_is_conserved(self.system_total, card, funded + balance, self._merchant_balance())
        if problem:
            self._fail("gateway_invariant", money_is_conserved, problem,
                       "invariant: card account + funded wallet and peer + merchant = all that came in")
