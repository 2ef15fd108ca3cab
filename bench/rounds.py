"""Interleaved load rounds, reported as medians.

Every server is up at once and each round loads each server in turn, so a burst of outside load
(the machine is shared; the load generator runs on the same cores) hits every server alike
instead of spoiling one of them; an idle server costs the others nothing.
"""

from __future__ import annotations

import statistics

from wrkload import Scenario, run_load

__all__ = ["interleave", "median_figures"]

Target = tuple[str, dict[str, Scenario]]  # base URL, scenarios by call name


def median_figures(samples: list[dict]) -> dict:
    return {
        "rps": statistics.median(s["rps"] for s in samples),
        "p50_ms": statistics.median(s["p50_ms"] for s in samples),
        "p99_ms": statistics.median(s["p99_ms"] for s in samples),
        "non_2xx": sum(s["non_2xx"] for s in samples),
        "socket_errors": sum(s["socket_errors"] for s in samples),
        "generator": samples[0]["generator"],
        "rounds_rps": [round(s["rps"]) for s in samples],
        "rounds_p99_ms": [round(s["p99_ms"], 1) for s in samples],
    }


def interleave(targets: dict[str, Target], rounds: int, connections: int, seconds: float) -> dict:
    """{target: {call: median figures}} over `rounds` rounds of every (target, call)."""
    samples: dict[str, dict[str, list]] = {name: {call: [] for call in calls} for name, (_, calls) in targets.items()}
    for run in range(rounds):
        for name, (url, calls) in targets.items():
            for call, scenario in calls.items():
                figures = run_load(url, scenario, connections, seconds, run)
                samples[name][call].append(figures)
                print(f"  round {run + 1} {name} {call}: {figures['rps']:.0f} req/s, p99 {figures['p99_ms']:.1f} ms",
                      flush=True)
    return {name: {call: median_figures(found) for call, found in calls.items()} for name, calls in samples.items()}
