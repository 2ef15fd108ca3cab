"""A local recording proxy: QA points a client or Postman at it; it forwards to the sandbox
(`/oauth/token` to the auth host, everything else to the wallet host) and keeps each exchange in
memory only. The scenario is scrubbed (importer) before anything is written to disk."""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import httpx

from .har import Exchange
from .operations import host_of_path

__all__ = ["Recorder"]

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
               "transfer-encoding", "upgrade", "host", "content-length", "content-encoding", "accept-encoding"}


class Recorder:
    """Owns the proxy server; `exchanges` grows as requests pass; `stop()` ends `serve()`."""

    def __init__(self, upstream_auth: str, upstream_api: str, port: int, max_requests: int | None = None):
        self.upstreams = {"auth": upstream_auth.rstrip("/"), "api": upstream_api.rstrip("/")}
        self.max_requests = max_requests
        self.exchanges: list[Exchange] = []
        self.lock = threading.Lock()
        self.client = httpx.Client(timeout=60.0, follow_redirects=False)
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self.server.daemon_threads = True

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def serve(self) -> None:
        try:
            self.server.serve_forever(poll_interval=0.1)
        finally:
            self.server.server_close()
            self.client.close()

    def stop(self) -> None:
        threading.Thread(target=self.server.shutdown, daemon=True).start()

    def forward(self, method: str, target: str, headers: dict[str, str], body: bytes) -> httpx.Response:
        path = urlsplit(target).path
        url = self.upstreams[host_of_path(path)] + target
        return self.client.request(method, url, headers=headers, content=body or None)

    def keep(self, exchange: Exchange) -> None:
        with self.lock:
            self.exchanges.append(exchange)
            done = self.max_requests is not None and len(self.exchanges) >= self.max_requests
        print(f"recorded {exchange.method} {exchange.path} -> {exchange.status}", file=sys.stderr, flush=True)
        if done:
            self.stop()


def _handler_for(recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _proxy(self) -> None:
            body = self._body()
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            try:
                response = recorder.forward(self.command, self.path, headers, body)
            except httpx.HTTPError as error:
                self._reply(502, {"content-type": "application/json"},
                            json.dumps({"error": f"upstream unreachable: {type(error).__name__}"}).encode())
                return
            self._reply(response.status_code, response.headers, response.content)
            url = str(response.request.url.copy_with(query=None))
            recorder.keep(_exchange(self.command, url, self.path, list(headers.items()), body, response))

        def _body(self) -> bytes:
            """The whole request body, sent with Content-Length or chunked (as some clients and proxies do)."""
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                return _read_chunked(self.rfile)
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _reply(self, status: int, headers, content: bytes) -> None:
            self.send_response(status)
            for key, value in headers.items():
                if key.lower() not in _HOP_BY_HOP:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _proxy

        def log_message(self, format: str, *args) -> None:
            """Silent: `keep` prints one line per exchange without query strings or bodies."""

    return Handler


def _read_chunked(stream) -> bytes:
    """RFC 9112 chunked transfer coding: size lines (extensions ignored), data, then trailers to a blank line."""
    parts: list[bytes] = []
    while True:
        size = int(stream.readline().split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            while stream.readline().strip():  # trailer fields, not forwarded
                pass
            return b"".join(parts)
        parts.append(stream.read(size))
        stream.readline()  # the CRLF after each chunk


def _exchange(method: str, url: str, target: str, headers: list, body: bytes, response: httpx.Response) -> Exchange:
    parts = urlsplit(target)
    exchange = Exchange(method=method, url=url, headers=headers, query=parse_qsl(parts.query),
                        status=response.status_code, response_json=_json(response.content))
    content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
    if "x-www-form-urlencoded" in content_type:
        exchange.form = dict(parse_qsl(body.decode("utf-8", errors="replace")))
    elif body:
        exchange.json_body = _json(body)
    return exchange


def _json(content: bytes):
    try:
        return json.loads(content) if content else None
    except ValueError:
        return None
