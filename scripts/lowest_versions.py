"""Prove the dependency lower bounds: a second venv with every direct dependency at its declared minimum.

    .venv/bin/python scripts/lowest_versions.py [--venv build/lowest-venv] [-- PYTEST_ARGS...]

Writes `build/lowest-constraints.txt` (`name==minimum` for every `>=` bound of the core install and of
the extras the tests need), installs the package with those constraints (transitive dependencies
resolve freely, as `uv --resolution lowest-direct` does), and runs the representative tests below in
that venv. Exit status is pytest's, or 2 if the install itself fails: a bound that no longer installs
or no longer works is a bound to raise in pyproject.toml.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRAS = ("pytest", "contracts", "postgres")
# Everything but the browser and most hardening suites: each import path of every dependency is exercised
# (mock, granian server, plugin, schemathesis and hypothesis suites, scenarios, the PostgreSQL store when
# ENKASH_TEST_POSTGRES_URL from scripts/postgres-ci.sh is set) in about a minute and a half.
TESTS = ["tests/mock", "tests/plugin", "tests/contracts", "tests/scenarios", "tests/store",
         "tests/hardening/test_server.py", "tests/test_packaging.py"]


def lower_bounds(project: dict) -> list[str]:
    from packaging.requirements import Requirement  # pip vendors it; the calling venv has it via pytest

    lines = list(project["dependencies"])
    for extra in EXTRAS:
        lines += project["optional-dependencies"][extra]
    pins = {}
    for line in lines:
        requirement = Requirement(line)
        for spec in requirement.specifier:
            if spec.operator == ">=":
                pins[requirement.name.lower()] = f"{requirement.name}=={spec.version}"
    return sorted(pins.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", default=str(ROOT / "build" / "lowest-venv"))
    parser.add_argument("pytest_args", nargs="*", default=["-q", "-x", "-p", "no:randomly", *TESTS])
    args = parser.parse_args(argv)

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    constraints = ROOT / "build" / "lowest-constraints.txt"
    constraints.parent.mkdir(parents=True, exist_ok=True)
    constraints.write_text("\n".join(lower_bounds(project)) + "\n", encoding="utf-8")
    python = Path(args.venv) / "bin" / "python"
    if not python.exists():
        venv.create(args.venv, with_pip=True)
    install = [str(python), "-m", "pip", "install", "--quiet", "--constraint", str(constraints),
               "--editable", f"{ROOT}[{','.join(EXTRAS)}]"]
    print("lowest direct versions:", ", ".join(lower_bounds(project)), flush=True)
    if subprocess.run(install, cwd=ROOT).returncode != 0:
        print("lowest-versions: the declared lower bounds do not install together", file=sys.stderr)
        return 2
    return subprocess.run([str(python), "-m", "pytest", *args.pytest_args], cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main())
