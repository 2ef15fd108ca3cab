"""Tests that need PostgreSQL skip locally without it, and fail under CI=true, where it must be there."""

from __future__ import annotations

import pytest

from ..postgres_support import URL_VARIABLE, postgres_url


def test_without_a_url_a_local_run_skips_with_the_reason(monkeypatch):
    monkeypatch.delenv(URL_VARIABLE, raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"postgres-ci\.sh"):
        postgres_url()


def test_without_a_url_a_ci_run_fails(monkeypatch):
    monkeypatch.delenv(URL_VARIABLE, raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        postgres_url()
