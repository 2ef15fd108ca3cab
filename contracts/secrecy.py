"""The one list, for the whole contracts package, of the keys whose values are secrets.

Reports (`suites.results.redact`) and recordings (`scenarios.scrub`) both mask what is named here.
`contracts` never imports `mock_server`, which keeps its own list for its journal and logs.
"""

from __future__ import annotations

__all__ = ["SECRET_KEYS"]

SECRET_KEYS = ("password", "otp", "access_token", "refresh_token", "client_secret", "token", "id_token")
