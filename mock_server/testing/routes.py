"""The respx route that hands every request for the Enkash hosts to an in-process mock app.

One route for all paths (operations, admin, VKYC pages, unknown paths), not one per operation:
respx builds several `unittest.mock` objects per route on every start, which made routing cost
more than the test itself. `calls.Calls` sorts the route's records by operationId instead.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Coroutine, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpx
import respx
from flask import Flask
from respx.patterns import M, Pattern

__all__ = ["ENKASH_ROUTE", "PASSTHROUGH_ROUTE", "WsgiSideEffect", "add_enkash_routes", "host_pattern"]

ENKASH_ROUTE = "enkash"  # every path on the Enkash hosts
PASSTHROUGH_ROUTE = "enkash:passthrough"  # everything else, when passthrough is on


class WsgiSideEffect:
    """Calls the WSGI app synchronously; serves httpx.Client and httpx.AsyncClient alike.

    respx reads the request body before routing, and the response is rebuilt over plain bytes
    (a stream both client kinds can read), so no event loop is needed around a sync app.
    Exceptions from the app propagate: with `app.testing` the test sees the mock's traceback.
    """

    def __init__(self, app: Flask):
        self._transport = httpx.WSGITransport(app=app)

    def __call__(self, request: httpx.Request) -> httpx.Response | Coroutine[Any, Any, httpx.Response]:
        if not _body_read(request):
            return self._respond_async(request)  # respx awaits it (AsyncClient, unread stream)
        return self._respond(request)

    def _respond(self, request: httpx.Request) -> httpx.Response:
        answer = self._transport.handle_request(request)
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.read())

    async def _respond_async(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self._respond(request)


def _body_read(request: httpx.Request) -> bool:
    try:
        request.content  # noqa: B018 - raises until the body has been read
    except httpx.RequestNotRead:
        return False
    return True


def host_pattern(hosts: Iterable[str]) -> Pattern:
    """scheme + host + port of each origin, OR-ed together."""
    patterns = []
    for url in hosts:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}[parts.scheme]
        patterns.append(M(scheme=parts.scheme, host=parts.hostname, port=port))
    return functools.reduce(operator.or_, patterns)


def add_enkash_routes(router: respx.Router, app: Flask, hosts: Iterable[str], passthrough: bool) -> None:
    router.route(host_pattern(hosts), name=ENKASH_ROUTE).mock(side_effect=WsgiSideEffect(app))
    if passthrough:
        router.route(name=PASSTHROUGH_ROUTE).pass_through()


def _path_pattern(path: str) -> dict:
    """An exact path, or a regex for a templated one (`/public/{ifsc}` matches one path segment)."""
    if "{" not in path:
        return {"path": path}
    return {"path__regex": "^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)) + "$"}
