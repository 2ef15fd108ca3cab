"""`enkash-mock serve | check-spec`: parse arguments, call the library, print; no logic of its own."""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import sys
from pathlib import Path

from .config import load_config
from .planted_faults import FAULTS, check_known

__all__ = ["main"]

DEFAULT_STORE = "sqlite:.enkash-mock/state.db"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="enkash-mock", description="Stateful mock of Enkash's wallet APIs")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the mock on a production WSGI server (gunicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--store", default=None, help=f"memory | sqlite:PATH (default {DEFAULT_STORE})")
    serve.add_argument("--seed", default=None, help="seed YAML replacing the embedded default state")
    serve.add_argument("--config", default=None, help="YAML file of mock settings (see MockConfig)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (needs the sqlite store)")
    serve.add_argument("--threads", type=int, default=8, help="threads per worker")
    serve.add_argument("--fixed-otp", default=None, help="every OTP is this value (e.g. 123456)")
    serve.add_argument("--token-ttl", type=int, default=None, help="access-token lifetime in seconds")
    serve.add_argument("--access-log", action="store_true", help="log one line per request to stderr")
    serve.add_argument("--admin-token", default=None,
                       help="token /__admin requires (Bearer or X-Admin-Token); needed on a non-loopback --host")
    serve.add_argument("--fault", action="append", default=None, metavar="NAME",
                       help="plant a fault to prove the contract suite bites (repeatable): " + ", ".join(FAULTS))

    check = commands.add_parser("check-spec", help="spec valid, every operation handled, every example valid")
    check.add_argument("--spec", default=None)

    args = parser.parse_args(argv)
    if args.command == "check-spec":
        return _check(args)
    return _serve(args)


def _check(args: argparse.Namespace) -> int:
    config = load_config(spec_path=args.spec)
    from .checks import check_spec  # openapi-spec-validator costs ~0.16 s to import: keep it off `serve`'s start

    problems = check_spec(config.spec_path)
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    if not problems:
        print(f"ok: {config.spec_path} is valid OpenAPI 3.1, every operation has a handler, every example validates")
    return 1 if problems else 0


def _serve(args: argparse.Namespace) -> int:
    from .server import serve  # gunicorn is only needed here

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load_config(
            args.config, seed_path=args.seed, fixed_otp=args.fixed_otp, token_ttl_seconds=args.token_ttl,
            store=args.store, faults=tuple(args.fault) if args.fault else None,
            admin_token=args.admin_token,
        )
        _check_exposure(args.host, config.admin_token)
        check_known(config.faults)
        if config.store == "memory" and args.store is None:
            config = config.replace(store=DEFAULT_STORE)
        if config.store.startswith("sqlite:"):
            Path(config.store[len("sqlite:"):]).parent.mkdir(parents=True, exist_ok=True)
        if config.store == "memory" and args.workers > 1:
            raise ValueError("the memory store cannot be shared by several workers: use --store sqlite:PATH")
    except (OSError, ValueError) as error:
        print(f"enkash-mock: {error}", file=sys.stderr)
        return 2
    return serve(config, host=args.host, port=args.port, workers=args.workers, threads=args.threads,
                 access_log=args.access_log)


def _version() -> str:
    try:
        return importlib.metadata.version("enkash-toolkit")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def _check_exposure(host: str, admin_token: str | None) -> None:
    """Off loopback, anyone on the network could reset or read the mock: insist on a token."""
    from .admin.base import is_loopback

    if not admin_token and host != "localhost" and not is_loopback(host):
        raise ValueError(f"--host {host} is reachable from other machines: give --admin-token TOKEN "
                         "(or set admin_token in --config / ENKASH_MOCK_ADMIN_TOKEN) to protect /__admin")


if __name__ == "__main__":
    raise SystemExit(main())
