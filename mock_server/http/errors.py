"""The one error type of the mock and its one catalogue of templates.

Views and domain code never pick a status: they name a template; this module renders it in
the shape the spec gives for that status (wallet envelope, or Spring's OAuth body). Each area keeps
its own templates next to its rules (`api/<area>/errors.py`); `catalogue()` joins them with the core
ones and refuses a name that two modules define.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from ..kernel.errors import DomainError
from .responses import envelope, oauth_body

__all__ = [
    "CORE_TEMPLATES", "ApiError", "ErrorCatalogueError", "ErrorTemplate", "build_catalogue", "business",
    "catalogue", "from_domain", "oauth",
]


@dataclass(frozen=True)
class ErrorTemplate:
    status: int
    message: str
    oauth_error: str | None = None  # set: render as {error, error_description}
    response_code: int | None = None  # wallet envelope code; defaults to the HTTP status

    def code(self) -> int:
        return self.response_code if self.response_code is not None else self.status


def business(message: str) -> ErrorTemplate:
    """A business failure: HTTP 200, response_code 1 (the documented convention)."""
    return ErrorTemplate(200, message, response_code=1)


def oauth(status: int, error: str, description: str) -> ErrorTemplate:
    """A failure in Spring Security OAuth2's `{error, error_description}` shape."""
    return ErrorTemplate(status, description, oauth_error=error)


class ErrorCatalogueError(RuntimeError):
    """Two modules define one template name: the mock refuses to start."""


# What every area shares: transport, validation and the admin API. An area's own failures live in
# `mock_server/api/<area>/errors.py` and join these when the catalogue is built.
CORE_TEMPLATES: dict[str, ErrorTemplate] = {
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
    "admin_bad_request": ErrorTemplate(400, "{detail}"),
    "admin_not_found": ErrorTemplate(404, "{detail}"),
    "admin_conflict": ErrorTemplate(409, "{detail}"),  # admin API only
}


def build_catalogue(parts: Iterable[tuple[str, Mapping[str, ErrorTemplate]]]) -> Mapping[str, ErrorTemplate]:
    """Merge `(module name, templates)` pairs, refusing a name defined twice (naming both modules)."""
    merged: dict[str, ErrorTemplate] = {}
    owner: dict[str, str] = {}
    for module, templates in parts:
        for name, template in templates.items():
            if name in owner:
                raise ErrorCatalogueError(f"error template {name!r} is defined by both {owner[name]} and {module}")
            merged[name], owner[name] = template, module
    return MappingProxyType(merged)


@cache
def catalogue() -> Mapping[str, ErrorTemplate]:
    """Every template: the core ones and each area's (`mock_server.api.AREAS`), built once per process."""
    from ..api import area_error_templates  # late: the areas import this module for ErrorTemplate

    return build_catalogue([(__name__, CORE_TEMPLATES), *area_error_templates()])


class ApiError(Exception):
    """Raised anywhere in a request; rendered once by the app's error handler."""

    def __init__(self, name: str, payload: Any = None, headers: dict[str, str] | None = None, **fmt: Any):
        self.name = name
        self.template = catalogue()[name]
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
