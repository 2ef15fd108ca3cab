"""Report per step how two runs differ in status, envelope code, field sets and types.

Either one scenario run against two targets, or two saved runs (replay --json-report JSON, or HAR files).
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack

from ...targets import TargetError, running_target
from ..diffing import diff_observations, observations_from_file, observations_from_results
from ..har import HarError
from ..loader import ScenarioError
from .common import add_target_arguments, load_all, run_all, target_from, usage_error

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="one scenario (with --left/--right), or two saved runs (reports or HARs)")
    parser.add_argument("--left", choices=["mock", "uat"], help="first target to run the scenario on")
    parser.add_argument("--right", choices=["mock", "uat"], help="second target to run the scenario on")
    add_target_arguments(parser, "left")
    add_target_arguments(parser, "right")


def run(args: argparse.Namespace) -> int:
    try:
        if args.left or args.right:
            left, right, labels = _run_both(args)
        elif len(args.files) == 2:
            left, right = (observations_from_file(path) for path in args.files)
            labels = tuple(args.files)
        else:
            return usage_error("diff needs --left and --right with scenario files, or exactly two saved runs")
    except (ScenarioError, TargetError, HarError, OSError, ValueError, KeyError) as error:
        return usage_error(str(error))
    return _print(diff_observations(left, right), labels)


def _run_both(args: argparse.Namespace):
    if not (args.left and args.right):
        raise TargetError("give both --left and --right")
    scenarios = load_all(args.files)
    left = target_from(args.left, args.left_auth_url, args.left_api_url)
    right = target_from(args.right, args.right_auth_url, args.right_api_url)
    with ExitStack() as stack:
        live_left = stack.enter_context(running_target(left, *args.left_mock_args))
        live_right = stack.enter_context(running_target(right, *args.right_mock_args))
        observed = [observations_from_results(run_all(scenarios, live, keep_going=True))
                    for live in (live_left, live_right)]
    return observed[0], observed[1], (f"left={args.left}", f"right={args.right}")


def _print(diffs, labels) -> int:
    print(f"diff {labels[0]} vs {labels[1]}")
    for diff in diffs:
        print(f"step {diff.index} {diff.name}")
        for line in diff.lines:
            print(f"    {line}")
    print(f"{len(diffs)} step(s) differ" if diffs else "no differences")
    return 1 if diffs else 0
