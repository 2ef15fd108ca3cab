"""The upper bound for any Flask design: constant JSON per benchmarked route, on the mock's own server.

    .venv/bin/python bench/bare_flask.py --port 8090 [--workers W] [--threads T]

Same routes and answers' shape as the mock's token and wallet-details calls, no validation, no
store: the mock's req/s divided by this app's, on the same server and machine, says how close the
mock is to what Flask and the server allow.
"""

from __future__ import annotations

import argparse
import json
import sys

from flask import Flask, Response

from mock_server.server import default_workers, run_wsgi

__all__ = ["create_bare_app"]

_TOKEN = json.dumps({"access_token": "t" * 27, "token_type": "bearer", "refresh_token": "r" * 27,
                     "expires_in": 86399, "scope": "read write trust"})
_DETAILS = json.dumps({"response_code": 0, "response_message": "Success",
                       "payload": {"enKashCardId": "EKCWLUAADN", "kycStatus": "MIN_KYC", "balance": 0}})


def create_bare_app() -> Flask:
    app = Flask(__name__)

    @app.get("/__admin/health")
    def health():
        return Response('{"status": "ok"}', mimetype="application/json")

    @app.post("/oauth/token")
    def token():
        return Response(_TOKEN, mimetype="application/json")

    @app.post("/api/v0/partner/enKashCard/wallet-details")
    def details():
        return Response(_DETAILS, mimetype="application/json")

    return app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    run_wsgi(create_bare_app(), host=args.host, port=args.port, workers=args.workers or default_workers("sqlite"),
             threads=args.threads, access_log=False, read_timeout=10.0, max_body=1_048_576)
    return 0


if __name__ == "__main__":
    sys.exit(main())
