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

from contracts.client import WALLET_BASE
from contracts.operations import operation_routes
from contracts.targets import free_port

from ..enkash import enkash_client
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
    """One partner's client: logs in once, then calls wallet operations with its own headers.

    A thin wrapper over the one Enkash client (`contracts.client.EnkashClient`) over real HTTP: `http`
    (default: a client on `url`) is the httpx client it sends through; answers are httpx responses."""

    def __init__(self, url: str, who: dict = DEMO, http: httpx.Client | None = None):
        self.url, self.who = url, who
        self.http = http or httpx.Client(base_url=url, timeout=30)
        self.token: str | None = None

    @property
    def http(self) -> httpx.Client:
        return self._http

    @http.setter
    def http(self, client: httpx.Client) -> None:
        """Tests swap the client (a restarted server, another replica): the Enkash client follows it."""
        self._http = client
        self.enkash = enkash_client(self.who, url=str(client.base_url) or self.url, http=client)

    def login(self) -> Partner:
        form = {k: self.who[k] for k in ("username", "password", "clientId")} | {"grant_type": "password"}
        reply = self.enkash.request_token(form, "Basic Og==")
        reply.raise_for_status()
        self.token = reply.json()["access_token"]
        return self

    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}", "partnerId": self.who["partnerId"]}

    def post(self, path: str, body: dict) -> httpx.Response:
        return self._send("POST", WALLET_BASE + path, body)

    def _send(self, method: str, path: str, body: dict) -> httpx.Response:
        # token "": the headers carry this partner's token as it is (None before login, as the tests expect)
        return self.enkash.send_call(method, path, json=body, token="", headers=self.headers())

    def _operation(self, operation_id: str, body: dict) -> httpx.Response:
        return self._send(*operation_routes()[operation_id], body)

    def create(self, mobile: str) -> httpx.Response:
        return self._operation("createWallet", wallet_body(mobile, self.who))

    def otp(self, wallet_id: str) -> httpx.Response:
        return self._operation("generateOtp", {"cardOtpAction": "TRANSACTION_OTP",
                                               "cardAccountId": self.who["cardAccountId"], "enKashCardId": wallet_id})

    def min_kyc(self, wallet_id: str, reference: str, otp: str) -> httpx.Response:
        return self._operation("minKyc", {**self.ids(wallet_id), "otpReferenceId": reference, "otp": otp})

    def details(self, wallet_id: str) -> httpx.Response:
        return self._operation("getWalletDetails", self.ids(wallet_id))

    def ids(self, wallet_id: str) -> dict:
        return {"enKashCardId": wallet_id, "cardAccountId": self.who["cardAccountId"],
                "companyId": self.who["companyId"]}
