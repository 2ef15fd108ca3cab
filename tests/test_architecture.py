"""The layout's promises, checked on the source: the domain stays pure, selftest stays off the request path,
and contracts/ never reuses the mock's code."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ["mock_server/kernel", "mock_server/api/*/rules.py", "mock_server/api/kyc/otp.py",
          "mock_server/api/kyc/hours.py", "mock_server/api/oauth/accounts.py"]
# money's pure rules: every module of its area but the handlers and the error templates (which build on
# mock_server.http.errors, as every area's do); its admin routes live in mock_server/admin/
DOMAIN += [str(path.relative_to(Path(__file__).resolve().parents[1]))
           for area in ("funds", "gateway")
           for path in sorted((Path(__file__).resolve().parents[1] / "mock_server/api" / area).glob("*.py"))
           if path.name not in ("handlers.py", "errors.py")]
# transfers' pure rules: all but the handlers, the admin routes and the error templates
DOMAIN += [str(path.relative_to(Path(__file__).resolve().parents[1]))
           for path in sorted((Path(__file__).resolve().parents[1] / "mock_server/api/payouts").glob("*.py"))
           if path.name not in ("handlers.py", "admin_api.py", "errors.py")]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, source: str | None = None, *, typing_too: bool = True) -> list[tuple[str, bool]]:
    """(absolute module imported, at module level?) for every import in a file (function-level ones too);
    `typing_too=False` leaves out the `if TYPE_CHECKING:` blocks, which never run."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    if not typing_too:
        for guard in [node for node in tree.body if _is_type_checking(node)]:
            tree.body.remove(guard)
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


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")


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


def _outside_the_kernel(path: Path, source: str | None = None) -> list[str]:
    """What a kernel module imports at run time beyond the kernel, the standard library and yaml."""
    allowed = (*sys.stdlib_module_names, "yaml", "mock_server.kernel")
    return [name for name, _ in _imports(path, source, typing_too=False)
            if name.split(".")[0] not in allowed and not name.startswith("mock_server.kernel")]


@pytest.mark.parametrize("path", _files("mock_server/kernel"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_kernel_imports_only_itself_the_standard_library_and_yaml(path):
    assert _outside_the_kernel(path) == [], f"{path.relative_to(ROOT)} reaches outside the kernel"


def test_the_kernel_check_catches_area_imports_at_module_and_function_level():
    # The imports kernel/seed.py had before areas got their seed hooks (commit 1a3f871).
    before = (
        "import yaml\n"
        "from ..api.funds.seed import add_funds\n"
        "from ..api.oauth.accounts import password_hash\n"
        "from .world import digest\n"
        "def _webhook_endpoints(seed, now):\n"
        "    from ..webhooks.endpoints import EndpointError\n"
        "if TYPE_CHECKING:\n"
        "    from ..store import Transaction\n"
    )
    assert _outside_the_kernel(ROOT / "mock_server/kernel/seed.py", before) == [
        "mock_server.api.funds.seed.add_funds", "mock_server.api.oauth.accounts.password_hash",
        "mock_server.webhooks.endpoints.EndpointError",
    ]
