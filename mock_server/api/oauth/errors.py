"""OAuth failures, in Spring Security OAuth2's `{error, error_description}` shape.

Registered into the mock's one catalogue (`mock_server.http.errors.catalogue`) when an app is built.
"""

from __future__ import annotations

from ...http.errors import oauth

__all__ = ["TEMPLATES"]

_FULL_AUTHENTICATION = "Full authentication is required to access this resource"  # Spring's wording

TEMPLATES = {
    "token_missing": oauth(401, "unauthorized", _FULL_AUTHENTICATION),
    "token_invalid": oauth(401, "invalid_token", "Invalid access token"),
    "token_expired": oauth(401, "invalid_token", "Access token expired"),
    "token_wrong_partner": oauth(401, "invalid_token", "Access token was not issued for this partnerId"),
    "client_credentials_missing": oauth(401, "unauthorized", _FULL_AUTHENTICATION),
    "client_credentials_bad": oauth(401, "invalid_client", "Bad client credentials"),
    "grant_missing_field": oauth(400, "invalid_request", "Missing or invalid form fields: {fields}"),
    "grant_unsupported": oauth(400, "unsupported_grant_type", "Unsupported grant type"),
    "bad_credentials": oauth(400, "invalid_grant", "Bad credentials"),
    "user_locked": oauth(400, "invalid_grant", "User account is locked"),
    "refresh_invalid": oauth(400, "invalid_grant", "Invalid refresh token"),
    "refresh_expired": oauth(400, "invalid_grant", "Invalid refresh token (expired)"),
}
