"""Record a sandbox session through a local proxy and write it as a scrubbed scenario on exit."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys

from ...targets import UAT_API_URL, UAT_AUTH_URL
from ..importer import scenario_from_exchanges
from ..loader import ScenarioError
from ..recorder import Recorder
from .common import usage_error, write_scenario

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Record a session through a local proxy; by default it forwards to Enkash's real UAT "
                          "sandbox hosts (give --upstream-auth / --upstream-api to record against a mock).")
    parser.add_argument("--upstream-auth", default=UAT_AUTH_URL, metavar="URL",
                        help=f"auth host for /oauth/token (default: the real UAT host {UAT_AUTH_URL})")
    parser.add_argument("--upstream-api", default=UAT_API_URL, metavar="URL",
                        help=f"wallet host for everything else (default: the real UAT host {UAT_API_URL})")
    parser.add_argument("--port", type=int, default=8089, help="listen on 127.0.0.1:PORT (0: any free port)")
    parser.add_argument("-o", "--output", required=True, metavar="scenario.yaml")
    parser.add_argument("--max-requests", type=int, default=None, metavar="N", help="stop after N requests")
    parser.add_argument("--name", default="recorded session")
    parser.add_argument("--keep-pii", action="store_true",
                        help="keep PII as recorded (mobiles, emails, PANs, names, dates of birth, address lines)")


def run(args: argparse.Namespace) -> int:
    try:
        recorder = Recorder(args.upstream_auth, args.upstream_api, args.port, args.max_requests)
    except OSError as error:
        return usage_error(f"cannot listen on 127.0.0.1:{args.port}: {error}")
    previous = signal.signal(signal.SIGTERM, lambda *_: recorder.stop())
    print(f"recording on http://127.0.0.1:{recorder.port} (auth -> {args.upstream_auth}, api -> "
          f"{args.upstream_api}); Ctrl-C to stop and write {args.output}", file=sys.stderr, flush=True)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the normal way to finish a recording
        recorder.serve()
    try:
        return _write(recorder, args)  # a second SIGTERM while writing must not leave half a file
    finally:
        signal.signal(signal.SIGTERM, previous)


def _write(recorder: Recorder, args: argparse.Namespace) -> int:
    if not recorder.exchanges:
        return usage_error("nothing was recorded; no file written")
    data = scenario_from_exchanges(recorder.exchanges, args.name, keep_pii=args.keep_pii)
    try:
        write_scenario(args.output, data, "Recorded by `enkash-contracts record`.")
    except (OSError, ScenarioError) as error:
        return usage_error(f"cannot write {args.output}: {error}")
    print(f"wrote {args.output}: {len(data['steps'])} steps from {len(recorder.exchanges)} requests", file=sys.stderr)
    return 0
