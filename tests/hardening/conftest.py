"""The live mock most money race tests share (one and two worker processes, a fixed OTP).

Modules that need another shape (test_concurrency's stores, test_transfer_races' FULL_KYC seed) define
their own `mock` and `partner`, which override these.
"""

from __future__ import annotations

import httpx
import pytest

from .live import LiveMock, Partner
from .load import FIXED_OTP


@pytest.fixture(scope="module", params=["1", "2"], ids=["workers1", "workers2"])
def mock(request, tmp_path_factory):
    with LiveMock(tmp_path_factory.mktemp("money"), "--workers", request.param, "--threads", "8",
                  "--fixed-otp", FIXED_OTP) as served:
        yield served


@pytest.fixture
def partner(mock):
    httpx.post(f"{mock.url}/__admin/reset")
    return Partner(mock.url).login()
