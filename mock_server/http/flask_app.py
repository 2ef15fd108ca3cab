"""Flask with the per-request work that never changes done once: the mock's app class.

Flask asks `inspect` whether every before/after hook and the view is a coroutine function, on every
request (six times per API call, ~5% of a token request): the answer for a given function never
changes, so it is kept per app. A host URL (for the links some answers carry) skips werkzeug's
IRI conversion when that conversion could not change it. URL rules compile their `url_for` builders on
first use, not at start-up (two generated functions per rule: a third of building the app's ~90 routes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask, Request
from werkzeug.routing import Rule

__all__ = ["LazyBuilderRule", "MockFlask", "host_url"]

# A URL that uri_to_iri returns unchanged: ASCII, no percent-escapes, no punycode, nothing to lower-case.
_PLAIN_URL = re.compile(r"https?://[a-z0-9.:\[\]_-]+/")


class LazyBuilderRule(Rule):
    """A werkzeug Rule whose URL builders are generated when `url_for` first needs them. The mock
    builds few URLs (links to its own pages), and werkzeug generates and compiles two builders per rule."""

    def _compile_builder(self, append_unknown: bool = True):
        built: list[Callable] = []

        def build(rule: Rule, *args: Any, **kwargs: Any):
            if not built:
                built.append(Rule._compile_builder(rule, append_unknown).__get__(rule, None))
            return built[0](*args, **kwargs)

        return build


class MockFlask(Flask):
    url_rule_class = LazyBuilderRule

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._sync: dict[Callable, Callable] = {}  # per app: functions registered on it, looked up per request

    def ensure_sync(self, func: Callable) -> Callable:
        try:
            return self._sync[func]
        except KeyError:
            wrapped = self._sync[func] = super().ensure_sync(func)
            return wrapped
        except TypeError:  # an unhashable callable: asked every time, as Flask does
            return super().ensure_sync(func)


def host_url(req: Request) -> str:
    """`req.host_url`, without werkzeug's IRI round trip (idna codec, unquoting) for a plain host."""
    url = f"{req.scheme}://{req.host}/"
    return url if _PLAIN_URL.fullmatch(url) and "xn--" not in url else req.host_url
