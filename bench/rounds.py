"""Interleaved load rounds, reported as medians.

Every server is up at once and each round loads each server in turn, so a burst of outside load
(the machine is shared; the load generator runs on the same cores) hits every server alike
instead of spoiling one of them; an idle server costs the others nothing.
"""

from __future__ import annotations

import statistics
from concurrent.futures import ThreadPoolExecutor

from wrkload import Scenario, run_load

__all__ = ["interleave", "median_figures"]

# A base URL, or several replicas' URLs sharing the load; and scenarios by call name.
Target = tuple[str | tuple[str, ...], dict[str, Scenario]]


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


def _load(url: str | tuple[str, ...], scenario: Scenario, connections: int, seconds: float, run: int) -> dict:
    """One run; against several replicas, the connections are split between them and loaded at once (as a
    load balancer spreading connections would): requests add up, the worst p99 stands for them all."""
    if isinstance(url, str):
        return run_load(url, scenario, connections, seconds, run)
    share = max(1, connections // len(url))
    with ThreadPoolExecutor(len(url)) as pool:  # each generator its own lane of mobiles (wrk runs 2 threads)
        parts = list(pool.map(lambda i: run_load(url[i], scenario, share, seconds, run, lane=2 * i), range(len(url))))
    return {"requests": sum(p["requests"] for p in parts), "rps": sum(p["rps"] for p in parts),
            "p50_ms": max(p["p50_ms"] for p in parts), "p99_ms": max(p["p99_ms"] for p in parts),
            "non_2xx": sum(p["non_2xx"] for p in parts), "socket_errors": sum(p["socket_errors"] for p in parts),
            "generator": parts[0]["generator"]}


def interleave(targets: dict[str, Target], rounds: int, connections: int, seconds: float) -> dict:
    """{target: {call: median figures}} over `rounds` rounds of every (target, call)."""
    samples: dict[str, dict[str, list]] = {name: {call: [] for call in calls} for name, (_, calls) in targets.items()}
    for run in range(rounds):
        for name, (url, calls) in targets.items():
            for call, scenario in calls.items():
                figures = _load(url, scenario, connections, seconds, run)
                samples[name][call].append(figures)
                print(f"  round {run + 1} {name} {call}: {figures['rps']:.0f} req/s, p99 {figures['p99_ms']:.1f} ms",
                      flush=True)
    return {name: {call: median_figures(found) for call, found in calls.items()} for name, calls in samples.items()}
