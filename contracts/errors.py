"""The two error families of `contracts`, so that the CLI's exit code is one `except` each:

- `ContractViolation` (an `AssertionError`): the target broke its contract → exit 1 (a finding).
- `ToolError`: the tool, or its use, is wrong (bad arguments, unreachable target, broken scenario
  file, harness failure) → exit 2. Every error of this package that is not a finding subclasses it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ContractViolation", "Problem", "ToolError"]


@dataclass(frozen=True)
class Problem:
    expected: str
    actual: str

    def __str__(self) -> str:
        return f"expected {self.expected}; got {self.actual}"


class ContractViolation(AssertionError):
    """A named check found the target off its contract."""

    def __init__(self, check: str, problem: Problem, context: str = ""):
        self.check, self.problem, self.context = check, problem, context
        super().__init__(f"{check}: {problem}" + (f" ({context})" if context else ""))


class ToolError(Exception):
    """We, or our user, are wrong: not a finding about the target."""
