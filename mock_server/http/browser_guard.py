"""Keeps the tester's own browser from being used against the mock (docs/admin.md, "Who may call it").

The loopback rule of /__admin trusts every process on the machine, and a browser is one: any web
page it shows may send a form POST to 127.0.0.1, and a DNS-rebinding page (attacker.example
re-resolved to 127.0.0.1) may even read the answers. So for the admin API and the tester pages:

- the `Host` must name the mock itself (a loopback name, or one of `allowed_hosts`): a rebinding
  page can only send its own name;
- a state-changing request (anything but GET, HEAD, OPTIONS) is refused when the browser says it
  comes from another site (`Sec-Fetch-Site` other than same-origin/none) or from another origin
  (`Origin` not the `Host` it was sent to). curl and test clients send neither header.

A request that proves itself with the configured admin token in a header skips both rules: a web
page cannot learn the token, and a cross-origin page cannot attach the header without a CORS
preflight, which the mock never grants. The inspector's cookie proves nothing (a browser sends it
wherever the page points), so cookie-authenticated calls are checked like any other.

Installed app-wide on path prefixes, so every route added later under /__admin or /__mock is
covered by construction, whichever blueprint it belongs to.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlsplit

from flask import Flask, Request, Response, request

from ..state import MockState
from .responses import envelope, json_answer

__all__ = ["GUARDED_PREFIXES", "host_allowed", "install", "refusal", "same_origin"]

GUARDED_PREFIXES = ("/__admin", "/__mock")
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_TRUSTED_FETCH_SITES = frozenset({"same-origin", "none"})  # "none": typed in the address bar, a bookmark
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def install(app: Flask, state: MockState) -> None:
    @app.before_request
    def _browser_guard():
        if not request.path.startswith(GUARDED_PREFIXES):
            return None
        return refusal(request, state)


def refusal(req: Request, state: MockState) -> Response | None:
    """The 403 for a request a browser was tricked into sending, else None."""
    if _has_admin_token_header(req, state.config.admin_token):
        return None
    host = req.headers.get("Host", "")
    if not host_allowed(host, state.config.allowed_hosts):
        return _forbidden(f"Host {_hostname(host) or '(none)'!r} is not this mock's name; "
                          "add it with --allowed-host if you reach the mock under that name")
    if req.method in _SAFE_METHODS:
        return None
    site = req.headers.get("Sec-Fetch-Site")
    if site is not None and site.lower() not in _TRUSTED_FETCH_SITES:
        return _forbidden(f"cross-site request refused (Sec-Fetch-Site: {site})")
    origin = req.headers.get("Origin")
    if origin is not None and not same_origin(origin, host):
        return _forbidden("cross-origin request refused (Origin differs from Host)")
    return None


def host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    """A loopback name or address, or one of `allowed` (names compared case-insensitively; `*` allows all)."""
    name = _hostname(host)
    if not name:
        return False
    if "*" in allowed or name in _LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    if name in {entry.lower() for entry in allowed}:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def same_origin(origin: str, host: str) -> bool:
    """`Origin: http://h:p` names the same host and port as `Host: h:p` (default ports made explicit)."""
    if origin.strip().lower() == "null":  # sandboxed frames, file:// pages: never the mock's own page
        return False
    try:
        parts = urlsplit(origin.strip())
        default_port = {"http": 80, "https": 443}.get(parts.scheme)
        origin_port = parts.port or default_port
        host_parts = urlsplit("//" + host)
        host_port = host_parts.port or default_port  # a Host without a port means the scheme's own
    except ValueError:
        return False
    return bool(parts.hostname) and parts.hostname == host_parts.hostname and origin_port == host_port


def _hostname(host: str) -> str:
    try:
        return (urlsplit("//" + host.strip()).hostname or "").rstrip(".")
    except ValueError:  # e.g. a bad port or an unclosed [ — not a name this mock answers to
        return ""


def _has_admin_token_header(req: Request, expected: str | None) -> bool:
    if not expected:
        return False
    scheme, _, value = req.headers.get("Authorization", "").partition(" ")
    sent = value.strip() if scheme.lower() == "bearer" else req.headers.get("X-Admin-Token", "")
    return bool(sent) and hmac.compare_digest(sent.encode(), expected.encode())


def _forbidden(message: str) -> Response:
    return json_answer(envelope(403, message), 403)
