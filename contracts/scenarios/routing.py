"""Where a request goes on the chosen target: operations and paths by host, real Enkash URLs rewritten."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..targets import Target
from .operations import host_of_path, operations

__all__ = ["ENKASH_HOSTS", "is_enkash_url", "resolve_url"]

# UAT and production hosts of Enkash: a recording or scenario naming one is sent to the chosen target.
ENKASH_HOSTS = frozenset({
    "ekpayout-uat.enkash.in", "pay-en-uat.enkash.in", "api.enkash.in", "pay.enkash.in", "pay-uat.enkash.in",
})


def is_enkash_url(url: str) -> bool:
    return (urlsplit(url).hostname or "").lower() in ENKASH_HOSTS


def _base(target: Target, path: str, admin: bool) -> str:
    if admin:
        return target.api_url
    return target.auth_url if host_of_path(path) == "auth" else target.api_url


def resolve_url(request: dict, target: Target, admin: bool = False) -> tuple[str, str, str]:
    """(method, url, host) for a rendered request; host is 'auth', 'api', 'admin' or 'other'."""
    if "operation" in request:
        operation = operations()[request["operation"]]
        return operation.method, _base(target, operation.path, False).rstrip("/") + operation.path, operation.host
    method = request["method"].upper()
    if "path" in request:
        path = request["path"]
        host = "admin" if admin else host_of_path(path)
        return method, _base(target, path, admin).rstrip("/") + path, host
    url = request["url"]
    if not is_enkash_url(url):
        return method, url, "other"
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return method, _base(target, parts.path, admin).rstrip("/") + path, "admin" if admin else host_of_path(parts.path)
