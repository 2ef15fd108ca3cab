"""Cases per second of the contract suites against a local mock (a measurement, never a timed test).

    .venv/bin/python bench/contracts_rate.py [--profile ci] [--seed 1] [--suite conformance]

Starts `enkash-mock serve` as a separate process on a free loopback port, runs the suites, prints
cases, seconds and cases/s per suite and in total.
"""

from __future__ import annotations

import argparse
import time

from contracts.suites.command import SUITES, execute
from contracts.suites.evidence import SpecEvidence
from contracts.suites.profiles import PROFILES
from contracts.targets import resolve_target, running_target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="ci", choices=sorted(PROFILES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--suite", action="append", choices=SUITES)
    args = parser.parse_args()
    with running_target(resolve_target("mock")) as target:
        total_cases, total_seconds = 0, 0.0
        for suite in args.suite or SUITES:
            started = time.monotonic()
            result = execute(target, PROFILES[args.profile], args.seed, SpecEvidence(), suites=[suite])
            seconds = time.monotonic() - started
            total_cases, total_seconds = total_cases + result.cases, total_seconds + seconds
            print(f"{suite:12s} {result.cases:6d} cases {seconds:6.1f}s {result.cases / seconds:7.1f} cases/s "
                  f"({len(result.findings)} failures)")
        print(f"{'total':12s} {total_cases:6d} cases {total_seconds:6.1f}s {total_cases / total_seconds:7.1f} cases/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
