"""A real `enkash-mock serve` in a subprocess (127.0.0.1, free port) and a partner-side HTTP client.

Hardening tests need what in-process tests cannot give: several worker processes, SIGKILL, the
access log. Every server is started in its own process group and stopped by its own pid.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from contracts.targets import free_port

from ..seed import DEMO, OTHER

__all__ = ["DEMO", "OTHER", "LiveMock", "Partner", "wallet_body"]

CLI = Path(sys.executable).with_name("enkash-mock")


class LiveMock:
    """`with LiveMock(tmp_path, "--workers", "2") as mock:` — serves a sqlite store in `directory`,
    or the store at `store` (e.g. a PostgreSQL URL); `log_name` tells replicas' logs apart."""

    def __init__(self, directory: Path, *args: str, db_name: str = "state.db", store: str | None = None,
                 log_name: str = "server.log"):
        self.db = directory / db_name
        self.store = store or f"sqlite:{self.db}"
        self.log_path = directory / log_name
        self.args = args
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> LiveMock:
        command = [str(CLI), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--store", self.store, *self.args]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mock exited early: {self.log_path.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/__admin/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.02)
        raise TimeoutError("mock did not become ready")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole server (granian's main process and workers share its process group)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(15)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def __enter__(self) -> LiveMock:
        return self.start()

    def __exit__(self, *exc) -> None:
        try:
            self.stop()
        except subprocess.TimeoutExpired:
            self.kill()


def wallet_body(mobile: str, who: dict = DEMO) -> dict:
    return {"companyId": who["companyId"], "cardAccountId": who["cardAccountId"], "email": "h@example.com",
            "mobile": mobile, "title": "Mr", "firstName": "Hard", "lastName": "Ening", "gender": "M",
            "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}], "address": "Flat 1", "city": "Kota",
            "state": "Rajasthan", "country": "India", "pincode": "323307"}


class Partner:
    """One partner's client: logs in once, then calls wallet operations with its own headers."""

    def __init__(self, url: str, who: dict = DEMO, http: httpx.Client | None = None):
        self.url, self.who = url, who
        self.http = http or httpx.Client(base_url=url, timeout=30)
        self.token: str | None = None

    def login(self) -> Partner:
        form = {k: self.who[k] for k in ("username", "password", "clientId")} | {"grant_type": "password"}
        reply = self.http.post("/oauth/token", data=form, headers={"Authorization": "Basic Og=="})
        reply.raise_for_status()
        self.token = reply.json()["access_token"]
        return self

    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}", "partnerId": self.who["partnerId"]}

    def post(self, path: str, body: dict) -> httpx.Response:
        return self.http.post("/api/v0/partner/enKashCard" + path, json=body, headers=self.headers())

    def create(self, mobile: str) -> httpx.Response:
        return self.post("", wallet_body(mobile, self.who))

    def otp(self, wallet_id: str) -> httpx.Response:
        return self.post("/otp", {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": self.who["cardAccountId"],
                                  "enKashCardId": wallet_id})

    def min_kyc(self, wallet_id: str, reference: str, otp: str) -> httpx.Response:
        return self.post("/min-kyc", {**self.ids(wallet_id), "otpReferenceId": reference, "otp": otp})

    def details(self, wallet_id: str) -> httpx.Response:
        return self.post("/wallet-details", self.ids(wallet_id))

    def ids(self, wallet_id: str) -> dict:
        return {"enKashCardId": wallet_id, "cardAccountId": self.who["cardAccountId"],
                "companyId": self.who["companyId"]}
