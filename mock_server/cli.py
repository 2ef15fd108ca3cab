"""`enkash-mock serve | check-spec | example-config | receive`: parse arguments, call the library, print.

A flag that sets a mock setting is named after its `MockConfig` field (`--token-ttl-seconds` sets
`token_ttl_seconds`), the same name as in a config file, ENKASH_MOCK_* and the pytest marker.
One exception: the repeatable `--fault NAME` sets `faults` (an append flag names one item per use).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import sys
from pathlib import Path

from .config import load_config

__all__ = ["add_serve_arguments", "configure_logging", "main"]

DEFAULT_STORE = "sqlite:.enkash-mock/state.db"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="enkash-mock", description="Stateful mock of Enkash's wallet APIs")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the mock on a production HTTP server (granian)")
    add_serve_arguments(serve)

    check = commands.add_parser("check-spec", help="spec valid, every operation handled, every example valid")
    check.add_argument("--spec-path", default=None, metavar="FILE", help="the OpenAPI document (default: packaged)")

    commands.add_parser("example-config", help="print a config file of every setting, its default and meaning")

    from .receive_command import add_receive_arguments, receive

    add_receive_arguments(commands.add_parser("receive", help="a tiny webhook receiver on 127.0.0.1 that prints "
                                                              "each webhook it receives"))

    args = parser.parse_args(argv)
    if args.command == "receive":
        return receive(args)
    if args.command == "check-spec":
        return _check(args)
    if args.command == "example-config":
        from .config_example import example_config

        sys.stdout.write(example_config())
        return 0
    return _serve(args)


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--store", default=None, help=f"memory | sqlite:PATH | postgresql://user:pass@host:port/db "
                        f"(default {DEFAULT_STORE}; also ENKASH_MOCK_STORE)")
    parser.add_argument("--seed-path", default=None, metavar="FILE",
                        help="seed YAML replacing the embedded default state")
    parser.add_argument("--config", default=None, metavar="FILE",
                        help="YAML file of mock settings (`enkash-mock example-config` prints every one)")
    parser.add_argument("--workers", type=_positive, default=None,
                        help="worker processes (more than one needs the sqlite or postgresql store); "
                             "default: one per CPU, at most 4 (one with --store memory)")
    parser.add_argument("--threads", type=_positive, default=8, help="threads per worker that run the app")
    parser.add_argument("--read-timeout-seconds", default=None, metavar="SECONDS",
                        help="close a connection whose request head or body has not arrived in this time "
                             "(default: read_timeout_seconds of --config, else 10)")
    parser.add_argument("--fixed-otp", default=None, metavar="DIGITS",
                        help="every OTP is these six digits (e.g. 123456)")
    parser.add_argument("--token-ttl-seconds", default=None, metavar="SECONDS", help="access-token lifetime")
    parser.add_argument("--instance-secret", default=None,
                        help="key deriving OTPs and tokens, shared by replicas (also ENKASH_MOCK_INSTANCE_SECRET); "
                             "default: random per start, or kept in the database by the postgresql store")
    parser.add_argument("--access-log", action="store_true", help="log one line per request to stdout")
    parser.add_argument("--admin-token", default=None,
                        help="token /__admin requires (Bearer or X-Admin-Token); needed on a non-loopback --host")
    # Like --fault, an append option (sets `allowed_hosts`; the --host served on is added to it).
    parser.add_argument("--allowed-host", action="append", default=None, metavar="NAME",
                        help="a host name /__admin and /__mock answer to besides loopback ones (repeatable)")
    # The one flag not named after its setting (`faults`): an append option takes one item per use,
    # so it is singular, as `--fault a --fault b` reads.
    parser.add_argument("--fault", action="append", dest="faults", default=None, metavar="NAME",
                        help="plant a fault to prove the contract suite bites (repeatable; sets `faults`): "
                        + ", ".join(_planted_names()))


def _check(args: argparse.Namespace) -> int:
    import yaml

    from .checks import check_spec  # openapi-spec-validator costs ~0.16 s to import: keep it off `serve`'s start

    try:
        config = load_config(spec_path=args.spec_path)
        problems = check_spec(config.spec_path)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"enkash-mock: cannot read the spec: {_one_line(error)}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    if not problems:
        print(f"ok: {config.spec_path} is valid OpenAPI 3.1, every operation has a handler, every example validates")
    return 1 if problems else 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def configure_logging() -> None:
    """The server's log: INFO and up, except httpx's line per webhook POST (the admin API's delivery log
    already says it, and a receiver's URL may carry a token in its query)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.WARNING)


def _serve(args: argparse.Namespace) -> int:
    from .server import default_workers, serve  # granian is only needed here

    configure_logging()
    try:
        config = load_config(
            args.config, seed_path=args.seed_path, fixed_otp=args.fixed_otp, token_ttl_seconds=args.token_ttl_seconds,
            store=args.store, faults=_comma_list(args.faults),
            admin_token=args.admin_token, instance_secret=args.instance_secret,
            read_timeout_seconds=args.read_timeout_seconds,
        )
        config = config.replace(allowed_hosts=(*config.allowed_hosts, *_allowed_hosts(args)))
        _check_exposure(args.host, config.admin_token)
        if config.faults:
            from .selftest import check_known

            check_known(config.faults)
        if config.store == "memory" and args.store is None:
            config = config.replace(store=DEFAULT_STORE)
        if config.store.startswith("sqlite:"):
            Path(config.store[len("sqlite:"):]).parent.mkdir(parents=True, exist_ok=True)
        if config.store == "memory" and (args.workers or 1) > 1:
            raise ValueError("the memory store cannot be shared by several workers: use --store sqlite:PATH")
        if not 0 < config.read_timeout_seconds <= 3600:
            raise ValueError("read_timeout_seconds must be more than 0 and at most 3600 seconds, "
                             f"got {config.read_timeout_seconds}")
    except (OSError, ValueError) as error:
        print(f"enkash-mock: {_one_line(error)}", file=sys.stderr)
        return 2
    return serve(config, host=args.host, port=args.port, workers=args.workers or default_workers(config.store),
                 threads=args.threads, access_log=args.access_log, read_timeout=config.read_timeout_seconds)


def _allowed_hosts(args: argparse.Namespace) -> tuple[str, ...]:
    """--allowed-host names, plus the --host it serves on when that is one name, not a wildcard."""
    names = list(args.allowed_host or ())
    if args.host not in ("0.0.0.0", "::", ""):
        names.append(args.host)
    return tuple(names)


def _comma_list(values: list[str] | None) -> tuple[str, ...] | None:
    """`--fault a --fault b,c` -> ("a", "b", "c"), as the config file's list or ENKASH_MOCK_FAULTS=a,b."""
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _one_line(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.filename}: {error.strerror}"
    return " ".join(str(error).split())


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


def _planted_names() -> list[str]:
    from .selftest.catalogue import PLANTED  # a plain table: cheap, and no part of the request path

    return sorted(PLANTED)


if __name__ == "__main__":
    raise SystemExit(main())
