"""What every area's stateful rules share: the run's environment, the client, the step journal, failing
with a registered check, and holding an answer to the reference model.

`MachineBase` is the root of the wallet state machine. The areas' rules (`contracts/areas/<area>/rules.py`)
are mixins of it and `contracts/suites/rules.py` lists them in `WalletMachine`. An area that must see
every answer the model judges (KYC holds each kycStatus it sees to the last one) overrides
`_watch_answer` and calls `super()._watch_answer(...)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize

from ..checks import ContractCheck, Problem, envelope_matches_http_status, target_agrees_with_model
from ..client import EnkashClient, Reply
from ..model import Expect, WalletModel

if TYPE_CHECKING:
    from .rules import StatefulEnv

__all__ = ["WALLETS", "MachineBase"]

WALLETS = Bundle("wallets")  # the wallets the run created: drawn by every area's rules


class MachineBase(RuleBasedStateMachine):
    env: StatefulEnv  # set by the suite on a subclass

    @initialize()
    def start(self) -> None:
        self.env.steps = []
        self.model = WalletModel(now=self.env.start_time())
        self.last_wallet: str | None = None

    @property
    def client(self) -> EnkashClient:
        return self.env.client

    def _count(self, name: str, what: str) -> None:
        self.env.counts[name] = self.env.counts.get(name, 0) + 1
        self.env.steps.append(f"{len(self.env.steps) + 1}. {name}: {what}")

    def _fail(self, name: str, check: ContractCheck, problem: Problem, what: str) -> None:
        self.env.failed_rule = name
        violation = check.fail(problem, what)
        if self.env.first_violation is None:  # kept: hypothesis's replay of a failing run may go another way
            self.env.first_violation = (name, violation, list(self.env.steps))
        raise violation

    def _expect(self, name: str, expected: Expect, reply: Reply, what: str) -> None:
        self.env.steps[-1] += f" -> HTTP {reply.status}, response_code {reply.code!r}"
        problem = envelope_matches_http_status(reply.status, reply.body)
        if problem:
            self._fail(name, envelope_matches_http_status, problem, what)
        self._watch_answer(name, reply, what)  # the named properties first: they say more than "disagrees"
        actual = Expect(reply.status, reply.code, reply.field("kycStatus") if expected.kyc else None,
                        reply.field("vkycStatus") if expected.vkyc else None)
        detail = f" ({reply.message})" if reply.message else ""
        problem = target_agrees_with_model(
            ((expected.status, expected.code, expected.kyc, expected.vkyc), expected.describe()),
            ((actual.status, actual.code, actual.kyc, actual.vkyc), actual.describe() + detail))
        if problem:
            self._fail(name, target_agrees_with_model, problem, what)
        self.last_wallet = reply.field("enKashCardId") or self.last_wallet

    def _watch_answer(self, name: str, reply: Reply, what: str) -> None:
        """Every answer `_expect` judges passes here first; areas add their properties (see the docstring)."""
