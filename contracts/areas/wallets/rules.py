"""Wallet rules of the stateful suite: create (new, duplicate, invalid, freed mobiles), update holders,
read details, another partner's wallet, and the invariant that the last wallet seen is as the model has it.

A mixin of the wallet state machine (`MachineBase`, contracts/suites/machine.py); the model's wallet part
is contracts/areas/wallets/model.py, the checks contracts/areas/wallets/checks.py.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import invariant, multiple, precondition, rule

from ...checks import target_agrees_with_model
from ...client import Reply
from ...errors import Problem
from ...model import Expect
from ...suites.data import HOLDER_CHANGES, INVALID_CREATIONS, holders
from ...suites.machine import WALLETS, MachineBase
from .checks import holder_details_locked_after_kyc, wallet_not_leaked_across_partners

__all__ = ["FOREIGN_WALLET", "WALLET_OPERATIONS", "WALLET_RULES", "WalletRules"]

FOREIGN_WALLET = "EKCQ7TST01"  # the mock seed's wallet of another partner
# rule -> what it needs (see contracts/suites/rules.py): "mock" is mock-only data
WALLET_RULES = {
    "create_wallet": "", "create_duplicate": "", "create_invalid": "", "update_holder": "", "change_mobile": "",
    "create_with_freed_mobile": "", "read_details": "", "foreign_wallet": "mock", "invariants": "",
}
# rule -> the operation its report line names
WALLET_OPERATIONS = {
    "create_wallet": "createWallet", "create_duplicate": "createWallet", "create_invalid": "createWallet",
    "update_holder": "updateWalletHolder", "change_mobile": "updateWalletHolder",
    "create_with_freed_mobile": "createWallet", "read_details": "getWalletDetails",
    "foreign_wallet": "getWalletDetails", "invariants": "getWalletDetails",
}


class WalletRules(MachineBase):
    @rule(target=WALLETS, holder=holders())
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

    @rule(wallet=WALLETS, holder=holders())
    def create_duplicate(self, wallet: str, holder: dict[str, Any]) -> None:
        mobile = self.model.wallets[wallet].mobile
        self._count("create_duplicate", f"create another wallet with the mobile of {wallet}")
        reply = self.client.create_wallet({**holder, "mobile": mobile})
        self._expect("create_duplicate", self.model.create(mobile), reply, "duplicate mobile")

    @rule(wallet=WALLETS, holder=holders(), broken=st.sampled_from(sorted(INVALID_CREATIONS)))
    def create_invalid(self, wallet: str, holder: dict[str, Any], broken: str) -> None:
        # `wallet` only paces the rule: without it, hypothesis would mostly pick it on an empty machine
        change, status = INVALID_CREATIONS[broken]
        body = {**holder, "mobile": self.env.mobiles.fresh(), **change}
        body = {key: value for key, value in body.items() if value is not None}
        self._count("create_invalid", f"create with {broken}")
        reply = self.client.create_wallet(body)
        self._expect("create_invalid", Expect(status, status), reply, f"invalid create ({broken})")

    @rule(wallet=WALLETS, change=st.sampled_from(sorted(HOLDER_CHANGES)))
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

    @rule(wallet=WALLETS, other=WALLETS, fresh=st.booleans())
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
    @rule(target=WALLETS, holder=holders())
    def create_with_freed_mobile(self, holder: dict[str, Any]):
        mobile = self.model.take_freed_mobile()
        if not mobile:
            return multiple()
        self._count("create_with_freed_mobile", f"create a wallet with the freed mobile {mobile}")
        reply = self.client.create_wallet({**holder, "mobile": mobile})
        self._expect("create_with_freed_mobile", self.model.create(mobile), reply, "freed mobile")
        self.model.created(reply.field("enKashCardId"), mobile, {**holder, "mobile": mobile})
        return reply.field("enKashCardId")

    @rule(wallet=WALLETS)
    def read_details(self, wallet: str) -> None:
        self._count("read_details", f"read details of {wallet}")
        reply = self.client.wallet_details(wallet)
        self._expect("read_details", self.model.details(wallet), reply, "wallet details")

    @precondition(lambda self: self.env.allowed("foreign_wallet"))
    @rule(wallet=WALLETS)
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
