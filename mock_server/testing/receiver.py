"""A tiny webhook receiver on 127.0.0.1 and a free port, for tests, the README walk-through and benchmarks.

    with WebhookReceiver() as receiver:                 # answers 200 {"received": true}
        enkash.webhooks.register(receiver.url)
        ...
        receiver.wait(1)                                # -> [ReceivedWebhook(headers, body, json), ...]

`script` makes it misbehave on purpose, one entry per request in order, the last one repeating:
an HTTP status (`500`), "hang" (hold the connection without answering until stopped) or "reset"
(close the connection with a TCP reset).
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["ReceivedWebhook", "WebhookReceiver"]


@dataclass(frozen=True)
class ReceivedWebhook:
    path: str
    headers: dict[str, str]
    body: bytes
    received_at: float  # time.time() when it arrived

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def event_id(self) -> str | None:
        return self.headers.get("x-enkash-event-id")


class WebhookReceiver:
    def __init__(self, script: list[int | str] | None = None, path: str = "/enkash-webhooks"):
        self.script = list(script or [200])
        self.received: list[ReceivedWebhook] = []
        self.requests = 0  # every request, answered or not
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_port}{path}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="webhook-receiver", daemon=True)

    def start(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()  # let hanging handlers go
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait(self, count: int = 1, timeout: float = 10.0) -> list[ReceivedWebhook]:
        """Block until `count` webhooks were answered 2xx (or time out with an AssertionError)."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} webhook(s) within {timeout} s, got {len(self.received)}")
                self._arrived.wait(left)
            return list(self.received)

    def _next_action(self) -> int | str:
        with self._lock:
            action = self.script[min(self.requests, len(self.script) - 1)]
            self.requests += 1
            return action

    def _keep(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        item = ReceivedWebhook(handler.path, {k.lower(): v for k, v in handler.headers.items()}, body, time.time())
        with self._arrived:
            self.received.append(item)
            self._arrived.notify_all()

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                action = receiver._next_action()
                if action == "hang":
                    receiver._release.wait(60)
                    return
                if action == "reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    return
                status = int(action)
                if 200 <= status < 300:
                    receiver._keep(self, body)
                answer = json.dumps({"received": 200 <= status < 300}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        return Handler
