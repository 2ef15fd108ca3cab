"""What an installer and a package index see: declared dependencies, metadata, versions on both CLIs."""

from __future__ import annotations

import ast
import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Which extra a module's imports must be declared in, by path prefix (the longest match wins): the core
# install is the mock itself; the PostgreSQL store's modules (imported only for a postgresql:// store)
# need [postgres].
HOMES = {"mock_server": "core", "mock_server/testing": "pytest", "mock_server/store/postgres": "postgres",
         "contracts": "contracts"}
FIRST_PARTY = {"mock_server", "contracts"}


def _requirements(group: str) -> dict[str, Requirement]:
    lines = PROJECT["dependencies"] if group == "core" else PROJECT["optional-dependencies"][group]
    found = {}
    for line in lines:
        requirement = Requirement(line)
        found[requirement.name.lower().replace("_", "-")] = requirement
    return found


def _home_of(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("").as_posix()
    return max((home for home in HOMES if relative.startswith(home)), key=len)


def _third_party_imports(home: str) -> set[str]:
    names = set()
    for path in (ROOT / home.split("/")[0]).rglob("*.py"):
        if _home_of(path) != home:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {name for name in names if name not in sys.stdlib_module_names and name not in FIRST_PARTY}


@pytest.mark.parametrize("home", sorted(HOMES))
def test_every_direct_import_is_declared_with_a_lower_bound_where_it_is_needed(home):
    group = HOMES[home]
    declared = _requirements("core") if group == "core" else {**_requirements("core"), **_requirements(group)}
    distributions = importlib.metadata.packages_distributions()
    imports = _third_party_imports(home)
    assert imports, f"no third-party imports found under {home}: a stale HOMES entry"
    for module in imports:
        names = {name.lower().replace("_", "-") for name in distributions.get(module, [module])}
        requirement = next((declared[name] for name in names if name in declared), None)
        assert requirement is not None, f"{home} imports {module} but [{group}] does not declare {names}"
        assert any(spec.operator == ">=" for spec in requirement.specifier), f"{requirement} has no lower bound"


def test_private_apis_of_schemathesis_and_hypothesis_are_capped():
    contracts = _requirements("contracts")
    for name in ("schemathesis", "hypothesis"):
        assert any(spec.operator == "<" for spec in contracts[name].specifier), contracts[name]


def test_metadata_a_package_index_expects():
    metadata = importlib.metadata.metadata("enkash-toolkit")
    assert metadata["License-Expression"] == "MIT"
    assert "Framework :: Pytest" in metadata.get_all("Classifier")
    assert metadata.get_all("Project-URL")
    assert set(PROJECT["optional-dependencies"]) >= {"pytest", "contracts", "dev"}
    for package in ("mock_server", "contracts"):
        assert (ROOT / package / "py.typed").exists()
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert f"## {PROJECT['version']}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["enkash-mock", "enkash-contracts"])
def test_both_clis_print_their_version(command):
    script = Path(sys.executable).parent / command  # the console script the install created
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == [command, importlib.metadata.version("enkash-toolkit")]


def test_contracts_cli_without_its_extra_says_what_to_install():
    blocked = "import sys; sys.modules['schemathesis'] = None; from contracts.cli import main; raise SystemExit(main())"
    result = subprocess.run([sys.executable, "-c", blocked, "run", "--help"], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.strip() == ("enkash-contracts: run needs schemathesis, part of the [contracts] extra: "
                                     "pip install 'enkash-toolkit[contracts]'")
