"""The wallet state machine: every area's rules mixed into one machine; each rule calls the target, asks
the model, and compares.

The rules live with their area (`contracts/areas/<area>/rules.py`: a mixin, its `*_RULES` needs and its
`*_OPERATIONS`); what they share is `MachineBase` (contracts/suites/machine.py). A new area adds its mixin
to `WalletMachine` and its needs to `RULES`, one line each.

`RULES` names every rule with what it needs: "" (any target), "otp" (the OTP value: the mock's admin API
or a sandbox fixed OTP), "admin" (the mock's admin API), "mock" (mock-only data), "funded" (a usable,
funded wallet: the money rules of contracts/areas/funds/rules.py), "full_kyc" (a FULL_KYC wallet and
transfer outcomes: contracts/areas/payouts/rules.py), "receiver" (the suite's webhook receiver registered
through the mock's admin API: contracts/areas/events/rules.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ..areas.events.rules import EVENT_RULES, EventRules
from ..areas.funds.rules import MONEY_RULES, MoneyRules
from ..areas.gateway.rules import GATEWAY_RULES, GatewayRules
from ..areas.kyc.rules import KYC_RULES, KycRules
from ..areas.payouts.rules import PAYOUT_RULES, PayoutRules
from ..areas.wallets.rules import FOREIGN_WALLET, WALLET_RULES, WalletRules
from ..client import EnkashClient
from .data import MobileSource, business_hours_instant
from .machine import MachineBase

__all__ = ["CORE_AREAS", "FOREIGN_WALLET", "OPTIONAL_AREAS", "RULES", "StatefulEnv", "WalletMachine", "skip_reason"]

# area -> its rules and what each needs (one line an area)
AREA_RULES: dict[str, dict[str, str]] = {
    "wallets": WALLET_RULES,
    "kyc": KYC_RULES,
    "funds": MONEY_RULES,
    "payouts": PAYOUT_RULES,
    "gateway": GATEWAY_RULES,
    "events": EVENT_RULES,
}
# Every other area builds on wallets and KYC, so a run always has them; `--stateful-areas` picks among the
# rest (each of their rules consults `StatefulEnv.allowed`), which keeps a focused run's steps on its areas.
CORE_AREAS = ("wallets", "kyc")
OPTIONAL_AREAS = tuple(area for area in AREA_RULES if area not in CORE_AREAS)
RULES = {rule: needs for rules in AREA_RULES.values() for rule, needs in rules.items()}
_AREA_OF = {rule: area for area, rules in AREA_RULES.items() for rule in rules}


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
    areas: tuple[str, ...] = ()  # the optional areas this run may use; empty: all of them
    first_violation: Any = None  # (rule, ContractViolation, steps) of the first failure of this suite run

    def allowed(self, rule_name: str) -> bool:
        return not self.skip_reason_of(rule_name)

    def skip_reason_of(self, rule_name: str) -> str:
        area = _AREA_OF[rule_name]
        if self.areas and area not in CORE_AREAS and area not in self.areas:
            return f"area {area} is not in this run's --stateful-areas ({', '.join(self.areas)})"
        return skip_reason(RULES[rule_name], self.admin, self.fixed_otp)

    def start_time(self) -> float:
        if not self.admin:
            return time.time()
        instant = business_hours_instant(time.time())
        self.client.set_clock(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(instant)))
        return instant


class WalletMachine(
    WalletRules,
    KycRules,
    GatewayRules,
    MoneyRules,
    PayoutRules,
    EventRules,
    MachineBase,
):
    """Every area's rules (one line an area), on the shared machine (which comes last: the areas override
    its hooks)."""
