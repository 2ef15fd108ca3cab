"""Each area keeps its own error templates; the mock joins them into one catalogue and refuses duplicates."""

from __future__ import annotations

import re

import pytest

from mock_server.api import AREAS, area_error_templates
from mock_server.http.errors import CORE_TEMPLATES, ErrorCatalogueError, build_catalogue, business, catalogue


def test_every_area_template_reaches_the_catalogue():
    parts = area_error_templates()
    assert {module.split(".")[2] for module, _ in parts} == {name.split(".")[2] for name in AREAS}
    for _, templates in parts:
        for name, template in templates.items():
            assert catalogue()[name] is template
    assert set(catalogue()) == set(CORE_TEMPLATES).union(*(templates for _, templates in parts))


def test_a_name_defined_twice_is_refused_naming_both_modules():
    parts = [("area.a", {"wallet_not_found": business("x")}), ("area.b", {"wallet_not_found": business("y")})]
    with pytest.raises(ErrorCatalogueError, match=re.escape("'wallet_not_found' is defined by both area.a and area.b")):
        build_catalogue(parts)


def test_the_app_refuses_to_start_on_a_duplicate(monkeypatch):
    from mock_server.app import create_app
    from mock_server.http import errors

    duplicate = [("mock_server.api.fake.errors", {"not_found": business("clash")})]
    monkeypatch.setattr("mock_server.api.area_error_templates", lambda: duplicate)
    errors.catalogue.cache_clear()
    try:
        clash = re.escape("mock_server.http.errors and mock_server.api.fake.errors")
        with pytest.raises(ErrorCatalogueError, match=clash):
            create_app()
    finally:
        monkeypatch.undo()
        errors.catalogue.cache_clear()
    assert "not_found" in errors.catalogue()
