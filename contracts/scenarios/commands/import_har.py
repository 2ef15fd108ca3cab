"""Turn a HAR export (browser, Postman, Insomnia, schemathesis) into a scrubbed scenario YAML."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..har import HarError
from ..importer import scenario_from_har_text
from ..loader import ScenarioError
from .common import usage_error, write_scenario

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("har", metavar="session.har")
    parser.add_argument("-o", "--output", required=True, metavar="scenario.yaml")
    parser.add_argument("--name", help="scenario name (default: the HAR file's name)")
    parser.add_argument("--keep-pii", action="store_true",
                        help="keep PII as recorded (mobiles, emails, PANs, names, dates of birth, address lines)")


def run(args: argparse.Namespace) -> int:
    try:
        text = Path(args.har).read_text(encoding="utf-8")
        data = scenario_from_har_text(text, args.har, keep_pii=args.keep_pii)
    except (OSError, UnicodeDecodeError, HarError) as error:
        return usage_error(str(error))
    if args.name:
        data["name"] = args.name
    try:
        write_scenario(args.output, data, f"Imported from {Path(args.har).name} by `enkash-contracts import-har`.")
    except (OSError, ScenarioError) as error:
        return usage_error(f"cannot write {args.output}: {error}")
    print(f"wrote {args.output}: {len(data['steps'])} steps")
    return 0
