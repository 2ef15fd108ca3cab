"""Replay scenario files (YAML or HAR) against the mock or the UAT sandbox and report step by step."""

from __future__ import annotations

import argparse

from ...targets import TargetError, running_target
from ..console import Reporter
from ..loader import ScenarioError
from ..reports import write_json_report, write_junit
from .common import add_target_arguments, load_all, run_all, target_from, usage_error

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML or HAR files")
    parser.add_argument("--target", choices=["mock", "uat"], default="mock")
    add_target_arguments(parser)
    parser.add_argument("--junit", metavar="F", help="write JUnit XML here")
    parser.add_argument("--json-report", metavar="F.json", help="write a JSON report here (input for `diff`)")
    parser.add_argument("--keep-going", action="store_true", help="run the remaining steps after a failed one")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every expectation, not only failures")


def run(args: argparse.Namespace) -> int:
    try:
        scenarios = load_all(args.files)
        target = target_from(args.target, args.auth_url, args.api_url)
    except (ScenarioError, TargetError) as error:
        return usage_error(str(error))
    reporter = Reporter(verbose=args.verbose, total_steps=sum(len(s.steps) for s in scenarios))
    results: list = []
    try:
        with running_target(target, *args.mock_args) as live:
            results = run_all(
                scenarios, live, keep_going=args.keep_going,
                on_start=lambda s: reporter.scenario_started(s.name, s.source, live.name),
                on_step=reporter.step, on_end=reporter.scenario_finished,
            )
    except TargetError as error:
        return usage_error(str(error))
    finally:
        reporter.summary(results)
    try:
        _write_outputs(args, results, target.name)
    except OSError as error:
        return usage_error(f"cannot write the report: {error}")
    return 1 if any(result.outcome == "failed" for result in results) else 0


def _write_outputs(args: argparse.Namespace, results: list, target: str) -> None:
    if args.json_report:
        write_json_report(args.json_report, results, target)
    if args.junit:
        write_junit(args.junit, results)
