"""How fast an in-process conformance run could ever be, against the same run over HTTP (a measurement).

    .venv/bin/python bench/contracts_ceiling.py [--seed 1] [--profile ci]

The conformance suite's time splits into generating cases (hypothesis and schemathesis), sending them,
and checking the answers. The in-process transport can only shrink the sending; this script times,
each in a fresh process, the same conformance run (same profile and seed) four ways:

    generate   in-process, every case generated and prepared, none sent (the floor of any transport)
    send       in-process, every case sent, no check run
    full       in-process, as `enkash-contracts run --suite conformance` runs it
    http       over HTTP (`--over-http`), as above

and prints JSON with each one's seconds and cases, and `ceiling` = http / generate: the ratio the
in-process run could not pass even if sending and checking cost nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

__all__ = ["ceiling"]

MODES = ("generate", "send", "full", "http")


def _patch(mode: str) -> None:
    from contracts.suites import conformance

    if mode == "generate":
        def exercise(self, operation, case, record):
            self.preparer.prepare(case)
            record.cases += 1
    elif mode == "send":
        def exercise(self, operation, case, record):
            self.preparer.prepare(case)
            case.call(base_url=self._base_url(operation), session=self.session, timeout=15)
            record.cases += 1
    else:
        return
    conformance.Conformance.exercise = exercise


def _child(mode: str, seed: int, profile: str) -> dict:
    """One run in this process; its figures as a dict."""
    from contracts.suites.command import execute
    from contracts.suites.evidence import SpecEvidence
    from contracts.suites.profiles import PROFILES
    from contracts.targets import resolve_target, running_target

    _patch(mode)
    with running_target(resolve_target("mock"), in_process=mode != "http") as target:
        started, cpu = time.monotonic(), time.process_time()
        result = execute(target, PROFILES[profile], seed, SpecEvidence(), suites=["conformance"])
        seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    return {"cases": result.cases, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "failures": len(result.findings)}


def ceiling(seed: int = 1, profile: str = "ci") -> dict:
    """Each mode in a fresh process, one after the other; the ratios that bound the in-process speed-up."""
    figures: dict = {}
    for mode in MODES:
        done = subprocess.run([sys.executable, __file__, "--child", mode, "--seed", str(seed), "--profile", profile],
                              capture_output=True, text=True, timeout=900)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            return {"error": f"contracts_ceiling {mode} exited {done.returncode}", "stderr": done.stderr[-500:]}
        figures[mode] = json.loads(lines[-1])
    seconds = {mode: figures[mode]["seconds"] for mode in MODES}
    figures["in_process_vs_http"] = round(seconds["http"] / seconds["full"], 2)
    figures["ceiling"] = round(seconds["http"] / seconds["generate"], 2)
    figures["share_generating"] = round(seconds["generate"] / seconds["full"], 2)
    figures["share_checking"] = round((seconds["full"] - seconds["send"]) / seconds["full"], 2)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", default="ci")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.seed, args.profile)))
    else:
        print(json.dumps(ceiling(args.seed, args.profile), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
