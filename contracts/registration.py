"""How a contract check is declared: `ContractCheck` and the `@contract_check` decorator.

Apart from `contracts.checks` so that an area's checks (`contracts/areas/*/checks.py`) can register
themselves without importing the registry that lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .errors import ContractViolation, Problem

__all__ = ["ContractCheck", "Evidence", "Scope", "builtin", "contract_check"]


# How the report finds a finding's evidence level: the spec's status convention, the operation's own
# mark (with its security for "auth"), or the response field the failure names ("field").
Evidence = Literal["status-convention", "operation", "auth", "field"]
# Where a check applies: "wallet" and "token" responses (schemathesis adapters, run on every case of those
# operations), "any" response, "authenticated" (conformance cases that carry our valid credentials), or
# "stateful" (called by the state machine's rules with what they saw).
Scope = Literal["wallet", "token", "any", "authenticated", "stateful", "builtin"]


@dataclass(frozen=True)
class ContractCheck:
    name: str
    evidence: Evidence
    scope: Scope
    predicate: Callable[..., Problem | None] | None = None  # None: a schemathesis built-in check
    expects: str = ""  # what the report says the target should have done (built-ins only)

    @property
    def property_text(self) -> str:
        """The property the check asserts, in words (its predicate's docstring)."""
        return (self.predicate.__doc__ or self.name).strip().splitlines()[0] if self.predicate else self.expects

    def __call__(self, *args: Any) -> Problem | None:
        assert self.predicate is not None, f"{self.name} is schemathesis's own check"
        return self.predicate(*args)

    def fail(self, problem: Problem, context: str = "") -> ContractViolation:
        return ContractViolation(self.name, problem, context)


def contract_check(*, evidence: Evidence, scope: Scope) -> Callable[[Callable], ContractCheck]:
    """Register a predicate as a contract check named after it (a property: `otp_is_single_use`)."""
    def register(predicate: Callable) -> ContractCheck:
        return ContractCheck(predicate.__name__, evidence, scope, predicate)
    return register


def builtin(name: str, evidence: Evidence, expects: str = "") -> ContractCheck:
    return ContractCheck(name, evidence, "builtin", None, expects)
