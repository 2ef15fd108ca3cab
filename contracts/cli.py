"""`enkash-contracts`: one entry point; each subcommand lives with the feature it drives.

Exit codes: 0 all contracts hold, 1 contract failures, 2 usage or harness error (any `ToolError`,
see contracts/errors.py: the subcommands may report theirs more precisely first).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import sys

from .errors import ToolError

__all__ = ["main"]

# subcommand -> module exposing `add_arguments(parser)` and `run(args) -> int`
SUBCOMMANDS = {
    "run": "contracts.suites.command",
    "replay": "contracts.scenarios.commands.replay",
    "import-har": "contracts.scenarios.commands.import_har",
    "record": "contracts.scenarios.commands.record",
    "diff": "contracts.scenarios.commands.diff",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="enkash-contracts", description="Enkash contract suites and QA scenarios")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, module_name in SUBCOMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue  # feature not installed in this build
            if error.name and not error.name.startswith("contracts"):
                print(f"enkash-contracts: {name} needs {error.name.split('.')[0]}, part of the [contracts] extra: "
                      "pip install 'enkash-toolkit[contracts]'", file=sys.stderr)
                return 2
            raise
        modules[name] = module
        module.add_arguments(commands.add_parser(name, help=(module.__doc__ or "").strip().splitlines()[0]))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    try:
        return modules[args.command].run(args)
    except ToolError as error:
        print(f"enkash-contracts: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 2


def _version() -> str:
    try:
        return importlib.metadata.version("enkash-toolkit")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


if __name__ == "__main__":
    raise SystemExit(main())
