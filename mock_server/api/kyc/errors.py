"""OTP, minimum-KYC and VKYC failures; the last two are the admin API's (409).

Registered into the mock's one catalogue (`mock_server.http.errors.catalogue`) when an app is built.
"""

from __future__ import annotations

from ...http.errors import ErrorTemplate, business

__all__ = ["TEMPLATES"]

TEMPLATES = {
    "otp_reference_invalid": business("Invalid OTP reference"),
    "otp_invalid": business("Invalid OTP; {remaining} attempt(s) left"),
    "otp_used": business("OTP already used"),
    "otp_expired": business("OTP expired; generate a new OTP"),
    "otp_attempts_exceeded": business("OTP attempts exceeded; generate a new OTP"),
    "kyc_already_done": business("Minimum KYC already completed for this wallet"),
    "vkyc_closed": business(
        "VKYC is available from {opens} to {closes} ({timezone}) on working days; it opens next at {next_open}"
    ),
    "vkyc_already_full": business("Wallet is already full KYC"),
    "vkyc_needs_min_kyc": business("Complete minimum KYC (OTP verification) before video KYC"),
    "vkyc_not_pending": ErrorTemplate(409, "No VKYC session is waiting for a decision on this wallet"),
    "vkyc_approval_needs_min_kyc": ErrorTemplate(409, "This wallet has no minimum KYC: video KYC cannot approve it"),
}
