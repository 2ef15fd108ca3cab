"""What a replay found: per step outcome, timing, checks and the observed response shape."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .matchers import Check, json_type

__all__ = ["ScenarioResult", "StepResult", "shape_of"]


@dataclass
class StepResult:
    index: int
    name: str
    method: str = ""
    url: str = ""
    outcome: str = "passed"  # passed | failed | error | skipped
    status: int | None = None
    elapsed_ms: float = 0.0
    checks: list[Check] = field(default_factory=list)
    message: str = ""
    observed: dict[str, Any] = field(default_factory=dict)  # status, response_code, shape: for `diff`
    admin: bool = False  # a mock admin call (or its stand-in elsewhere): not part of the API conversation
    response: str = ""  # a failed step's response body, cut short and with secrets masked
    violations: list[str] = field(default_factory=list)  # a failed step's envelope violations, one per field

    @property
    def failures(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]


@dataclass
class ScenarioResult:
    name: str
    source: str
    target: str
    steps: list[StepResult] = field(default_factory=list)
    skipped: str = ""  # why the whole scenario did not run

    @property
    def outcome(self) -> str:
        if self.skipped:
            return "skipped"
        if any(step.outcome in ("failed", "error") for step in self.steps):
            return "failed"
        return "passed"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["outcome"] = self.outcome
        return data


def shape_of(value: Any, path: str = "$") -> dict[str, str]:
    """Field set and JSON types by path (array items merged under [*]); values are left out."""
    shape = {path: json_type(value)}
    if isinstance(value, dict):
        for key, item in value.items():
            shape.update(shape_of(item, f"{path}.{key}" if key.isidentifier() else f"{path}['{key}']"))
    elif isinstance(value, list):
        for item in value:
            for sub, kind in shape_of(item, f"{path}[*]").items():
                shape[sub] = kind if shape.get(sub, kind) == kind else "mixed"
    return shape
