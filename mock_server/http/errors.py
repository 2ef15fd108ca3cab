"""The one error type of the mock and its catalogue of templates.

Views and domain code never pick a status: they name a template; this module renders it in
the shape the spec gives for that status (wallet envelope, or Spring's OAuth body).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..kernel.errors import DomainError
from .responses import envelope, oauth_body

__all__ = ["TEMPLATES", "ApiError", "ErrorTemplate", "from_domain"]


@dataclass(frozen=True)
class ErrorTemplate:
    status: int
    message: str
    oauth_error: str | None = None  # set: render as {error, error_description}
    response_code: int | None = None  # wallet envelope code; defaults to the HTTP status

    def code(self) -> int:
        return self.response_code if self.response_code is not None else self.status


def _business(message: str) -> ErrorTemplate:
    return ErrorTemplate(200, message, response_code=1)


def _oauth(status: int, error: str, description: str) -> ErrorTemplate:
    return ErrorTemplate(status, description, oauth_error=error)


_FULL_AUTHENTICATION = "Full authentication is required to access this resource"  # Spring's wording

TEMPLATES: dict[str, ErrorTemplate] = {
    # transport and validation: the wallet envelope, response_code = HTTP status
    "not_found": ErrorTemplate(404, "No Enkash API at this path"),
    "method_not_allowed": ErrorTemplate(405, "This method is not allowed on this path"),
    "payload_too_large": ErrorTemplate(413, "Request body exceeds the size limit"),
    "unsupported_content_type": ErrorTemplate(400, "Content-Type must be {expected}"),
    "malformed_body": ErrorTemplate(400, "Request body is not valid JSON"),
    "invalid_unicode": ErrorTemplate(400, "Request body contains text that is not valid Unicode"),
    "missing_parameter": ErrorTemplate(400, "Mandatory parameter missing or malformed request"),
    "invalid_parameter": ErrorTemplate(422, "Invalid request data"),
    "internal": ErrorTemplate(500, "Internal mock error; the mock's log has the details"),
    "store_unavailable": ErrorTemplate(503, "The mock's database is unavailable; try again shortly"),
    # OAuth (Spring Security OAuth2 shapes)
    "token_missing": _oauth(401, "unauthorized", _FULL_AUTHENTICATION),
    "token_invalid": _oauth(401, "invalid_token", "Invalid access token"),
    "token_expired": _oauth(401, "invalid_token", "Access token expired"),
    "token_wrong_partner": _oauth(401, "invalid_token", "Access token was not issued for this partnerId"),
    "client_credentials_missing": _oauth(401, "unauthorized", _FULL_AUTHENTICATION),
    "client_credentials_bad": _oauth(401, "invalid_client", "Bad client credentials"),
    "grant_missing_field": _oauth(400, "invalid_request", "Missing or invalid form fields: {fields}"),
    "grant_unsupported": _oauth(400, "unsupported_grant_type", "Unsupported grant type"),
    "bad_credentials": _oauth(400, "invalid_grant", "Bad credentials"),
    "user_locked": _oauth(400, "invalid_grant", "User account is locked"),
    "refresh_invalid": _oauth(400, "invalid_grant", "Invalid refresh token"),
    "refresh_expired": _oauth(400, "invalid_grant", "Invalid refresh token (expired)"),
    # business failures: HTTP 200, response_code 1 (documented convention)
    "account_not_found": _business("Invalid companyId or cardAccountId for this partner"),
    "wallet_not_found": _business("Wallet not found"),
    "duplicate_mobile": _business("A wallet already exists for this mobile in the card account"),
    "holder_details_locked": _business("Wallet holder details cannot be updated after OTP verification"),
    "otp_reference_invalid": _business("Invalid OTP reference"),
    "otp_invalid": _business("Invalid OTP; {remaining} attempt(s) left"),
    "otp_used": _business("OTP already used"),
    "otp_expired": _business("OTP expired; generate a new OTP"),
    "otp_attempts_exceeded": _business("OTP attempts exceeded; generate a new OTP"),
    "kyc_already_done": _business("Minimum KYC already completed for this wallet"),
    "vkyc_closed": _business(
        "VKYC is available from {opens} to {closes} ({timezone}) on working days; it opens next at {next_open}"
    ),
    "vkyc_already_full": _business("Wallet is already full KYC"),
    # admin API only
    "vkyc_not_pending": ErrorTemplate(409, "No VKYC session is waiting for a decision on this wallet"),
    "admin_bad_request": ErrorTemplate(400, "{detail}"),
    "admin_not_found": ErrorTemplate(404, "{detail}"),
}


class ApiError(Exception):
    """Raised anywhere in a request; rendered once by the app's error handler."""

    def __init__(self, name: str, payload: Any = None, headers: dict[str, str] | None = None, **fmt: Any):
        self.name = name
        self.template = TEMPLATES[name]
        self.message = self.template.message.format(**fmt) if fmt else self.template.message
        self.payload = payload
        self.headers = headers or {}
        super().__init__(f"{name}: {self.message}")

    @property
    def status(self) -> int:
        return self.template.status

    def body(self) -> dict[str, Any]:
        if self.template.oauth_error:
            return oauth_body(self.template.oauth_error, self.message)
        payload = self.payload
        if payload is None and self.status in (400, 422):  # the spec lists violations for these
            payload = {"violations": [{"location": "body", "field": "", "message": self.message}]}
        return envelope(self.template.code(), self.message, payload)


def from_domain(error: DomainError) -> ApiError:
    return ApiError(error.name, **error.details)
