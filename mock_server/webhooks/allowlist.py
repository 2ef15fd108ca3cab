"""Where webhooks may go: only to hosts in an allowed list (default loopback), so the mock is never an open relay.

Checked when an endpoint is registered and again before every attempt, on the addresses the host name
resolves to at that moment: a name that was loopback yesterday may point elsewhere today.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

__all__ = ["HostNotAllowed", "check_url", "resolve"]

Resolver = Callable[[str, int], list[str]]


class HostNotAllowed(ValueError):
    """The URL is not http(s), or its host (or an address it resolves to) is outside the allowed list."""


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to now (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise HostNotAllowed(f"host {host!r} does not resolve: {error}") from error
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str, allowed: Iterable[str], resolver: Resolver = resolve) -> None:
    """Raise HostNotAllowed unless every address of the URL's host is in `allowed` (networks or names)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise HostNotAllowed(f"not a valid URL: {error}") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HostNotAllowed("webhookUrl must be an http:// or https:// URL with a host")
    if parts.username or parts.password:
        raise HostNotAllowed("webhookUrl must not carry credentials; use headers instead")
    host = parts.hostname.lower()
    names, networks = _split(allowed)
    if not _is_ip(host) and host not in names:
        raise HostNotAllowed(f"host {host!r} is not in the allowed webhook hosts")
    for address in resolver(host, port):
        ip = ipaddress.ip_address(address.split("%")[0])
        if not any(ip in network for network in networks):
            raise HostNotAllowed(f"host {host!r} resolves to {address}, outside the allowed webhook networks")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _split(allowed: Iterable[str]) -> tuple[set[str], list]:
    """Host names and networks of the allowed list; a name is allowed only if it resolves into a network."""
    names, networks = set(), []
    for entry in allowed:
        entry = entry.strip().lower()
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            names.add(entry)
    return names, networks
