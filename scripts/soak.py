"""Longer concurrency soak than CI runs: rounds of 32 racing clients against `enkash-mock serve`.

    .venv/bin/python scripts/soak.py [--rounds 200] [--seconds 300] [--workers 2] [--racers 32]

Each round: one new wallet and OTP that every racer tries to verify (exactly one may win), and one
create per racer (ids unique). At the end every created wallet must read back. Bounded by rounds
and by time, whichever comes first; loopback only. Exit 1 on any violation.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from mockproc import serve_mock, wait_ready  # bench/ is not a package

PARTNER = {"partnerId": "CRM338L2H", "companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975"}
FORM = {"username": "6001020040", "password": "Test@1234567", "grant_type": "password", "clientId": "CEKHZH0UHW"}
_mobiles = itertools.count(7_600_000_000)
_mobile_lock = threading.Lock()


def _mobile() -> str:
    with _mobile_lock:
        return str(next(_mobiles))


def _body(mobile: str) -> dict:
    return {"companyId": PARTNER["companyId"], "cardAccountId": PARTNER["cardAccountId"], "mobile": mobile,
            "email": "soak@example.com", "title": "Mr", "firstName": "So", "lastName": "Ak", "gender": "M",
            "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}], "address": "Flat 1", "city": "Kota",
            "state": "Rajasthan", "country": "India", "pincode": "323307"}


class Soak:
    def __init__(self, url: str, racers: int):
        self.url, self.racers, self.problems, self.created = url, racers, [], []
        reply = httpx.post(url + "/oauth/token", data=FORM, headers={"Authorization": "Basic Og=="})
        token = reply.raise_for_status().json()
        self.headers = {"Authorization": f"Bearer {token['access_token']}", "partnerId": PARTNER["partnerId"]}
        self.pool = ThreadPoolExecutor(racers)
        self.clients = [httpx.Client(base_url=url, headers=self.headers, timeout=60) for _ in range(racers)]

    def _post(self, client: httpx.Client, path: str, body: dict) -> dict:
        return client.post("/api/v0/partner/enKashCard" + path, json=body).json()

    def _all(self, call) -> list:
        barrier = threading.Barrier(self.racers)

        def one(client):
            barrier.wait()
            return call(client)

        return list(self.pool.map(one, self.clients))

    def round(self) -> None:
        first = self.clients[0]
        wallet = self._post(first, "", _body(_mobile()))["payload"]["enKashCardId"]
        self.created.append(wallet)
        self._post(first, "/otp", {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": PARTNER["cardAccountId"],
                                   "enKashCardId": wallet})
        issued = first.get("/__admin/otps", params={"enKashCardId": wallet}).json()[-1]
        kyc = {"enKashCardId": wallet, "cardAccountId": PARTNER["cardAccountId"], "companyId": PARTNER["companyId"],
               "otpReferenceId": issued["otpReferenceId"], "otp": issued["otp"]}
        wins = Counter(r["response_code"] for r in self._all(lambda c: self._post(c, "/min-kyc", kyc)))
        if wins[0] != 1:
            self.problems.append(f"{wallet}: {wins[0]} OTP verifications won")
        creates = self._all(lambda c: self._post(c, "", _body(_mobile())))
        ids = [r["payload"]["enKashCardId"] for r in creates if r["response_code"] == 0]
        if len(ids) != self.racers or len(set(ids)) != len(ids):
            self.problems.append(f"creates: {len(ids)} ok, {len(set(ids))} unique of {self.racers}")
        self.created.extend(ids)

    def verify(self) -> None:
        for wallet in self.created:
            ids = {"enKashCardId": wallet, "cardAccountId": PARTNER["cardAccountId"],
                   "companyId": PARTNER["companyId"]}
            if self._post(self.clients[0], "/wallet-details", ids)["response_code"] != 0:
                self.problems.append(f"wallet {wallet} lost")

    def close(self) -> None:
        self.pool.shutdown()
        for client in self.clients:
            client.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--racers", type=int, default=32)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="enkash-soak-") as tmp, \
            serve_mock(f"sqlite:{tmp}/state.db", "--workers", str(args.workers)) as server:
        wait_ready(server, "/__admin/health")
        soak, started, rounds = Soak(server.url, args.racers), time.monotonic(), 0
        while rounds < args.rounds and time.monotonic() - started < args.seconds:
            soak.round()
            rounds += 1
        soak.verify()
        soak.close()
    print(f"soak: {rounds} rounds, {len(soak.created)} wallets, {time.monotonic() - started:.1f}s, "
          f"{len(soak.problems)} problems")
    for problem in soak.problems[:20]:
        print("  " + problem)
    return 1 if soak.problems else 0


if __name__ == "__main__":
    sys.exit(main())
