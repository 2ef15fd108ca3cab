"""Fault rules: what to break, for which operation, how often. Parsing and choosing only, no Flask.

A session's rules live in the store (kind "fault", key "rules"), so every worker process sees the
same rules and `nthCall` counts across workers. One request can also ask for faults itself with the
header `X-Mock-Fault` (see `parse_header`) or Prism's `Prefer: code=503`.
"""

from __future__ import annotations

import math
import random
import re
import secrets
from dataclasses import dataclass, field
from typing import Any, TypeGuard

__all__ = ["KINDS", "MAX_SIGMA", "Fault", "FaultRuleError", "error_status", "match_rules", "parse_header",
           "parse_prefer", "parse_rules"]

KINDS = ("latency", "status", "reset", "malformed", "drop-field", "lost-response")
MAX_LATENCY_MS = 60_000  # a worker thread asleep longer than this is a hung mock, not a simulation
# Beyond this a lognormal's draws overflow a float (sigma 1000 did in about 20 % of calls); 10 already
# spreads one median over twenty orders of magnitude.
MAX_SIGMA = 10
_DISTRIBUTIONS = ("fixed", "uniform", "lognormal")


class FaultRuleError(ValueError):
    """A rule or header the mock cannot follow; the message says which part."""


@dataclass(frozen=True)
class Fault:
    """One effect to apply to one request."""

    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    source: str = "header"  # "header", "prefer" or a rule id

    def delay_seconds(self, rng: random.Random) -> float:
        p = self.params
        distribution = p.get("distribution", "fixed")
        if distribution == "uniform":
            ms = rng.uniform(p["minMs"], p["maxMs"])
        elif distribution == "lognormal":
            try:
                ms = rng.lognormvariate(math.log(p["medianMs"]), p["sigma"])
            except OverflowError:  # a rule stored before MAX_SIGMA existed: the cap is the answer
                ms = MAX_LATENCY_MS
        else:
            ms = p["ms"]
        return min(ms, MAX_LATENCY_MS) / 1000

    def describe(self) -> str:
        details = ",".join(f"{k}={v}" for k, v in sorted(self.params.items()))
        return f"{self.kind}({details})" if details else self.kind


# ---- rules (PUT /__admin/faults) -------------------------------------------------------------

def parse_rules(body: Any) -> list[dict]:
    """Validated, normalised rules from `{"rules": [...]}` (or a bare list); ids assigned where missing."""
    rules = body.get("rules") if isinstance(body, dict) else body
    if not isinstance(rules, list):
        raise FaultRuleError('expected {"rules": [ {...}, ... ]}')
    return [_rule(index, rule) for index, rule in enumerate(rules)]


def _rule(index: int, raw: Any) -> dict:
    where = f"rule #{index + 1}"
    if not isinstance(raw, dict):
        raise FaultRuleError(f"{where}: expected an object")
    if bool(raw.get("operationId")) == bool(raw.get("path")):
        raise FaultRuleError(f"{where}: give exactly one of operationId or path")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise FaultRuleError(f"{where}: kind must be one of {', '.join(KINDS)}")
    rule = {"id": str(raw.get("id") or f"rule-{secrets.token_hex(4)}"), "kind": kind}
    for name in ("operationId", "path", "method"):
        if raw.get(name) is not None:
            rule[name] = str(raw[name]).upper() if name == "method" else str(raw[name])
    rule.update(_trigger(where, raw))
    rule.update(_params(where, kind, raw))
    return rule


def _trigger(where: str, raw: dict) -> dict:
    if "nthCall" in raw and "probability" in raw:
        raise FaultRuleError(f"{where}: give probability or nthCall, not both")
    if "nthCall" in raw:
        nth = raw["nthCall"]
        if not _is_int(nth) or nth < 1:
            raise FaultRuleError(f"{where}: nthCall must be an integer >= 1")
        return {"nthCall": nth}
    probability = raw.get("probability", 1.0)
    if not _is_number(probability) or not 0 <= probability <= 1:
        raise FaultRuleError(f"{where}: probability must be a number from 0 to 1")
    return {"probability": float(probability)}


def _params(where: str, kind: str, raw: dict) -> dict:
    if kind == "latency":
        return _latency(where, raw)
    if kind == "status" or (kind == "lost-response" and "status" in raw):
        status = raw.get("status")
        if not _is_int(status) or not 400 <= status <= 599:
            raise FaultRuleError(f"{where}: status must be an HTTP error status (400-599)")
        params: dict[str, Any] = {"status": status}
        if raw.get("message") is not None:
            params["message"] = str(raw["message"])
        return params
    if kind == "drop-field":
        return {"field": str(raw.get("field") or "payload")}
    return {}


