"""Steps the importer and recorder insert: a token call from the environment, an OTP read from the mock."""

from __future__ import annotations

__all__ = ["admin_otp_step", "token_step"]


def token_step(captures: dict[str, str] | None = None) -> dict:
    """A password-grant token call whose credentials all come from the environment or target;
    CAPTURES maps response fields (access_token, refresh_token) to variable names."""
    captures = captures or {"access_token": "token"}
    return {
        "name": "get a token",
        "request": {
            "operation": "getToken",
            "headers": {"Authorization": "${target:basic_auth}"},
            "form": {"username": "${env:ENKASH_USERNAME}", "password": "${env:ENKASH_PASSWORD}",
                     "grant_type": "password", "clientId": "${target:client_id}"},
        },
        "expect": {"status": 200, "json": {"$.access_token": {"type": "string"}}},
        "capture": {var: f"$.{field}" for field, var in captures.items()},
    }


def admin_otp_step(wallet: str, var: str) -> dict:
    """Read the newest OTP of WALLET from the mock; other targets take it from ENKASH_OTP."""
    return {
        "name": "read the OTP the holder received (mock admin; ENKASH_OTP elsewhere)",
        "admin": True,
        "request": {"method": "GET", "path": "/__admin/otps", "query": {"enKashCardId": wallet}},
        "expect": {"status": 200},
        "capture": {var: "$[-1].otp"},
        "alternative": {"vars": {var: "${env:ENKASH_OTP}"}},
    }
