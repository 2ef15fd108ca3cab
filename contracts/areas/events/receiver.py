"""The suite as a webhook receiver: a small HTTP server on 127.0.0.1 (a free port) that records every
delivery and answers 200, or the statuses of a script in turn (then 200): `SuiteReceiver([500, 500])`
fails twice, then succeeds. Its own code, not the mock's: contracts/ never reuses mock_server/."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Delivery", "SuiteReceiver"]

_MAX_BODY = 1 << 20


@dataclass(frozen=True)
class Delivery:
    headers: dict[str, str]  # lower-case names
    raw: bytes
    json: Any  # None when the body is not JSON

    @property
    def event_type(self) -> str:
        return self.headers.get("x-enkash-event-type", "")

    @property
    def event_id(self) -> str:
        return self.headers.get("x-enkash-event-id", "")


class SuiteReceiver:
    """`with SuiteReceiver() as receiver:` … `receiver.url`, `receiver.deliveries()`."""

    def __init__(self, script: list[int] | None = None) -> None:
        self._script = list(script or [])
        self._lock = threading.Lock()
        self._deliveries: list[Delivery] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="contracts-webhook-receiver",
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/enkash/webhook"

    def start(self) -> SuiteReceiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self) -> SuiteReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def deliveries(self) -> list[Delivery]:
        with self._lock:
            return list(self._deliveries)

    def _record(self, delivery: Delivery) -> int:
        """Keep the delivery; the status to answer it with."""
        with self._lock:
            self._deliveries.append(delivery)
            turn = len(self._deliveries) - 1
        return self._script[turn] if turn < len(self._script) else 200

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = min(int(self.headers.get("Content-Length") or 0), _MAX_BODY)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                status = receiver._record(Delivery({k.lower(): v for k, v in self.headers.items()}, raw, body))
                answer = b'{"status":"ok"}' if status < 300 else b'{"status":"failed"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:  # quiet: the suite reports
                pass

        return Handler
