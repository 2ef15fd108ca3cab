"""One delivery attempt: a JSON POST with bounded time and bounded reading, never a redirect or a proxy.

What comes back is a plain dict for the delivery log: ok, HTTP status, outcome, latency, an excerpt of
the answer and an error text. Header values configured on the endpoint never appear in it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .allowlist import HostNotAllowed, Resolver, check_url, resolve
from .signature import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign

if TYPE_CHECKING:  # httpx is imported on the first delivery: a server that sends none never pays ~60 ms for it
    import httpx

__all__ = ["USER_AGENT", "Sender", "body_bytes"]

USER_AGENT = "enkash-mock-webhooks/1"
_READ_LIMIT = 4096  # bytes of an answer read at most: a receiver streaming forever cannot hold a sender


def body_bytes(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


class Sender:
    """Shared by a worker's sending threads (an httpx.Client is safe to share)."""

    def __init__(self, timeout_seconds: float, allowed_hosts: Iterable[str], resolver: Resolver = resolve):
        self.timeout = timeout_seconds
        self.allowed = tuple(allowed_hosts)
        self.resolver = resolver
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    @property
    def client(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                import httpx

                # trust_env=False: no HTTP(S)_PROXY, so a webhook never leaves through a proxy the allow list
                # cannot see
                self._client = httpx.Client(timeout=httpx.Timeout(self.timeout), follow_redirects=False,
                                            trust_env=False)
            return self._client

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def send(self, delivery: dict, event: dict, secrets: dict) -> dict:
        started = time.perf_counter()
        url = secrets.get("webhookUrl") or delivery["webhookUrl"]  # the vault's is unmasked
        try:
            check_url(url, self.allowed, self.resolver)  # again: DNS may have changed
        except HostNotAllowed as error:
            return _result(False, None, "refused_host", started, error=str(error))
        import httpx

        body = body_bytes(event["payload"])
        headers = self._headers(delivery, event, secrets, body)
        try:
            with self.client.stream("POST", url, content=body, headers=headers) as response:
                excerpt = _read_some(response, started + self.timeout)
        except httpx.TimeoutException:
            return _result(False, None, "timeout", started, error=f"no answer within {self.timeout:g} s")
        except Exception as error:  # refused, reset, bad answer, or respx refusing an unrouted URL in process
            return _result(False, None, "connection_error", started, error=type(error).__name__)
        ok = 200 <= response.status_code < 300
        return _result(ok, response.status_code, "delivered" if ok else "http_error", started, excerpt=excerpt)

    def _headers(self, delivery: dict, event: dict, secrets: dict, body: bytes) -> dict[str, str]:
        headers = dict(secrets.get("headers") or {})
        headers.update({
            "Content-Type": "application/json", "User-Agent": USER_AGENT,
            "X-Enkash-Event-Id": event["eventId"], "X-Enkash-Event-Type": event["eventType"],
            "X-Enkash-Delivery-Id": delivery["deliveryId"],
            "X-Enkash-Delivery-Attempt": str(len(delivery["attempts"]) + 1),
        })
        if secrets.get("signingSecret"):
            timestamp = str(int(time.time()))
            headers[TIMESTAMP_HEADER] = timestamp
            headers[SIGNATURE_HEADER] = sign(secrets["signingSecret"], timestamp, body)
        return headers


def _read_some(response: httpx.Response, deadline: float) -> str:
    """At most _READ_LIMIT bytes, and not past the attempt's deadline (a slow drip counts as a timeout)."""
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= _READ_LIMIT:
            break
        if time.perf_counter() > deadline:
            import httpx

            raise httpx.ReadTimeout("answer still streaming at the deadline")
    return b"".join(chunks)[:_READ_LIMIT].decode("utf-8", "replace")


def _result(ok: bool, status: int | None, outcome: str, started: float, *, excerpt: str = "",
            error: str | None = None) -> dict:
    return {"ok": ok, "status": status, "outcome": outcome,
            "latencyMs": round((time.perf_counter() - started) * 1000, 1), "excerpt": excerpt, "error": error}
