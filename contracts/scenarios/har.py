"""Read HAR 1.2 exports (browser, Postman, Insomnia, schemathesis) into plain exchanges.

Reading is plain JSON: the `harfile` package schemathesis ships only writes HAR.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..errors import ToolError

__all__ = ["Exchange", "HarError", "read_har"]


class HarError(ToolError):
    """The file is not a usable HAR export (a usage error)."""


@dataclass
class Exchange:
    """One request and its recorded response, with bodies decoded where they are JSON or a form."""

    method: str
    url: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    query: list[tuple[str, str]] = field(default_factory=list)
    json_body: Any = None
    form: dict[str, str] | None = None
    status: int = 0
    response_json: Any = None

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


def read_har(text: str, source: str = "<har>") -> list[Exchange]:
    try:
        entries = json.loads(text)["log"]["entries"]
    except (ValueError, KeyError, TypeError) as error:
        raise HarError(f"{source}: not a HAR file (expected JSON with log.entries): {error}") from None
    if not isinstance(entries, list):
        raise HarError(f"{source}: log.entries is not a list")
    return [_exchange(entry, source, index) for index, entry in enumerate(entries)]


def _exchange(entry: dict, source: str, index: int) -> Exchange:
    try:
        request, response = entry["request"], entry.get("response") or {}
        url = request["url"]
        exchange = Exchange(
            method=str(request.get("method", "GET")).upper(),
            url=url.split("?")[0],
            headers=[(h["name"], h["value"]) for h in request.get("headers", []) if not h["name"].startswith(":")],
            query=[(q["name"], q["value"]) for q in request.get("queryString", [])] or parse_qsl(urlsplit(url).query),
            status=int(response.get("status") or 0),
            response_json=_json_content(response.get("content") or {}),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise HarError(f"{source}: entry {index} is malformed: {error!r}") from None
    _add_body(exchange, request.get("postData") or {})
    return exchange


def _add_body(exchange: Exchange, post: dict) -> None:
    mime, text = str(post.get("mimeType", "")).lower(), post.get("text") or ""
    if "x-www-form-urlencoded" in mime:
        params = post.get("params") or []
        exchange.form = {p["name"]: p.get("value", "") for p in params} if params else dict(parse_qsl(text))
    elif text:
        try:
            exchange.json_body = json.loads(text)
        except ValueError:
            exchange.json_body = None  # not JSON: the replay sends no body, the expectations still apply


def _json_content(content: dict) -> Any:
    text = content.get("text")
    if not text:
        return None
    if content.get("encoding") == "base64":
        text = base64.b64decode(text).decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return None
