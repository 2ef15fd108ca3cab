"""Requests gunicorn refuses before the app runs (a malformed header, `Expect: nonsense`, a request
line too long) are answered in Enkash's JSON envelope too, not with gunicorn's HTML page.

gunicorn renders those answers with `gunicorn.util.write_error`; the mock's worker class swaps in
`write_json_error` when a worker starts, so the status code gunicorn chose is kept.
"""

from __future__ import annotations

import json

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker

__all__ = ["EnvelopeThreadWorker", "protocol_payload", "write_json_error"]


def write_json_error(sock, status_int: int, reason: str, mesg: str) -> None:
    body = json.dumps({"response_code": status_int, "response_message": reason, "payload": protocol_payload(
        status_int, mesg or reason)})
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body.encode())}\r\n\r\n"
    )
    util.write_nonblock(sock, (head + body).encode("utf-8"))


def protocol_payload(status: int, message: str) -> object:
    """openapi.yaml's payload for a refusal before routing: a 400 lists its violation like every 400
    (the request head is what was wrong); 414, 417 and 431 carry the message (ErrorEnvelope)."""
    if status == 400:
        return {"violations": [{"location": "header", "field": "", "message": message}]}
    return message


class EnvelopeThreadWorker(ThreadWorker):
    """gunicorn's threaded worker, with protocol errors in the JSON envelope."""

    def init_process(self):
        util.write_error = write_json_error
        super().init_process()
