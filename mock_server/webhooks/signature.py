"""Optional HMAC-SHA256 signature of a delivery (inferred: no Enkash document describes one; off by default).

    X-Enkash-Timestamp: 1764581400
    X-Enkash-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>

Signing the timestamp with the body lets a receiver refuse replays of an old delivery.
"""

from __future__ import annotations

import hashlib
import hmac

__all__ = ["SIGNATURE_HEADER", "TIMESTAMP_HEADER", "sign", "verify"]

SIGNATURE_HEADER = "X-Enkash-Signature"
TIMESTAMP_HEADER = "X-Enkash-Timestamp"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver runs: constant-time comparison of the header with its own computation."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature or "")
