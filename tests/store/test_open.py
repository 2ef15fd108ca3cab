"""Opening a PostgreSQL store: a clear message without the driver or the database, never a password."""

from __future__ import annotations

import sys

import pytest

from mock_server.cli import main
from mock_server.store import StoreUnavailable, describe_store, open_store

from ..postgres_support import fresh_schema


def test_without_the_driver_the_message_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    monkeypatch.delitem(sys.modules, "mock_server.store.postgres", raising=False)
    with pytest.raises(ValueError, match=r"pip install 'enkash-toolkit\[postgres\]'"):
        open_store("postgresql://u:p@127.0.0.1:5432/db")


def test_an_unreachable_database_refuses_serve_with_the_reason_and_no_password(capsys):
    assert main(["serve", "--port", "0", "--store", "postgresql://enkash:hunter2@127.0.0.1:1/nowhere"]) == 2
    said = capsys.readouterr().err
    assert "PostgreSQL is unavailable" in said and "hunter2" not in said and "Traceback" not in said


def test_an_unreachable_database_raises_store_unavailable():
    with pytest.raises(StoreUnavailable, match="PostgreSQL is unavailable"):
        open_store("postgresql://enkash:x@127.0.0.1:1/nowhere")


def test_store_descriptions_mask_passwords():
    assert describe_store("postgresql://enkash:hunter2@db.internal:5432/sandbox") == \
        "postgresql://enkash:***@db.internal:5432/sandbox"
    assert describe_store("sqlite:/tmp/state.db") == "sqlite:/tmp/state.db"


def test_health_names_the_store_without_its_password():
    from mock_server import create_app
    from mock_server.config import load_config

    with fresh_schema() as url:
        app = create_app(load_config(store=url))
        try:
            shown = app.test_client().get("/__admin/health").json["store"]
            ready = app.test_client().get("/__admin/health/ready")
        finally:
            app.extensions["enkash"].store.close()
    password = url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    assert shown.startswith("postgresql://") and password not in shown
    assert ready.status_code == 200 and ready.json == {"status": "ready"}
