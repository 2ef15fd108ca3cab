"""`enkash_mock.webhooks`: register endpoints, emit test events, read the delivery log, receive in process.

    def test_my_webhook_handler(enkash_mock):
        enkash_mock.webhooks.receive(my_flask_app, url="http://127.0.0.1/enkash/webhook")  # respx → your app
        enkash_mock.webhooks.emit("CARD_TRANSACTION")          # the spec's example body, or payload=...
        [delivery] = enkash_mock.webhooks.wait(1)              # the mock's delivery log, DELIVERED
        assert enkash_mock.webhooks.received[0].json["enkashCardId"] == "EKCWLUAADN"

In process, `receive()` routes the URL through respx to a WSGI app (or, without one, records and answers
200); with the live handle it starts a real WebhookReceiver on 127.0.0.1. See docs/webhooks.md.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import httpx

from .receiver import ReceivedWebhook, WebhookReceiver

if TYPE_CHECKING:
    from .handle import EnkashMock

__all__ = ["Webhooks"]

DEFAULT_URL = "http://127.0.0.1/enkash-webhooks"


class Webhooks:
    def __init__(self, mock: EnkashMock, router=None):
        self._mock = mock
        self._router = router  # respx router of the in-process handle; None for the live one
        self._receivers: list[WebhookReceiver] = []
        self._recorded: list[ReceivedWebhook] = []

    # --- endpoints and events --------------------------------------------------------------------
    def register(self, url: str, events: list[str] | None = None, *, headers: dict[str, str] | None = None,
                 signing_secret: str | None = None, partner_id: str | None = None, enabled: bool = True) -> dict:
        body: dict[str, Any] = {"partnerId": partner_id or self._mock.partner()["partnerId"], "webhookUrl": url,
                                "enabled": enabled}
        if events is not None:
            body["events"] = list(events)
        if headers:
            body["headers"] = headers
        if signing_secret:
            body["signingSecret"] = signing_secret
        return self._mock.admin("POST", "/__admin/webhooks/endpoints", body)

    def endpoints(self) -> list[dict]:
        return self._mock.admin("GET", "/__admin/webhooks/endpoints")["endpoints"]

    def emit(self, event_type: str, payload: dict | None = None, *, partner_id: str | None = None) -> dict:
        """A test event, as the mock's own flows emit them: {eventId, eventType, deliveries}."""
        body: dict[str, Any] = {"eventType": event_type, "partnerId": partner_id or self._mock.partner()["partnerId"]}
        if payload is not None:
            body["payload"] = payload
        return self._mock.admin("POST", "/__admin/webhooks/events", body)

    def events(self, event_type: str | None = None) -> list[dict]:
        query = f"?{urlencode({'eventType': event_type})}" if event_type else ""
        return self._mock.admin("GET", f"/__admin/webhooks/events{query}")["events"]

    # --- the delivery log ------------------------------------------------------------------------
    def deliveries(self, **filters: str) -> list[dict]:
        """The delivery log, oldest first; filters: status, eventType, endpointId, eventId, partnerId."""
        query = f"?{urlencode(filters)}" if filters else ""
        return self._mock.admin("GET", f"/__admin/webhooks/deliveries{query}")["deliveries"]

    def wait(self, count: int = 1, *, status: str = "DELIVERED", timeout: float = 10.0, **filters: str) -> list[dict]:
        """Poll the log until `count` deliveries have `status`; AssertionError with the log on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.deliveries(status=status, **filters)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} {status} webhook deliveries, log: {self.deliveries()}")
            time.sleep(0.02)

    def redeliver(self, delivery_id: str) -> dict:
        return self._mock.admin("POST", f"/__admin/webhooks/deliveries/{delivery_id}/redeliver")

    # --- receiving ---------------------------------------------------------------------------------
    def receive(self, app=None, *, url: str | None = None, events: list[str] | None = None, **register: Any) -> dict:
        """Register an endpoint that reaches `app` (a WSGI app, in process) or a recorder; returns the endpoint.

        Live handle: starts a WebhookReceiver on 127.0.0.1 (its deliveries are in `received`); `app` and
        `url` are for the in-process handle only (a live mock reaches your server by its real URL).
        """
        if self._router is None:
            if app is not None or url is not None:
                raise TypeError("the live handle cannot route to an app: register your server's URL instead")
            receiver = WebhookReceiver().start()
            self._receivers.append(receiver)
            return self.register(receiver.url, events, **register)
        url = url or DEFAULT_URL
        route = self._router.post(url)
        route.mock(side_effect=_ToApp(app, self._recorded))
        return self.register(url, events, **register)

    @property
    def received(self) -> list[ReceivedWebhook]:
        """Webhooks that reached endpoints made by `receive()`, in arrival order."""
        live = [item for receiver in self._receivers for item in receiver.received]
        return sorted(self._recorded + live, key=lambda item: item.received_at)

    def close(self) -> None:
        while self._receivers:
            self._receivers.pop().stop()


class _ToApp:
    """respx side effect: record the webhook, then hand it to the app (or answer 200 without one)."""

    def __init__(self, app, recorded: list[ReceivedWebhook]):
        self._transport = httpx.WSGITransport(app=app) if app is not None else None
        self._recorded = recorded

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self._transport is None:
            answer = httpx.Response(200, json={"received": True})
        else:
            reply = self._transport.handle_request(request)
            answer = httpx.Response(reply.status_code, headers=reply.headers, content=reply.read())
        if 200 <= answer.status_code < 300:
            headers = {k.lower(): v for k, v in request.headers.items()}
            self._recorded.append(ReceivedWebhook(request.url.path, headers, request.content, time.time()))
        return answer
