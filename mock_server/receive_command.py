"""`enkash-mock receive`: a tiny webhook receiver that prints what it receives, for trying webhooks by hand.

One line per delivery on stdout, `EVENT_TYPE {compact JSON body}`, flushed at once; every POST is
answered 200 (`{"received": true}`). It listens on 127.0.0.1 only: the mock's default allowlist
(webhook_allowed_hosts) is loopback, so this is where webhooks may go. `--port 0` takes a free port;
`--port-file FILE` writes the port there once listening, so a script knows where to point an endpoint.
"""

from __future__ import annotations

import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["add_receive_arguments", "receive"]


class _Printer(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.dumps(json.loads(raw), separators=(", ", ": "))
        except ValueError:
            body = raw.decode(errors="replace")
        sys.stdout.write(f"{self.headers.get('X-Enkash-Event-Type', '-')} {body}\n")
        sys.stdout.flush()
        answer = b'{"received": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: object) -> None:
        pass  # stdout carries the webhooks; a per-request access line would only clutter it


def add_receive_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default 0: a free one)")
    parser.add_argument("--port-file", default=None, metavar="FILE", help="write the port here once listening")


def receive(args: argparse.Namespace) -> int:
    server = ThreadingHTTPServer(("127.0.0.1", args.port), _Printer)
    if args.port_file:
        Path(args.port_file).write_text(str(server.server_port), encoding="utf-8")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
