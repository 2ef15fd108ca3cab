"""The mock's Flask (WSGI) app behind granian's RSGI interface, so slow clients cost no thread.

granian's own WSGI interface hands a request to a Python thread as soon as its head arrives, and a
client that then stalls in its body holds that thread for as long as it likes: eight such clients
froze a worker. Here the body is read on the event loop first — bounded in size and in time — and
only a complete request reaches a thread of the pool that runs the app. Heads are bounded by granian
(`http1_settings.header_read_timeout`). Refusals use the JSON envelope (`protocol_errors`).
"""

from __future__ import annotations

import asyncio
import io
import logging
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .access_log import access_line, log_access
from .peer_reset import reset_peer
from .protocol_errors import ProtocolError, envelope, refuse_head

__all__ = ["WsgiBridge"]

log = logging.getLogger("enkash_mock.server")

_BODYLESS = ("GET", "HEAD", "DELETE", "OPTIONS")


class WsgiBridge:
    """An RSGI app: `__rsgi__(scope, protocol)` per request."""

    def __init__(self, app: Any, *, threads: int, max_body: int, read_timeout: float, access_log: bool,
                 on_worker_start: Callable[[], object] | None = None):
        self._app = app
        self._on_worker_start = on_worker_start
        self._threads = threads
        self._pool: ThreadPoolExecutor | None = None
        self._max_body = max_body
        self._read_timeout = read_timeout
        self._access_log = access_log

    def __rsgi_init__(self, loop) -> None:  # in the worker process, after the fork
        self._pool = ThreadPoolExecutor(max_workers=self._threads, thread_name_prefix="enkash-mock")
        if self._on_worker_start is not None:
            self._on_worker_start()

    def __rsgi_del__(self, loop) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)  # graceful stop: requests already running finish

    async def __rsgi__(self, scope, protocol) -> None:
        if scope.proto != "http":
            return
        started = time.time()
        headers = scope.headers.items()
        try:
            refuse_head(len(scope.path) + len(scope.query_string), headers)
            body = await self._read_body(scope, protocol, headers)
        except ProtocolError as refusal:
            head, answer = envelope(refusal.status, refusal.detail)
            protocol.response_bytes(refusal.status, head, answer)
            self._log(scope, headers, refusal.status, len(answer), started)
            return
        status, head, answer = await asyncio.get_running_loop().run_in_executor(
            self._pool, self._call_app, scope, headers, body)
        if status is None:  # the app asked for the connection to be dropped
            reset_peer(scope.client)
            protocol.response_empty(500, [("connection", "close")])
            return
        protocol.response_bytes(status, head, answer)
        self._log(scope, headers, status, len(answer), started)

    async def _read_body(self, scope, protocol, headers: list[tuple[str, str]]) -> bytes:
        declared = next((value for name, value in headers if name == "content-length"), None)
        chunked = any(name == "transfer-encoding" for name, _ in headers)
        if declared is None and not chunked:
            return b""
        if declared is not None and not chunked:
            if not declared.isdigit():
                raise ProtocolError(400, "malformed Content-Length")
            if int(declared) > self._max_body:
                raise ProtocolError(413, f"request body larger than {self._max_body} bytes")
        try:
            return await asyncio.wait_for(self._collect(protocol, chunked), self._read_timeout)
        except TimeoutError:
            raise ProtocolError(408, f"request body not received within {self._read_timeout:g} s") from None

    async def _collect(self, protocol, chunked: bool) -> bytes:
        if not chunked:
            try:
                return await protocol()  # length already checked
            except Exception as error:
                raise ProtocolError(400, "request body shorter than its Content-Length") from error
        # granian ends a stream with one empty chunk; on malformed framing (a chunk size `zz`, `-2`, a
        # missing CRLF) it yields two empty chunks and stops: an empty chunk before the last is refused.
        received, chunks = bytearray(), []
        async for chunk in protocol:
            chunks.append(len(chunk))
            received += chunk
            if len(received) > self._max_body:
                raise ProtocolError(413, f"request body larger than {self._max_body} bytes")
        if 0 in chunks[:-1]:
            raise ProtocolError(400, "malformed chunked request body")
        return bytes(received)

    def _call_app(self, scope, headers, body: bytes) -> tuple[int | None, list, bytes]:
        environ = _environ(scope, headers, body)
        reply: dict[str, Any] = {}

        def start_response(status: str, response_headers, exc_info=None):
            reply["status"], reply["headers"] = int(status.split(" ", 1)[0]), response_headers

        try:
            result = self._app(environ, start_response)
            try:
                answer = b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
        except ConnectionResetError:  # mock_server.simulation.hooks.DropMiddleware: a connection fault fired
            return None, [], b""
        except Exception:
            log.exception("unexpected error in %s %s", scope.method, scope.path)
            head, answer = envelope(500, "internal error")
            return 500, head, answer
        return reply["status"], reply["headers"], answer

    def _log(self, scope, headers, status: int, size: int, started: float) -> None:
        if self._access_log:
            log_access(access_line(client=scope.client, method=scope.method, path=scope.path,
                                   query=scope.query_string, protocol=f"HTTP/{scope.http_version}", status=status,
                                   size=size, headers=dict(headers), started=started))


def _environ(scope, headers: list[tuple[str, str]], body: bytes) -> dict[str, Any]:
    """PEP 3333: the path as latin-1 text of its UTF-8 bytes; the body complete, its length exact."""
    host, _, port = (scope.server or "127.0.0.1:0").rpartition(":")
    client_host, _, client_port = scope.client.rpartition(":")
    environ = {
        "REQUEST_METHOD": scope.method, "SCRIPT_NAME": "",
        "PATH_INFO": scope.path.encode("utf-8", "surrogateescape").decode("latin-1"),
        "QUERY_STRING": scope.query_string, "SERVER_NAME": host, "SERVER_PORT": port,
        "SERVER_PROTOCOL": f"HTTP/{scope.http_version}", "REMOTE_ADDR": client_host.strip("[]"),
        "REMOTE_PORT": client_port,
        "CONTENT_LENGTH": str(len(body)), "wsgi.version": (1, 0), "wsgi.url_scheme": scope.scheme,
        "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr, "wsgi.multithread": True,
        "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.input_terminated": True,
    }
    for name, value in headers:
        if name == "content-type":
            environ["CONTENT_TYPE"] = value
        elif name in ("content-length", "transfer-encoding"):
            continue  # the body is already read: its exact length is CONTENT_LENGTH
        else:
            key = "HTTP_" + name.upper().replace("-", "_")
            environ[key] = f"{environ[key]},{value}" if key in environ else value
    return environ
