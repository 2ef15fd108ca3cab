"""Requests gunicorn refuses before the app runs (a malformed header, `Expect: nonsense`, a request
line too long) are answered in Enkash's JSON envelope too, not with gunicorn's HTML page.

gunicorn renders those answers with `gunicorn.util.write_error`; the mock's worker class swaps in
`write_json_error` when a worker starts, so the status code gunicorn chose is kept.
"""

from __future__ import annotations

import json

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker

__all__ = ["EnvelopeThreadWorker", "write_json_error"]


def write_json_error(sock, status_int: int, reason: str, mesg: str) -> None:
    body = json.dumps({"response_code": status_int, "response_message": reason, "payload": mesg or reason})
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body.encode())}\r\n\r\n"
    )
    util.write_nonblock(sock, (head + body).encode("utf-8"))


class EnvelopeThreadWorker(ThreadWorker):
    """gunicorn's threaded worker, with protocol errors in the JSON envelope."""

    def init_process(self):
        util.write_error = write_json_error
        super().init_process()
