"""What a test asks of the mock: which hosts to route, what to do with other hosts, config overrides.

Kept free of Flask and respx so the pytest plugin can parse markers and options at no import cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = ["PRODUCTION_HOSTS", "UAT_HOSTS", "MockSettings", "mock_settings", "normalise_host"]

UAT_HOSTS = ("https://ekpayout-uat.enkash.in", "https://pay-en-uat.enkash.in")
PRODUCTION_HOSTS = ("https://api.enkash.in", "https://pay.enkash.in")

# In tests a response off the spec must fail loudly; a test may still switch it off explicitly.
_TEST_DEFAULTS = {"validate_responses": True}


@dataclass(frozen=True)
class MockSettings:
    """Hashable, so live servers can be shared between tests that ask for the same mock."""

    hosts: tuple[str, ...] = UAT_HOSTS
    passthrough: bool = False
    overrides: tuple[tuple[str, Any], ...] = ()

    def config(self) -> dict[str, Any]:
        return {name: _thaw(value) for name, value in self.overrides}


def mock_settings(hosts=(), passthrough: bool = False, base_dir: str | Path | None = None,
                  **config: Any) -> MockSettings:
    """UAT hosts plus `hosts`; `config` holds MockConfig fields by their names (token_ttl_seconds, seed_path…)."""
    all_hosts = tuple(dict.fromkeys(normalise_host(url) for url in (*UAT_HOSTS, *_as_list(hosts))))
    overrides = {**_TEST_DEFAULTS, **_config_overrides(config)}
    if "seed_path" in overrides and base_dir is not None:
        overrides["seed_path"] = _resolve(overrides["seed_path"], Path(base_dir))
    frozen = tuple(sorted((name, _freeze(value)) for name, value in overrides.items()))
    return MockSettings(hosts=all_hosts, passthrough=bool(passthrough), overrides=frozen)


def normalise_host(url: str) -> str:
    """`https://Host[:port]` exactly; anything with a path, query or odd scheme is refused clearly."""
    parts = urlsplit(str(url).strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"Enkash host {url!r} must look like https://host[:port]")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(f"Enkash host {url!r} must be an origin only (no path, query or credentials)")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


def _config_overrides(config: dict[str, Any]) -> dict[str, Any]:
    """Checked as strictly as a config file, so a typo or a bad value fails before any mock is built."""
    from ..config import MockConfig  # the mock package is already imported by now; no extra cost
    from ..config_values import parse_settings

    return parse_settings(MockConfig, config)


def _resolve(path: Any, base_dir: Path) -> str:
    """A relative seed path means "next to the test file" when such a file exists there."""
    candidate = Path(str(path))
    if not candidate.is_absolute() and (base_dir / candidate).exists():
        return str(base_dir / candidate)
    return str(candidate)


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _freeze(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_freeze(item) for item in value)
    if isinstance(value, dict):
        return ("__dict__", tuple(sorted((k, _freeze(v)) for k, v in value.items())))
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and value[:1] == ("__dict__",):
        return {k: _thaw(v) for k, v in value[1]}
    return value
