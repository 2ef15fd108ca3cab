"""Webhook endpoints a partner registers: where to POST, which events, extra headers, on or off.

The fields mirror Enkash's documented payout webhook configuration (`POST /api/v0/webhook-data`:
`webhookUrl`, `events`, `headers`, `enabled`, `companyId`, `sslCertificate`); `partnerId` and the
optional `signingSecret` are the mock's own. The session documents hold no secret: header values
and the signing secret go to the vault.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from ..kernel.clock import to_iso
from ..kernel.ids import new_id
from ..simulation.redaction import redact_query
from ..store import Transaction
from .allowlist import HostNotAllowed, check_url
from .events import EVENT_TYPES

__all__ = ["EndpointError", "endpoint_view", "endpoints_for", "new_endpoint", "seed_endpoint_documents",
           "seed_endpoint_id", "shown_url"]

_FIELDS = {"partnerId", "companyId", "webhookUrl", "events", "headers", "enabled", "signingSecret",
           "sslCertificate"}
_RESERVED_HEADERS = {"content-type", "content-length", "host", "user-agent", "transfer-encoding", "connection"}


class EndpointError(ValueError):
    """The registration is unusable; the message says which field and why."""


def new_endpoint(tx: Transaction, request: Any, allowed_hosts: Iterable[str], now: float) -> tuple[dict, dict]:
    """Check a registration and build (the endpoint document, its secrets)."""
    if not isinstance(request, dict):
        raise EndpointError("expected a JSON object")
    unknown = sorted(set(request) - _FIELDS)
    if unknown:
        raise EndpointError(f"unknown field(s): {', '.join(unknown)}")
    partner = _partner(tx, request)
    url = request.get("webhookUrl")
    if not isinstance(url, str) or len(url) > 2048:
        raise EndpointError("webhookUrl is required (a URL of at most 2048 characters)")
    try:
        check_url(url, allowed_hosts)
    except HostNotAllowed as error:
        raise EndpointError(f"webhookUrl refused: {error}") from error
    events = _events(request.get("events", list(EVENT_TYPES)))
    headers = _headers(request.get("headers") or {})
    secret = request.get("signingSecret")
    if secret is not None and (not isinstance(secret, str) or not 16 <= len(secret) <= 256):
        raise EndpointError("signingSecret must be a string of 16 to 256 characters")
    enabled = request.get("enabled", True)
    if not isinstance(enabled, bool):
        raise EndpointError("enabled must be true or false")
    endpoint_id = new_id("WH", 10, lambda candidate: tx.get("webhook_endpoint", candidate) is not None)
    # The session's document keeps the URL with secret-looking query values masked; the vault the real one.
    document = _document(endpoint_id, partner, shown_url(url), events, headers, secret is not None, enabled, now,
                         "admin")
    return document, {"headers": headers, "signingSecret": secret, "webhookUrl": url}


def _document(endpoint_id: str, partner: Mapping[str, Any], url: str, events: list[str], headers: dict, signed: bool,
              enabled: bool, now: float, source: str) -> dict:
    return {"endpointId": endpoint_id, "partnerId": partner["partnerId"], "companyId": partner["companyId"],
            "webhookUrl": url, "events": events, "headerNames": sorted(headers), "signed": signed,
            "enabled": enabled, "createdAt": now, "source": source}


def _partner(tx: Transaction, request: dict) -> dict:
    partner_id, company_id = request.get("partnerId"), request.get("companyId")
    if partner_id is None and company_id is None:
        raise EndpointError("partnerId (or companyId) is required")
    for _, partner in tx.items("partner"):
        if partner_id in (None, partner["partnerId"]) and company_id in (None, partner["companyId"]):
            return partner
    raise EndpointError("no partner with this partnerId / companyId in the session")


def _events(events: Any) -> list[str]:
    if not isinstance(events, list) or not events or not all(isinstance(name, str) for name in events):
        raise EndpointError(f"events must be a non-empty list of: {', '.join(EVENT_TYPES)}")
    unknown = [name for name in events if name not in EVENT_TYPES]
    if unknown:
        raise EndpointError(f"unknown event type(s) {', '.join(unknown)}; known: {', '.join(EVENT_TYPES)}")
    return sorted(set(events))


def _headers(headers: Any) -> dict[str, str]:
    if not isinstance(headers, dict) or len(headers) > 20:
        raise EndpointError("headers must be an object of at most 20 name: value strings")
    for name, value in headers.items():
        if not isinstance(value, str) or not name or not name.isascii() or any(c in name for c in " :\r\n"):
            raise EndpointError("headers must map header names to string values")
        if "\r" in value or "\n" in value:
            raise EndpointError(f"header {name} has a line break in its value")
        if name.lower() in _RESERVED_HEADERS or name.lower().startswith("x-enkash-"):
            raise EndpointError(f"header {name} is set by the mock and cannot be configured")
    return dict(headers)


def endpoints_for(tx: Transaction, partner_id: str, event_type: str) -> list[dict]:
    return [endpoint for _, endpoint in tx.items("webhook_endpoint")
            if endpoint["partnerId"] == partner_id and endpoint["enabled"] and event_type in endpoint["events"]]


def endpoint_view(endpoint: dict) -> dict:
    """As the admin API shows it: header names only, whether it signs, never a secret."""
    return {**{k: v for k, v in endpoint.items() if k != "createdAt"}, "createdAt": to_iso(endpoint["createdAt"])}


def shown_url(url: str) -> str:
    """A URL for logs and listings: a `?token=...` (or any secret-named) query value masked."""
    base, mark, query = url.partition("?")
    return base + mark + redact_query(query) if mark else url


def seed_endpoint_documents(partner: Mapping[str, Any], now: float) -> dict[str, dict]:
    """Endpoints one partner's seed entry declares under `webhooks:`; their secrets stay in the seed."""
    documents = {}
    for hook in partner.get("webhooks", []) or []:
        endpoint_id = seed_endpoint_id(partner["partnerId"], hook)
        events = _events(hook.get("events", list(EVENT_TYPES)))
        headers = _headers(hook.get("headers") or {})
        documents[endpoint_id] = _document(endpoint_id, partner, shown_url(hook["webhookUrl"]), events, headers,
                                           bool(hook.get("signingSecret")), bool(hook.get("enabled", True)),
                                           now, "seed")
    return documents


def seed_endpoint_id(partner_id: str, hook: dict) -> str:
    """The seed's `endpointId`, or one derived from partner and URL: the same in every process."""
    derived = hashlib.sha256(f"{partner_id}\x1f{hook['webhookUrl']}".encode()).hexdigest()[:10].upper()
    return hook.get("endpointId") or "WH" + derived
