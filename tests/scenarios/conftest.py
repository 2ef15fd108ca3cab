"""One mock process (started exactly as `enkash-mock serve`) shared by the scenario tests.

Every scenario run gets its own X-Mock-Session, so sharing the process does not share state.
"""

from __future__ import annotations

import pytest

from contracts.targets import start_mock


@pytest.fixture(scope="package")
def mock_url():
    with start_mock() as url:
        yield url


@pytest.fixture
def target_args(mock_url):
    return ["--auth-url", mock_url, "--api-url", mock_url]
