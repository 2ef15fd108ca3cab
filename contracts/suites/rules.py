"""The wallet state machine's rules: each one calls the target, asks the model, and compares.

`RULES` names every rule with what it needs: "" (any target), "otp" (the OTP value: the mock's
admin API or a sandbox fixed OTP), "admin" (the mock's admin API), "mock" (mock-only data), "funded" (a
usable, funded wallet: the money rules of contracts/areas/funds/rules.py), "full_kyc" (a FULL_KYC wallet
and transfer outcomes: contracts/areas/payouts/rules.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from ..areas.events.rules import EVENT_RULES, EventRules
from ..areas.funds.rules import MONEY_RULES, MoneyRules
from ..areas.gateway.rules import GATEWAY_RULES, GatewayRules
from ..areas.payouts.rules import PAYOUT_RULES, PayoutRules
from ..checks import (
    ContractCheck,
    Problem,
    envelope_matches_http_status,
    holder_details_locked_after_kyc,
    kyc_never_regresses,
    otp_is_single_use,
    target_agrees_with_model,
    wallet_not_leaked_across_partners,
)
from ..client import EnkashClient, Reply
from ..model import Expect, WalletModel
from .data import HOLDER_CHANGES, INVALID_CREATIONS, MobileSource, business_hours_instant, holders

__all__ = ["FOREIGN_WALLET", "RULES", "StatefulEnv", "WalletMachine", "skip_reason"]

FOREIGN_WALLET = "EKCQ7TST01"  # the mock seed's wallet of another partner
RULES = {
    "create_wallet": "", "create_duplicate": "", "create_invalid": "", "generate_otp": "",
    "verify_right": "otp", "verify_wrong": "", "verify_reused": "otp", "verify_expired": "admin",
    "update_holder": "", "change_mobile": "", "create_with_freed_mobile": "", "read_details": "",
    "vkyc_link": "", "move_clock": "admin", "vkyc_decision": "admin", "foreign_wallet": "mock", "invariants": "",
    **MONEY_RULES,
    **PAYOUT_RULES,
    **GATEWAY_RULES,
    **EVENT_RULES,
}


def skip_reason(needs: str, admin: bool, fixed_otp: str | None) -> str:
    if needs == "admin" and not admin:
        return "needs the mock's admin API (clock, OTP store or VKYC decision); not run against a real sandbox"
    if needs == "otp" and not (admin or fixed_otp):
        return "needs the OTP sent by SMS: set ENKASH_FIXED_OTP (sandbox fixed OTP) or run against the mock"
    if needs == "mock" and not admin:
        return "needs a wallet of another partner, known only on the mock"
    if needs == "full_kyc" and not admin:
        return ("needs a FULL_KYC wallet (VKYC approved through the mock's admin API) and beneficiaries whose "
                "transfers a tester makes fail or reverse: no money is sent to a real bank account")
    if needs == "receiver" and not admin:
        return ("needs the mock's admin API to register the suite's webhook receiver (a sandbox has none): "
                "webhook_matches_spec and every_ledger_entry_has_an_event not run")
    if needs == "funded" and not admin:
        return ("needs a usable, funded wallet (the mock's seed; funding is admin-only): "
                "no money is moved on a real sandbox")
    return ""


@dataclass
class StatefulEnv:
    """What every machine run shares within one suite run."""

    client: EnkashClient
    admin: bool
    fixed_otp: str | None
    mobiles: MobileSource = field(default_factory=MobileSource)
    counts: dict[str, int] = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)
    failed_rule: str = ""
    gentle_money: bool = False  # money rules move 1.00 at a time (the uat profile)
    subscription: Any = None  # the suite's registered webhook receiver (contracts/areas/events), if any

    def allowed(self, rule_name: str) -> bool:
        return not skip_reason(RULES[rule_name], self.admin, self.fixed_otp)

    def start_time(self) -> float:
        if not self.admin:
            return time.time()
        instant = business_hours_instant(time.time())
        self.client.set_clock(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(instant)))
        return instant


class WalletMachine(GatewayRules, MoneyRules, PayoutRules, EventRules, RuleBasedStateMachine):
    env: StatefulEnv  # set by the suite on a subclass
    wallets = Bundle("wallets")
    otps = Bundle("otps")

    @initialize()
    def start(self) -> None:
        self.env.steps = []
        self.model = WalletModel(now=self.env.start_time())
        self.last_wallet: str | None = None
        self.seen_kyc: dict[str, str] = {}

    # --- helpers -------------------------------------------------------------------------------
    @property
    def client(self) -> EnkashClient:
        return self.env.client

    def _count(self, name: str, what: str) -> None:
        self.env.counts[name] = self.env.counts.get(name, 0) + 1
        self.env.steps.append(f"{len(self.env.steps) + 1}. {name}: {what}")

    def _fail(self, name: str, check: ContractCheck, problem: Problem, what: str) -> None:
        self.env.failed_rule = name
        raise check.fail(problem, what)

    def _expect(self, name: str, expected: Expect, reply: Reply, what: str) -> None:
        self.env.steps[-1] += f" -> HTTP {reply.status}, response_code {reply.code!r}"
        problem = envelope_matches_http_status(reply.status, reply.body)
        if problem:
            self._fail(name, envelope_matches_http_status, problem, what)
        self._kyc_moves_forward(name, reply, what)  # the named property first: it says more than "disagrees"
        actual = Expect(reply.status, reply.code, reply.field("kycStatus") if expected.kyc else None,
                        reply.field("vkycStatus") if expected.vkyc else None)
        detail = f" ({reply.message})" if reply.message else ""
        problem = target_agrees_with_model(
            ((expected.status, expected.code, expected.kyc, expected.vkyc), expected.describe()),
            ((actual.status, actual.code, actual.kyc, actual.vkyc), actual.describe() + detail))
        if problem:
            self._fail(name, target_agrees_with_model, problem, what)
        self.last_wallet = reply.field("enKashCardId") or self.last_wallet

    def _kyc_moves_forward(self, name: str, reply: Reply, what: str) -> None:
        """Every answer that shows a wallet's kycStatus is held to the latest one seen for it."""
        wallet, kyc = reply.field("enKashCardId"), reply.field("kycStatus")
        if not wallet or not kyc:
            return
        problem = kyc_never_regresses(self.seen_kyc.get(wallet), kyc)
        if problem:
            self._fail(name, kyc_never_regresses, problem, what)
        self.seen_kyc[wallet] = kyc

    def _otp_value(self, wallet_id: str, reference: str) -> str:
        if self.env.fixed_otp:
            return self.env.fixed_otp
        for item in self.client.admin_otps(wallet_id):
            if item.get("otpReferenceId") == reference:
                return str(item["otp"])
        raise LookupError(f"the mock lists no OTP {reference} for {wallet_id}")

    # --- wallets -------------------------------------------------------------------------------
    @rule(target=wallets, holder=holders())
    def create_wallet(self, holder: dict[str, Any]) -> str:
        mobile = self.env.mobiles.fresh()
        self._count("create_wallet", f"create wallet, new mobile {mobile}")
        expected = self.model.create(mobile)
        reply = self.client.create_wallet({**holder, "mobile": mobile})
        self._expect("create_wallet", expected, reply, "create a wallet with a new mobile")
        wallet_id = reply.field("enKashCardId")
        self.model.created(wallet_id, mobile, {**holder, "mobile": mobile})
        self.env.steps[-1] += f" -> {wallet_id}"
        return wallet_id

    @rule(wallet=wallets, holder=holders())
    def create_duplicate(self, wallet: str, holder: dict[str, Any]) -> None:
        mobile = self.model.wallets[wallet].mobile
        self._count("create_duplicate", f"create another wallet with the mobile of {wallet}")
        reply = self.client.create_wallet({**holder, "mobile": mobile})
        self._expect("create_duplicate", self.model.create(mobile), reply, "duplicate mobile")

    @rule(wallet=wallets, holder=holders(), broken=st.sampled_from(sorted(INVALID_CREATIONS)))
    def create_invalid(self, wallet: str, holder: dict[str, Any], broken: str) -> None:
        # `wallet` only paces the rule: without it, hypothesis would mostly pick it on an empty machine
        change, status = INVALID_CREATIONS[broken]
        body = {**holder, "mobile": self.env.mobiles.fresh(), **change}
        body = {key: value for key, value in body.items() if value is not None}
        self._count("create_invalid", f"create with {broken}")
        reply = self.client.create_wallet(body)
        self._expect("create_invalid", Expect(status, status), reply, f"invalid create ({broken})")

    @rule(wallet=wallets, change=st.sampled_from(sorted(HOLDER_CHANGES)))
    def update_holder(self, wallet: str, change: str) -> None:
        kyc_before = self.model.wallets[wallet].kyc
        self._count("update_holder", f"update {change} of {wallet} (kycStatus {kyc_before})")
        expected = self.model.update(wallet, {change: HOLDER_CHANGES[change]})
        reply = self.client.update_holder(wallet, {change: HOLDER_CHANGES[change]})
        self._held_locked("update_holder", kyc_before, reply, f"update {change}")
        self._expect("update_holder", expected, reply, f"update {change}")

    def _held_locked(self, name: str, kyc_before: str, reply: Reply, what: str) -> None:
        problem = holder_details_locked_after_kyc(kyc_before, reply.status, reply.body)
        if problem:
            self._fail(name, holder_details_locked_after_kyc, problem, what)

    @rule(wallet=wallets, other=wallets, fresh=st.booleans())
    def change_mobile(self, wallet: str, other: str, fresh: bool) -> None:
        """A new mobile frees the old one; another wallet's mobile is a duplicate."""
        mobile = self.env.mobiles.fresh() if fresh else self.model.wallets[other].mobile
        self._count("change_mobile", f"change mobile of {wallet} to {'a new one' if fresh else 'that of ' + other}")
        kyc_before = self.model.wallets[wallet].kyc
        expected = self.model.update(wallet, {"mobile": mobile})
        reply = self.client.update_holder(wallet, {"mobile": mobile})
        self._held_locked("change_mobile", kyc_before, reply, "mobile change")
        self._expect("change_mobile", expected, reply, "mobile change")

    @precondition(lambda self: bool(self.model.freed_mobiles))
    @rule(target=wallets, holder=holders())
    def create_with_freed_mobile(self, holder: dict[str, Any]):
        mobile = self.model.take_freed_mobile()
        if not mobile:
            return multiple()
        self._count("create_with_freed_mobile", f"create a wallet with the freed mobile {mobile}")
        reply = self.client.create_wallet({**holder, "mobile": mobile})
        self._expect("create_with_freed_mobile", self.model.create(mobile), reply, "freed mobile")
        self.model.created(reply.field("enKashCardId"), mobile, {**holder, "mobile": mobile})
        return reply.field("enKashCardId")

    @rule(wallet=wallets)
    def read_details(self, wallet: str) -> None:
        self._count("read_details", f"read details of {wallet}")
        reply = self.client.wallet_details(wallet)
        self._expect("read_details", self.model.details(wallet), reply, "wallet details")

    @precondition(lambda self: self.env.allowed("foreign_wallet"))
    @rule(wallet=wallets)
    def foreign_wallet(self, wallet: str) -> None:  # `wallet` only paces the rule, as in create_invalid
        self._count("foreign_wallet", f"read {FOREIGN_WALLET} (another partner's) with our account")
        reply = self.client.wallet_details(FOREIGN_WALLET)
        ids = self.client.ids(FOREIGN_WALLET)
        problem = wallet_not_leaked_across_partners(ids, reply.body) or (
            None if reply.code == 1 else Problem("HTTP 200, response_code 1 (Wallet not found)",
                                                 f"HTTP {reply.status}, response_code {reply.code!r}"))
        if problem:
            self._fail("foreign_wallet", wallet_not_leaked_across_partners, problem, "foreign wallet")
        self.env.steps[-1] += f" -> HTTP {reply.status}, response_code {reply.code!r}"

    # --- OTP and minimum KYC -------------------------------------------------------------------------
    @rule(target=otps, wallet=wallets)
    def generate_otp(self, wallet: str) -> tuple[str, str]:
        self._count("generate_otp", f"generate OTP for {wallet}")
        reply = self.client.generate_otp(wallet)
        self._expect("generate_otp", Expect(), reply, "generate OTP")
        reference = reply.field("otpReferenceId")
        self.model.otp_issued(reference, wallet)
        self.env.steps[-1] += f" -> {reference}"
        return wallet, reference

    def _verify(self, name: str, otp: tuple[str, str], right: bool, label: str) -> Reply:
        wallet, reference = otp
        value = self._otp_value(wallet, reference) if right else self._wrong_otp(wallet, reference)
        self._count(name, f"min-kyc {wallet} with {label} OTP of {reference}")
        already_used = self.model.otps[reference].used
        expected = self.model.verify(reference, right)
        reply = self.client.min_kyc(wallet, reference, value)
        problem = otp_is_single_use(reply.status, reply.body) if already_used and right else None
        if problem:
            self._fail(name, otp_is_single_use, problem, f"{label} OTP, already used")
        self._expect(name, expected, reply, f"{label} OTP")
        return reply

    def _wrong_otp(self, wallet: str, reference: str) -> str:
        known = self.env.fixed_otp or (self._otp_value(wallet, reference) if self.env.admin else "000000")
        return f"{(int(known) + 1) % 1_000_000:06d}"

    @precondition(lambda self: self.env.allowed("verify_right"))
    @rule(otp=otps)
    def verify_right(self, otp: tuple[str, str]) -> None:
        self._verify("verify_right", otp, True, "the right")

    @rule(otp=otps)
    def verify_wrong(self, otp: tuple[str, str]) -> None:
        self._verify("verify_wrong", otp, False, "a wrong")

    @precondition(lambda self: self.env.allowed("verify_reused"))
    @rule(otp=otps)
    def verify_reused(self, otp: tuple[str, str]) -> None:
        first = self._verify("verify_reused", otp, True, "the right")
        if first.code != 0:
            return  # already used, burned or expired: the model agreed, nothing to reuse
        wallet, reference = otp
        self._count("verify_reused", f"min-kyc {wallet} again with the same OTP of {reference}")
        expected = self.model.verify(reference, True)
        second = self.client.min_kyc(wallet, reference, self._otp_value(wallet, reference))
        problem = otp_is_single_use(second.status, second.body)
        if problem:
            self._fail("verify_reused", otp_is_single_use, problem, "reused OTP")
        self._expect("verify_reused", expected, second, "reused OTP")

    @precondition(lambda self: self.env.allowed("verify_expired"))
    @rule(otp=otps)
    def verify_expired(self, otp: tuple[str, str]) -> None:
        self.env.steps.append(f"{len(self.env.steps) + 1}. verify_expired: advance the clock past the OTP's life")
        self.client.advance_clock(self.model.otp_ttl + 1)
        self.model.advance(self.model.otp_ttl + 1)
        self._verify("verify_expired", otp, True, "an expired")

    # --- clock and video KYC --------------------------------------------------------------------------
    @precondition(lambda self: self.env.allowed("move_clock"))
    @rule(wallet=wallets, seconds=st.sampled_from([61, 301, 4 * 3600, 9 * 3600, 86400]))
    def move_clock(self, wallet: str, seconds: int) -> None:  # `wallet` only paces the rule
        self._count("move_clock", f"advance the clock {seconds}s")
        self.client.advance_clock(seconds)
        self.model.advance(seconds)

    @rule(wallet=wallets)
    def vkyc_link(self, wallet: str) -> None:
        if not self.env.admin:
            self.model.now = time.time()
        self._count("vkyc_link", f"VKYC link for {wallet} (open: {self.model.vkyc_open()})")
        expected = self.model.vkyc_link(wallet)
        self._expect("vkyc_link", expected, self.client.vkyc_link(wallet), "VKYC link")

    @precondition(lambda self: self.env.allowed("vkyc_decision"))
    @rule(wallet=wallets, outcome=st.sampled_from(["APPROVED", "REJECTED"]))
    def vkyc_decision(self, wallet: str, outcome: str) -> None:
        if not self.model.vkyc_pending(wallet):
            return
        self._count("vkyc_decision", f"VKYC {outcome} for {wallet}, then read its VKYC status")
        self.client.vkyc_decision(wallet, outcome, None if outcome == "APPROVED" else "blurred video")
        expected = self.model.vkyc_decided(wallet, outcome)
        self._expect("vkyc_decision", expected, self.client.vkyc_status(wallet), "VKYC status after decision")

    # --- invariants ---------------------------------------------------------------------------------------
    @invariant()
    def last_wallet_agrees_with_model(self) -> None:
        wallet = getattr(self, "last_wallet", None)
        if wallet is None or wallet not in self.model.wallets:
            return
        self._count("invariants", f"invariant: {wallet} as the model has it")
        reply = self.client.wallet_details(wallet)
        self._expect("invariants", self.model.details(wallet), reply, "invariant: details match the model")
        problem = wallet_not_leaked_across_partners(self.client.ids(wallet), reply.body)
        if problem:
            self._fail("invariants", wallet_not_leaked_across_partners, problem, "invariant")
        holder = self.model.wallets[wallet].holder
        for name in ("firstName", "city", "mobile"):
            if name in holder and reply.field(name) != holder[name]:
                problem = target_agrees_with_model((holder[name], f"{name} {holder[name]!r}"),
                                                   (reply.field(name), f"{name} {reply.field(name)!r}"))
                if problem:  # None when the two agree after the check's own normalisation
                    self._fail("invariants", target_agrees_with_model, problem, "invariant")