def _latency(where: str, raw: dict) -> dict:
    distribution = raw.get("distribution", "fixed")
    needed = {"fixed": ("ms",), "uniform": ("minMs", "maxMs"), "lognormal": ("medianMs", "sigma")}.get(distribution)
    if needed is None:
        raise FaultRuleError(f"{where}: distribution must be one of {', '.join(_DISTRIBUTIONS)}")
    params: dict[str, Any] = {"distribution": distribution}
    for name in needed:
        value = raw.get(name)
        highest = MAX_SIGMA if name == "sigma" else MAX_LATENCY_MS
        if not _is_number(value) or not 0 <= value <= highest:
            raise FaultRuleError(f"{where}: {name} must be a number from 0 to {highest}")
        params[name] = value
    if distribution == "uniform" and params["minMs"] > params["maxMs"]:
        raise FaultRuleError(f"{where}: minMs must not exceed maxMs")
    if distribution == "lognormal" and params["medianMs"] <= 0:
        raise FaultRuleError(f"{where}: medianMs must be positive")
    return params


def match_rules(doc: dict, operation_id: str, method: str, paths: tuple[str, ...],
                rng: random.Random) -> tuple[list[Fault], bool]:
    """The faults that fire for this call, and whether `doc`'s call counters changed (to be saved)."""
    fired, counted = [], False
    counts = doc.setdefault("counts", {})
    for rule in doc.get("rules", []):
        if not _targets(rule, operation_id, method, paths):
            continue
        if "nthCall" in rule:
            counts[rule["id"]] = counts.get(rule["id"], 0) + 1
            counted, fires = True, counts[rule["id"]] == rule["nthCall"]
        else:
            fires = rule["probability"] >= 1 or rng.random() < rule["probability"]
        if fires:
            params = {k: v for k, v in rule.items() if k not in _RULE_KEYS}
            fired.append(Fault(rule["kind"], params, source=rule["id"]))
    return fired, counted


_RULE_KEYS = {"id", "kind", "operationId", "path", "method", "probability", "nthCall"}


def _targets(rule: dict, operation_id: str, method: str, paths: tuple[str, ...]) -> bool:
    if "method" in rule and rule["method"] != method:
        return False
    if "operationId" in rule:
        return rule["operationId"] == operation_id
    return rule["path"] in paths


# ---- per-request header ----------------------------------------------------------------------

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(?:\.\.(\d+(?:\.\d+)?))?(ms|s)?$")


def parse_header(value: str) -> list[Fault]:
    """`X-Mock-Fault: latency=200ms, status=503` → faults. Items: latency=N[ms|s] or latency=A..B[ms|s]
    (uniform), status=CODE, reset, malformed, drop[=field.path], lost-response[=CODE]."""
    faults = []
    for item in filter(None, (part.strip() for part in value.split(","))):
        name, _, argument = (s.strip() for s in item.partition("="))
        faults.append(_header_fault(name.lower(), argument))
    return faults


def _header_fault(name: str, argument: str) -> Fault:
    if name == "latency":
        return Fault("latency", _header_latency(argument))
    if name == "status":
        return Fault("status", {"status": _header_status(argument)})
    if name in ("reset", "malformed") and not argument:
        return Fault(name)
    if name in ("drop", "drop-field"):
        return Fault("drop-field", {"field": argument or "payload"})
    if name == "lost-response":
        return Fault(name, {"status": _header_status(argument)} if argument else {})
    raise FaultRuleError(f"X-Mock-Fault: cannot read {name!r}; use latency=200ms, status=503, reset, "
                         "malformed, drop=payload.field or lost-response[=500]")


def _header_latency(argument: str) -> dict:
    found = _DURATION.match(argument)
    if not found:
        raise FaultRuleError("X-Mock-Fault: latency takes 200ms, 0.5s or a range 100..300ms")
    scale = 1000 if found.group(3) == "s" else 1
    low = float(found.group(1)) * scale
    high = float(found.group(2)) * scale if found.group(2) else None
    if max(low, high or 0) > MAX_LATENCY_MS or (high is not None and high < low):
        raise FaultRuleError(f"X-Mock-Fault: latency must be an ascending range within {MAX_LATENCY_MS} ms")
    if high is None:
        return {"distribution": "fixed", "ms": low}
    return {"distribution": "uniform", "minMs": low, "maxMs": high}


def _header_status(argument: str) -> int:
    status = error_status(argument)
    if status is None:
        raise FaultRuleError("X-Mock-Fault: status must be an HTTP error status (400-599)")
    return status


def error_status(text: str) -> int | None:
    """`"503"` → 503; None for anything but three ASCII digits from 400 to 599 (`isdigit` alone
    accepts "5²00" and 5,000-digit numbers that `int` then refuses)."""
    if len(text) == 3 and text.isascii() and text.isdigit() and 400 <= int(text) <= 599:
        return int(text)
    return None


def parse_prefer(value: str) -> list[Fault]:
    """Prism's `Prefer: code=503` (other Prefer preferences are ignored)."""
    for part in value.split(","):
        name, _, argument = (s.strip() for s in part.partition("="))
        status = error_status(argument) if name.lower() == "code" else None
        if status is not None:
            return [Fault("status", {"status": status}, source="prefer")]
    return []


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
