"""Pieces the scenario subcommands share: target flags, loading files, running scenarios."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import httpx
import yaml

from ...targets import Target, resolve_target
from ..loader import Scenario, ScenarioError, load_file, load_text
from ..results import ScenarioResult, StepResult
from ..runner import run_scenario

__all__ = ["add_target_arguments", "load_all", "run_all", "target_from", "usage_error", "write_scenario"]

TIMEOUT_SECONDS = 30.0


def add_target_arguments(parser: argparse.ArgumentParser, prefix: str = "", default: str | None = "mock") -> None:
    flag = f"--{prefix}-" if prefix else "--"
    dest = f"{prefix}_" if prefix else ""
    parser.add_argument(f"{flag}auth-url", dest=f"{dest}auth_url", help="auth host base URL (/oauth/token)")
    parser.add_argument(f"{flag}api-url", dest=f"{dest}api_url", help="wallet host base URL")
    parser.add_argument(f"{flag}mock-arg", dest=f"{dest}mock_args", action="append", default=[], metavar="ARG",
                        help="extra `enkash-mock serve` argument for a mock started here (repeatable), "
                             f"e.g. {flag}mock-arg=--fixed-otp=123456")


def target_from(name: str, auth_url: str | None, api_url: str | None) -> Target:
    return resolve_target(name, auth_url, api_url)


def usage_error(message: str) -> int:
    print(f"enkash-contracts: {message}", file=sys.stderr)
    return 2


def load_all(paths: list[str]) -> list[Scenario]:
    """Every file loaded, or ScenarioError listing the problems of all of them."""
    scenarios, problems = [], []
    for path in paths:
        try:
            scenarios.append(load_file(path))
        except ScenarioError as error:
            problems += error.problems
    if problems:
        raise ScenarioError(problems)
    return scenarios


def run_all(scenarios: list[Scenario], target: Target, *, keep_going: bool = False,
            on_start: Callable[[Scenario], None] | None = None,
            on_step: Callable[[StepResult], None] | None = None,
            on_end: Callable[[ScenarioResult], None] | None = None) -> list[ScenarioResult]:
    results = []
    with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
        for scenario in scenarios:
            if on_start:
                on_start(scenario)
            result = run_scenario(scenario, target, client, keep_going=keep_going, on_step=on_step)
            results.append(result)
            if on_end:
                on_end(result)
    return results


def write_scenario(path: str, data: dict, origin: str) -> None:
    """Write a generated scenario after checking it loads (a generator bug must not leave a bad file)."""
    text = f"# {origin}\n# Secrets come from the environment (${{env:...}}); see docs/scenarios.md.\n"
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110, default_flow_style=None)
    load_text(text, path)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
