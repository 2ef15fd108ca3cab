"""Compare two runs of one conversation step by step: status, envelope code, field sets and types.

Values are never compared (they differ on every run); types of volatile fields (IDs, tokens,
timestamps, links) are not either, only whether the field is there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .har import Exchange, HarError, read_har
from .results import ScenarioResult, StepResult, shape_of
from .scrub import is_volatile

__all__ = ["Observation", "StepDiff", "diff_observations", "observations_from_file", "observations_from_results"]


@dataclass
class Observation:
    name: str
    status: int | None
    response_code: Any = None
    shape: dict[str, str] = field(default_factory=dict)
    note: str = ""  # why nothing was observed (skipped, error)
    index: int = 0  # the step's number as `replay` prints it (or the request's place in a HAR)


@dataclass
class StepDiff:
    index: int
    name: str
    lines: list[str]


def observations_from_results(results: list[ScenarioResult]) -> list[Observation]:
    found = []
    for result in results:
        for step in result.steps:
            if step.admin:
                continue  # mock controls on one side, a stand-in or nothing on the other
            observed = step.observed or {}
            note = "" if observed else f"{step.outcome}: {step.message}".strip(": ")
            found.append(Observation(f"{result.name} / {step.name}", observed.get("status"),
                                     observed.get("response_code"), observed.get("shape") or {}, note, step.index))
    return found


def observations_from_file(path: str | Path) -> list[Observation]:
    """From a JSON report written by `replay --json-report`, or from a HAR recording."""
    text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text)
    if isinstance(data, dict) and "scenarios" in data:
        results = [ScenarioResult(s["name"], s["source"], s["target"]) for s in data["scenarios"]]
        for result, raw in zip(results, data["scenarios"], strict=True):
            result.steps = [_step_from_dict(step) for step in raw["steps"]]
        return observations_from_results(results)
    if isinstance(data, dict) and "log" in data:
        return [_from_exchange(e, number) for number, e in enumerate(read_har(text, str(path)), 1)
                if not e.path.startswith("/__admin/")]
    raise HarError(f"{path}: neither a replay report (--json-report) nor a HAR file")


def _step_from_dict(raw: dict) -> StepResult:
    return StepResult(raw["index"], raw["name"], outcome=raw["outcome"], message=raw.get("message", ""),
                      observed=raw.get("observed") or {}, admin=raw.get("admin", False))


def _from_exchange(exchange: Exchange, number: int) -> Observation:
    body = exchange.response_json
    code = body.get("response_code") if isinstance(body, dict) else None
    return Observation(f"{exchange.method} {exchange.path}", exchange.status, code,
                       shape_of(body) if body is not None else {}, index=number)


def diff_observations(left: list[Observation], right: list[Observation]) -> list[StepDiff]:
    diffs = []
    for index in range(max(len(left), len(right))):
        one = left[index] if index < len(left) else None
        other = right[index] if index < len(right) else None
        lines = _compare(one, other)
        if lines:
            shown = one or other
            assert shown is not None  # index < the longer list's length
            diffs.append(StepDiff(shown.index or index + 1, shown.name, lines))
    return diffs


def _compare(left: Observation | None, right: Observation | None) -> list[str]:
    if left is None or right is None:
        return [f"only on the {'left' if right is None else 'right'}"]
    if left.note or right.note:
        return [] if left.note == right.note else [f"left: {left.note or 'ran'}; right: {right.note or 'ran'}"]
    lines = []
    if left.status != right.status:
        lines.append(f"status: {left.status} != {right.status}")
    if left.response_code != right.response_code:
        lines.append(f"response_code: {_show(left.response_code)} != {_show(right.response_code)}")
    return lines + _shape_lines(left.shape, right.shape)


def _shape_lines(left: dict[str, str], right: dict[str, str]) -> list[str]:
    lines = []
    only_left = sorted(set(left) - set(right))
    only_right = sorted(set(right) - set(left))
    if only_left:
        lines.append("fields only on the left: " + _few(only_left))
    if only_right:
        lines.append("fields only on the right: " + _few(only_right))
    for path in sorted(set(left) & set(right)):
        if left[path] != right[path] and not is_volatile(_last_key(path), None):
            lines.append(f"{path}: type {left[path]} != {right[path]}")
    return lines


def _last_key(path: str) -> str:
    return path.rsplit(".", 1)[-1].split("[")[0].strip("'")


def _few(paths: list[str], limit: int = 8) -> str:
    shown = ", ".join(paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


def _show(value: Any) -> str:
    return "(none)" if value is None else str(value)
