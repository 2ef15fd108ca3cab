"""Run the contract suites against the mock or the UAT sandbox (switched by configuration alone).

Exit codes: 0 every contract holds, 1 contract failures, 2 usage or harness error.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable

from ..client import Pace
from ..errors import ToolError
from ..targets import TargetError, resolve_target, running_target
from .conformance import Conformance
from .evidence import DEFAULT_SPEC, SpecEvidence
from .junit_report import write_junit
from .profiles import PROFILES, Profile, parse_rate
from .report import summary_line, write_markdown
from .results import RunResult, TestRecord
from .rules import OPTIONAL_AREAS
from .stateful import Stateful

__all__ = ["add_arguments", "execute", "run"]

SUITES = ("conformance", "stateful")
_UAT_HELP = ("UAT credentials come from ENKASH_USERNAME, ENKASH_PASSWORD, ENKASH_CLIENT_ID, ENKASH_CLIENT_SECRET "
             "(optional), ENKASH_PARTNER_ID, ENKASH_COMPANY_ID, ENKASH_CARD_ACCOUNT_ID; hosts from ENKASH_AUTH_URL "
             "and ENKASH_API_URL (the flags win); ENKASH_FIXED_OTP enables the OTP rules on a sandbox.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__.splitlines()[0] + " " + _UAT_HELP
    parser.add_argument("--target", choices=["mock", "uat"], default="mock")
    parser.add_argument("--url", help="base URL of a running server answering both hosts (mock: skips the "
                                      "in-process app)")
    parser.add_argument("--auth-url", help="base URL of the token host (default: the target's)")
    parser.add_argument("--api-url", help="base URL of the wallet host (default: the target's)")
    parser.add_argument("--over-http", action="store_true",
                        help="mock without a URL: start `enkash-mock serve` on a loopback port instead of calling "
                             "the app in-process (the default)")
    parser.add_argument("--profile", choices=sorted(PROFILES),
                        help="dev | ci | uat (default: ci for mock, uat for uat)")
    parser.add_argument("--junit", metavar="FILE", help="write JUnit XML here")
    parser.add_argument("--report", metavar="FILE.md", help="write the Markdown report here")
    parser.add_argument("--seed", type=int, help="hypothesis seed (printed when omitted, to replay a run)")
    parser.add_argument("--max-examples", type=int, help="fuzzed cases per operation and mode (profile default)")
    parser.add_argument("--rate", help="request cap, e.g. 2/s or 30/m (profile default)")
    parser.add_argument("--suite", action="append", choices=SUITES, help="run only this suite (repeatable)")
    parser.add_argument("--operation", action="append", default=[], metavar="OPERATION_ID",
                        help="conformance: only this operationId (repeatable)")
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first contract failure")
    parser.add_argument("--stateful-areas", metavar="AREA[,AREA]",
                        help="stateful: besides wallets and KYC, only these areas' rules "
                             f"({', '.join(OPTIONAL_AREAS)}; 'core' for none); default: all")
    parser.add_argument("--spec", default=str(DEFAULT_SPEC), help="the OpenAPI document (default: openapi.yaml)")


def run(args: argparse.Namespace) -> int:
    try:
        profile = _profile(args)
        target = resolve_target(args.target, args.auth_url or args.url, args.api_url or args.url)
    except (TargetError, ValueError) as error:
        print(f"enkash-contracts run: {error}", file=sys.stderr)
        if args.target == "uat":
            print(_UAT_HELP, file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    try:
        with running_target(target, in_process=not args.over_http) as ready:
            result = execute(ready, profile, seed, SpecEvidence(args.spec), suites=args.suite or SUITES,
                             operations=args.operation, progress=_progress_printer())
    except (ToolError, OSError) as error:
        print(f"enkash-contracts run: could not run: {error}", file=sys.stderr)
        return 2
    _write(result, args)
    return result.exit_code()


def execute(target, profile: Profile, seed: int, evidence: SpecEvidence, suites=SUITES, operations=(),
            progress: Callable[[str], None] | None = None) -> RunResult:
    """Run the chosen suites against a ready target; the result carries every record and finding.

    `progress` hears one line as each operation (and the stateful suite) starts.
    """
    result = RunResult(target.name, profile.name, seed)
    pace = Pace(profile.rate)
    started = time.monotonic()
    say = progress or (lambda line: None)
    if "conformance" in suites:
        result.records += Conformance(target, profile, seed, evidence, pace, operations, progress=say).run()
    if "stateful" in suites:
        if profile.fail_fast and result.findings:
            result.records.append(TestRecord("stateful", "stateful.machine", "stateful", status="skipped",
                                             reason="fail-fast: the run stopped at the first failure"))
        else:
            fixed_otp = os.environ.get("ENKASH_FIXED_OTP") or None
            say(f"stateful: {profile.stateful_runs} sequences of up to {profile.stateful_steps} steps")
            result.records += Stateful(target, profile, seed, evidence, pace, fixed_otp).run()
    result.seconds = time.monotonic() - started
    return result


def _progress_printer() -> Callable[[str], None]:
    """Progress on stderr, one plain line per stage with the time so far: a long run is never silent,
    and stdout keeps only the summary a script may parse."""
    started = time.monotonic()

    def say(line: str) -> None:
        print(f"... {time.monotonic() - started:5.1f}s {line}", file=sys.stderr, flush=True)

    return say


def _profile(args: argparse.Namespace) -> Profile:
    name = args.profile or ("uat" if args.target == "uat" else "ci")
    rate = parse_rate(args.rate) if args.rate else None
    if args.max_examples is not None and args.max_examples < 1:
        raise ValueError("--max-examples must be at least 1")
    return PROFILES[name].with_overrides(max_examples=args.max_examples, rate=rate,
                                         fail_fast=True if args.fail_fast else None,
                                         stateful_areas=_stateful_areas(args.stateful_areas))


def _stateful_areas(text: str | None) -> tuple[str, ...] | None:
    """'funds,payouts' -> ("funds", "payouts"); 'core' -> only wallets and KYC; None -> the profile's."""
    if text is None:
        return None
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in (*OPTIONAL_AREAS, "core")]
    if unknown or not names:
        raise ValueError(f"--stateful-areas: unknown area {', '.join(unknown) or text!r}; "
                         f"choose from core, {', '.join(OPTIONAL_AREAS)}")
    return names


def _write(result: RunResult, args: argparse.Namespace) -> None:
    if args.junit:
        write_junit(args.junit, result)
    if args.report:
        write_markdown(result, args.report)
    print(summary_line(result))
    for finding in result.findings[:20]:
        print(f"  FAIL {finding.operation} {finding.check} [{finding.evidence}]: {finding.title.splitlines()[0]}")
    for record in result.errors:
        print(f"  ERROR {record.name}: {record.reason[:200]}")
