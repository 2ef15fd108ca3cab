"""The layout's promises, checked on the source: the domain stays pure, selftest stays off the request path,
and contracts/ never reuses the mock's code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ["mock_server/kernel", "mock_server/api/*/rules.py", "mock_server/api/kyc/otp.py",
          "mock_server/api/kyc/hours.py", "mock_server/api/oauth/accounts.py"]
# money's pure rules: every module of its area but the handlers (its admin routes live in mock_server/admin/)
# and its error templates (errors.py builds them with http.errors, as every area's errors.py does)
DOMAIN += [str(path.relative_to(Path(__file__).resolve().parents[1]))
           for path in sorted((Path(__file__).resolve().parents[1] / "mock_server/api/funds").glob("*.py"))
           if path.name not in ("handlers.py", "errors.py")]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(absolute module imported, at module level?) for every import in a file."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found += [(f"{module}.{alias.name}" if not node.module or node.level else module, id(node) in top)
                      for alias in node.names]
    return found


def _files(*patterns: str) -> list[Path]:
    files: list[Path] = []
    for pattern in patterns:
        matched = [ROOT / pattern] if (ROOT / pattern).is_file() else list(ROOT.glob(pattern))
        for item in matched:
            files += sorted(item.rglob("*.py")) if item.is_dir() else [item]
    return files


@pytest.mark.parametrize("path", _files(*DOMAIN), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_domain_imports_no_flask_nothing_test_only_and_no_http(path):
    banned = ("flask", "werkzeug", "mock_server.selftest", "mock_server.testing", "mock_server.http")
    bad = [name for name, _ in _imports(path) if name.startswith(banned)]
    assert bad == [], f"{path.relative_to(ROOT)} imports {bad}"


def test_only_the_factory_and_the_cli_reach_selftest_and_only_when_asked():
    users = {}
    for path in _files("mock_server"):
        if "selftest" in path.parts:
            continue
        hits = [top for name, top in _imports(path) if name.startswith("mock_server.selftest")]
        if hits:
            users[_module_name(path)] = hits
    assert set(users) <= {"mock_server.app", "mock_server.cli"}, users
    assert not any(any(hits) for hits in users.values()), "selftest is imported lazily, inside a function"


def test_contracts_never_import_the_mock_except_to_start_it():
    allowed = {"contracts.targets"}  # starts `enkash-mock serve` as a target
    bad = {_module_name(path): name for path in _files("contracts") for name, _ in _imports(path)
           if name.startswith("mock_server") and _module_name(path) not in allowed}
    assert bad == {}
