"""A real mock on 127.0.0.1 and a free port, in a daemon thread (as pytest-httpserver runs its server).

For code the respx route cannot reach: `requests`, urllib, subprocesses, other languages.
Exceptions raised inside the mock are kept and re-raised in the test by `check_errors()`.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from .handle import AdminTransport, EnkashMock
from .pool import build_app
from .settings import MockSettings

__all__ = ["LiveEnkash", "LiveServer", "LiveServerPool"]


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any) -> None:  # one line per request would drown the test output
        pass


class LiveServer:
    """One mock app served by werkzeug's threaded server until `stop()`."""

    def __init__(self, app: Flask):
        self.app = app
        self.errors: list[BaseException] = []
        self._server: BaseWSGIServer = make_server("127.0.0.1", 0, self._wsgi, threaded=True,
                                                   request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        # a short poll interval: shutdown() waits up to one interval, at every session end
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="enkash-live-mock", daemon=True)
        self._thread.start()

    def _wsgi(self, environ, start_response):
        try:
            return self.app(environ, start_response)
        except BaseException as error:  # kept for the test; werkzeug still answers 500
            self.errors.append(error)
            raise

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class LiveServerPool:
    """Servers shared by tests that ask for the same settings; all stopped at session end."""

    def __init__(self) -> None:
        self._servers: dict[MockSettings, LiveServer] = {}

    def get(self, settings: MockSettings) -> LiveServer:
        key = MockSettings(overrides=settings.overrides)  # hosts mean nothing to a real socket
        if key not in self._servers:
            self._servers[key] = LiveServer(build_app(key))
        return self._servers[key]

    def stop_all(self) -> None:
        while self._servers:
            self._servers.popitem()[1].stop()


class LiveEnkash(EnkashMock):
    """The handle of `enkash_live_mock`: `url` (also `auth_url` and `api_url`, the two Enkash hosts
    a client configures) and the admin helpers over real HTTP. No `calls` (only respx records those):
    `requests()` reads the mock's journal instead."""

    def __init__(self, server: LiveServer):
        super().__init__(server.app, _http_admin(server.url))
        self.server = server
        self.url = self.auth_url = self.api_url = server.url

    def check_errors(self) -> None:
        """Re-raise the first exception the mock raised since the last check."""
        errors, self.server.errors[:] = list(self.server.errors), []
        if errors:
            raise AssertionError(f"the live Enkash mock raised {len(errors)} exception(s)") from errors[0]


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback never via a proxy


def _http_admin(base_url: str) -> AdminTransport:
    def call(method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else {}
        request = urllib.request.Request(base_url + path, data=data, method=method, headers=headers)
        try:
            with _NO_PROXY.open(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    return call
