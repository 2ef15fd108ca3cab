"""pytest plugin (entry point `enkash`): the `enkash_mock` and `enkash_live_mock` fixtures.

    @pytest.mark.enkash(token_ttl_seconds=300, fixed_otp="123456", seed_path="seed.yaml", hosts=[...])
    def test_onboarding(enkash_mock): ...

Imports of Flask, respx and the mock happen inside the fixtures, so a pytest run that uses
none of them pays nothing for this plugin beyond this module, and a project that installed the
package without its `[pytest]` extra keeps a working pytest: only a test that asks for a fixture
fails, with the install command in its message.

Apps are built once per test session and configuration, and restored for each test
(`mock_server/testing/fresh.py` lists what a test gets fresh; docs/testing.md too).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

__all__ = ["enkash_live_mock", "enkash_mock"]

_MARKER_HELP = (
    "enkash(hosts=(), passthrough=False, **config): configure the enkash_mock / enkash_live_mock fixtures; "
    "config = MockConfig fields by name, e.g. token_ttl_seconds=300, fixed_otp='123456', seed_path='seed.yaml'"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("enkash", "Enkash mock (mock_server.testing)")
    group.addoption("--enkash-host", action="append", default=[], metavar="URL",
                    help="extra origin routed to the in-process mock, e.g. https://api.enkash.in (repeatable)")
    group.addoption("--enkash-passthrough", action="store_true", default=False,
                    help="let requests to non-Enkash hosts reach the network instead of failing the test")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", _MARKER_HELP)


# What the fixtures import beyond the core install; the `[pytest]` extra brings them.
_EXTRA_MODULES = ("respx", "httpx")


def _require_extra(fixture: str) -> None:
    missing = [name for name in _EXTRA_MODULES if not _importable(name)]
    if missing:
        pytest.fail(f"the {fixture} fixture needs {' and '.join(missing)}: "
                    "pip install 'enkash-toolkit[pytest]'", pytrace=False)


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)  # the fixture imports it next anyway
    except ImportError:
        return False
    return True


def _settings(request: pytest.FixtureRequest):
    from .settings import mock_settings

    options = request.config.option
    kwargs: dict = {}
    for marker in reversed(list(request.node.iter_markers("enkash"))):  # closest marker wins
        kwargs.update(marker.kwargs)
    hosts = [*options.enkash_host, *_as_list(kwargs.pop("hosts", ()))]
    passthrough = kwargs.pop("passthrough", options.enkash_passthrough)
    try:
        return mock_settings(hosts, passthrough, base_dir=Path(str(request.path)).parent, **kwargs)
    except (TypeError, ValueError) as error:
        raise pytest.UsageError(f"@pytest.mark.enkash / --enkash-*: {error}") from None


@pytest.fixture(scope="session")
def _enkash_apps():
    """In-process apps of this test session, one per configuration in use at a time."""
    from .pool import AppPool

    pool = AppPool()
    yield pool
    pool.clear()


@pytest.fixture
def enkash_mock(request: pytest.FixtureRequest, _enkash_apps):
    """Both Enkash UAT hosts (plus --enkash-host / marker hosts) routed by respx to a mock in its
    just-built state (seed, real time, empty journal, no fault rules, no calls)."""
    _require_extra("enkash_mock")
    from .inprocess import enkash_respx

    with enkash_respx(settings=_settings(request), pool=_enkash_apps) as enkash:
        yield enkash


@pytest.fixture(scope="session")
def _enkash_live_servers():
    _require_extra("enkash_live_mock")
    from .live import LiveServerPool

    pool = LiveServerPool()
    yield pool
    pool.stop_all()


@pytest.fixture
def enkash_live_mock(request: pytest.FixtureRequest, _enkash_live_servers):
    """A real mock on 127.0.0.1:<free port>, shared per settings, in its just-built state for each test."""
    _require_extra("enkash_live_mock")
    from .fresh import restore
    from .live import LiveEnkash

    enkash = LiveEnkash(_enkash_live_servers.get(_settings(request)))
    restore(enkash.app)  # in process, not over HTTP: every session, the journal and fault rules at once
    enkash.server.errors.clear()
    yield enkash
    enkash.webhooks.close()  # receivers the test started with webhooks.receive()
    enkash.check_errors()


def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value or ())
