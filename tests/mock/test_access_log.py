"""The access log line, in process: what is masked and escaped (the live tests are in tests/hardening)."""

from mock_server.access_log import access_line, redact_url

LINE = dict(client="127.0.0.1:5000", method="GET", protocol="HTTP/1.1", status=200, size=10, started=0.0)


def test_referer_is_masked_like_the_request_line():
    assert redact_url("http://127.0.0.1:8080/__mock/vkyc/LINKTOKEN?refresh_token=R&x=1") == (
        "http://127.0.0.1:8080/__mock/vkyc/[redacted]?refresh_token=[redacted]&x=1")
    assert redact_url("/__mock/vkyc/LINKTOKEN") == "/__mock/vkyc/[redacted]"


def test_line_masks_path_query_and_headers():
    line = access_line(path="/__mock/vkyc/LINKTOKEN", query="access_token=QT&y=2",
                       headers={"referer": "https://x/__mock/vkyc/REFTOKEN", "user-agent": "ua"}, **LINE)
    assert "LINKTOKEN" not in line and "QT" not in line and "REFTOKEN" not in line
    assert line.startswith('127.0.0.1 - - [') and line.endswith('"https://x/__mock/vkyc/[redacted]" "ua"')


def test_control_characters_and_quotes_are_escaped():
    line = access_line(path="/a\nforged \"line\"", query="", headers={"user-agent": "x\r\ny"}, **LINE)
    assert "\n" not in line and "\r" not in line
    assert '/a\\x0aforged \\x22line\\x22' in line and '"x\\x0d\\x0ay"' in line
