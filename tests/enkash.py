"""The tests' way to the one Enkash client (`contracts.client.EnkashClient`).

In-process tests hold a Flask test client; `FlaskClientTransport` is the `transport=` that sends the
client's requests through it, so the mock sees exactly what `app.test_client()` would send, and each
answer keeps the Flask response it came from: `flask_response(answer)` gives it back to wrappers whose
callers read `response.json`. `enkash_client()` builds the client for one partner of the seed (`who`,
as in tests/seed.py), in-process or against a URL.
"""

from __future__ import annotations

from typing import Any

import httpx

from contracts.client import EnkashClient
from contracts.targets import IN_PROCESS_URL, Credentials, Target

__all__ = ["FlaskClientTransport", "as_flask_json", "enkash_client", "flask_response"]

# httpx's own defaults, which a Flask test client never sends: left out so requests stay as they were
_HTTPX_DEFAULTS = {"accept": "*/*", "connection": "keep-alive"}
_DROPPED = {"host", "content-length", "accept-encoding"}


class FlaskClientTransport(httpx.BaseTransport):
    """An httpx transport over a Flask test client (cookies, app context and all)."""

    def __init__(self, client: Any):
        self.client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        headers = [(name, value) for name, value in request.headers.multi_items()
                   if name.lower() not in _DROPPED and _HTTPX_DEFAULTS.get(name.lower()) != value
                   and not (name.lower() == "user-agent" and value.startswith("python-httpx/"))]
        path = request.url.raw_path.decode("ascii")
        answer = self.client.open(path, method=request.method, headers=headers, data=request.read())
        return httpx.Response(answer.status_code, headers=list(answer.headers.items()), content=answer.get_data(),
                              extensions={"flask_response": answer})


def flask_response(answer: httpx.Response) -> Any:
    """The Flask test response an answer of `FlaskClientTransport` came from."""
    return answer.extensions["flask_response"]


def as_flask_json(flask_client: Any, body: Any) -> tuple[bytes | None, dict[str, str]]:
    """A JSON body encoded as the Flask test client's `json=` would (its provider: sorted keys, Decimal
    allowed), with its Content-Type; `None` is no body at all, as there."""
    if body is None:
        return None, {}
    return flask_client.application.json.dumps(body).encode(), {"Content-Type": "application/json"}


def enkash_client(who: dict, *, flask_client: Any = None, url: str | None = None, http: httpx.Client | None = None,
                  session: str | None = None) -> EnkashClient:
    """The client of partner `who`: through `flask_client` (in-process), or at `url` (or `http`'s base URL)."""
    credentials = Credentials(username=who["username"], password=who["password"], client_id=who["clientId"],
                              partner_id=who["partnerId"], company_id=who["companyId"],
                              card_account_id=who["cardAccountId"])
    if flask_client is not None:
        target = Target("mock", IN_PROCESS_URL, IN_PROCESS_URL, credentials)
        return EnkashClient(target, session=session, transport=FlaskClientTransport(flask_client))
    base = url if url is not None else str(http.base_url) if http is not None else ""
    return EnkashClient(Target("mock", base, base, credentials), session=session, http=http, timeout=30)
