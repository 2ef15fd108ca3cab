"""The request hot path's shortcuts (issue 14) answer exactly as the long way round did."""

import io
import json

import pytest
from flask import Flask
from werkzeug.test import EnvironBuilder

from mock_server import create_app
from mock_server.http.flask_app import MockFlask, host_url

from .helpers import EMPTY_BASIC

TOKEN_FORM = "username=6001020040&password=Test%401234567&grant_type=password&clientId=CEKHZH0UHW"


@pytest.mark.parametrize("host", ["127.0.0.1:8080", "localhost", "[::1]:80", "EXAMPLE.com", "Mock.Test:9",
                                  "xn--bcher-kva.example", "a_b.example", "b%C3%BCcher.example"])
def test_host_url_matches_werkzeug(host):
    request = Flask(__name__).request_class(EnvironBuilder(base_url=f"http://{host}").get_environ())
    assert host_url(request) == request.host_url


def test_ensure_sync_is_asked_once_per_function(monkeypatch):
    app = MockFlask(__name__)
    asked = []
    monkeypatch.setattr(Flask, "ensure_sync", lambda self, func: asked.append(func) or func)

    def view():
        return "ok"

    assert app.ensure_sync(view) is view
    assert app.ensure_sync(view) is view
    assert asked == [view]


def _call(app, body: bytes, content_length: str):
    environ = EnvironBuilder(path="/oauth/token", method="POST", headers=EMPTY_BASIC,
                             content_type="application/x-www-form-urlencoded").get_environ()
    environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(body), content_length
    reply = {}
    answer = b"".join(app(environ, lambda status, headers, exc_info=None: reply.update(status=status)))
    return int(reply["status"].split()[0]), answer


def test_a_body_shorter_than_its_content_length_is_a_400_in_the_envelope():
    # as served (strict response checking off: it also refuses werkzeug's own 400 on this path, as before)
    app = create_app()
    status, answer = _call(app, TOKEN_FORM.encode()[:20], str(len(TOKEN_FORM)))
    assert status == 400
    assert json.loads(answer)["response_code"] == 400


def test_a_content_length_over_the_limit_is_a_413(make_app):
    app = make_app(max_body_bytes=64)
    status, _ = _call(app, TOKEN_FORM.encode() * 2, str(len(TOKEN_FORM) * 2))
    assert status == 413


def test_the_journal_keeps_the_body_read_directly_masked(make_app):
    app = make_app()
    status, answer = _call(app, TOKEN_FORM.encode(), str(len(TOKEN_FORM)))
    assert status == 200, answer
    entry = app.test_client().get("/__admin/requests").get_json()["requests"][0]
    assert entry["requestBody"] == TOKEN_FORM.replace("Test%401234567", "[redacted]")


def test_lazy_url_builders_build_what_werkzeug_builds(monkeypatch):
    from werkzeug.routing import Rule

    compiled = []
    real = Rule._compile_builder
    monkeypatch.setattr(Rule, "_compile_builder", lambda self, *a: compiled.append(self.rule) or real(self, *a))
    lazy, plain = MockFlask(__name__), Flask(__name__)
    for app in (lazy, plain):
        app.add_url_rule("/__mock/pay/<order_id>", "pay", lambda order_id: order_id)
        app.add_url_rule("/wallet/<int:number>/x", "wallet", lambda number: str(number))
    assert compiled.count("/__mock/pay/<order_id>") == 2  # the plain app's two builders only: none yet for the lazy one
    from flask import url_for

    built = []
    for app in (lazy, plain):
        with app.test_request_context("/"):
            built.append((url_for("pay", order_id="EKORD 1/2"), url_for("wallet", number=7, q="a b"),
                          url_for("pay", order_id="x", _external=True)))
    assert built[0] == built[1] == ("/__mock/pay/EKORD%201/2", "/wallet/7/x?q=a+b", "http://localhost/__mock/pay/x")
