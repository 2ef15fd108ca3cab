"""Stateful suite: a hypothesis state machine drives wallet onboarding; the reference model predicts each answer.

Rules that need the mock's admin API (read OTPs, move the clock, decide VKYC) or a known OTP are
skipped elsewhere, each with its reason. Every step is journalled (secrets redacted) so a failure
comes with the exact sequence that produced it.
"""

from __future__ import annotations

import time

import hypothesis
from hypothesis.stateful import get_state_machine_test

from ..areas.events.rules import EVENT_OPERATIONS, registered_receiver
from ..areas.funds.rules import MONEY_OPERATIONS
from ..areas.gateway.rules import GATEWAY_OPERATIONS
from ..areas.kyc.rules import KYC_OPERATIONS
from ..areas.payouts.rules import PAYOUT_OPERATIONS
from ..areas.wallets.rules import WALLET_OPERATIONS
from ..checks import ContractViolation, Problem
from ..client import EnkashClient, Pace
from ..targets import Target
from .evidence import SpecEvidence
from .profiles import Profile
from .results import Finding, TestRecord
from .rules import RULES, StatefulEnv, WalletMachine

__all__ = ["Stateful"]


class Stateful:
    def __init__(self, target: Target, profile: Profile, seed: int, evidence: SpecEvidence, pace: Pace,
                 fixed_otp: str | None = None):
        self.target, self.profile, self.seed, self.evidence = target, profile, seed, evidence
        session = f"contracts-stateful-{seed}-{int(time.time() * 1000)}"
        client = EnkashClient(target, pace=pace, session=session)
        self.env = StatefulEnv(client, admin=target.is_mock and profile.admin_rules, fixed_otp=fixed_otp,
                               gentle_money=profile.gentle_money, areas=profile.stateful_areas)

    def run(self) -> list[TestRecord]:
        started = time.monotonic()
        violation: BaseException | None = None
        try:
            if self.env.allowed("webhooks_delivered"):
                with registered_receiver(self.env.client, self.evidence.document) as subscription:
                    self.env.subscription = subscription
                    self._run_machine()
            else:
                self._run_machine()
        except ContractViolation as error:
            violation = error
        except hypothesis.errors.Flaky as error:
            # A failing run changed the target (a fault does), so hypothesis's replay of it went another way:
            # the violation that run met is the finding. With none, the harness really is at fault.
            if self.env.first_violation is None:
                return self._harness_error(error, started)
            self.env.failed_rule, violation, self.env.steps = self.env.first_violation
        except Exception as error:  # the harness (network, admin API), not a contract
            return self._harness_error(error, started)
        finally:
            self.env.subscription = None
            self.env.client.close()
        return self._records(violation, time.monotonic() - started)

    @staticmethod
    def _harness_error(error: Exception, started: float) -> list[TestRecord]:
        return [TestRecord("stateful", "stateful.machine", "stateful", status="error",
                           reason=f"{type(error).__name__}: {error}"[:500], seconds=time.monotonic() - started)]

    def _run_machine(self) -> None:
        machine = type("WalletMachineRun", (WalletMachine,), {"env": self.env})
        phases = [hypothesis.Phase.generate] + ([hypothesis.Phase.shrink] if self.profile.shrink else [])
        settings = hypothesis.settings(max_examples=self.profile.stateful_runs, deadline=None, database=None,
                                       stateful_step_count=self.profile.stateful_steps, phases=phases,
                                       suppress_health_check=list(hypothesis.HealthCheck),
                                       verbosity=hypothesis.Verbosity.quiet)
        test = get_state_machine_test(machine, settings=settings, _min_steps=0,
                                      _flaky_state={"selecting_rule": False})
        hypothesis.seed(self.seed)(test)()

    def _records(self, violation, seconds: float) -> list[TestRecord]:
        records = []
        for rule in RULES:
            record = TestRecord("stateful", f"stateful.{rule}", _OPERATION.get(rule, "stateful"),
                                cases=self.env.counts.get(rule, 0))
            reason = self.env.skip_reason_of(rule)
            if reason:
                record.status, record.reason = "skipped", reason
            elif violation is not None and self.env.failed_rule == rule:
                record.fail(self._finding(rule, violation))
            records.append(record)
        records[0].seconds = seconds  # the machine runs as one; its time is booked once
        return records

    def _finding(self, rule: str, violation: ContractViolation) -> Finding:
        operation = _OPERATION.get(rule, "stateful")
        problem: Problem = violation.problem
        return Finding(check=violation.check, operation=operation, title=f"{rule}: {violation.context or rule}",
                       expected=problem.expected, actual=problem.actual,
                       evidence=self.evidence.operation(operation), subject=f"{operation} ({rule})",
                       reproduce="\n".join(self.env.steps[-40:]))


# rule -> the operation its report line names, every area's (one line an area)
_OPERATION = {
    **WALLET_OPERATIONS,
    **KYC_OPERATIONS,
    **MONEY_OPERATIONS,
    **PAYOUT_OPERATIONS,
    **GATEWAY_OPERATIONS,
    **EVENT_OPERATIONS,
}
