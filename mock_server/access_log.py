"""gunicorn's access log with the mock's secrets masked.

The request line carries secrets in two places: the VKYC link token is a path segment
(`/__mock/vkyc/<token>`, stored only as a hash) and a careless client may put a token in the
query string. Header atoms (`%({authorization}i)s` in a custom format) are masked as well.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

from .redaction import MASK, SENSITIVE_HEADERS, redact_query

__all__ = ["RedactingLogger", "redact_path"]

_SECRET_PATHS = re.compile(r"^(/__mock/vkyc/)[^/?]+")


def redact_path(path: str) -> str:
    return _SECRET_PATHS.sub(lambda found: found.group(1) + MASK, path or "")


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path, query = redact_path(atoms["U"]), redact_query(atoms["q"] or "")
        atoms["U"], atoms["q"] = path, query
        atoms["r"] = f"{atoms['m']} {path}{'?' + query if query else ''} {atoms['H']}"
        for header in SENSITIVE_HEADERS:
            if f"{{{header}}}i" in atoms:
                atoms[f"{{{header}}}i"] = MASK
        return atoms
