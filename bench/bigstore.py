"""Build a SQLite store holding N extra wallets of the demo partner, for the scaling benchmark.

The mock seeds the file first (so meta, partners and users are exactly what `serve` would write),
then wallets and their mobile-index documents go in by batched inserts in the stored shape that
`new_wallet_record` defines. Ids are EKCZ + 6 base-36 digits: they cannot collide with the seed.
"""

from __future__ import annotations

import json
import sqlite3
import string

from mock_server import create_app
from mock_server.api.wallets.rules import new_wallet_record
from mock_server.config import load_config

__all__ = ["build_store", "wallet_id"]

_DIGITS = string.digits + string.ascii_uppercase
_BATCH = 20_000
PARTNER, COMPANY, ACCOUNT = "CRM338L2H", "CEKQ08TRRG", "CAC7975"


def wallet_id(index: int) -> str:
    digits = []
    for _ in range(6):
        index, rest = divmod(index, 36)
        digits.append(_DIGITS[rest])
    return "EKCZ" + "".join(reversed(digits))


def _template() -> str:
    holder = {"title": "Mr", "firstName": "Load", "lastName": "Test", "gender": "M", "email": "load@example.com",
              "mobile": "@MOBILE@", "specialDate": "02-09-2001", "address": "Flat 1", "address2": None,
              "city": "Kota", "state": "Rajasthan", "country": "India", "pincode": "323307",
              "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}]}
    record = new_wallet_record(wallet_id="@ID@", partner_id=PARTNER, company_id=COMPANY, card_account_id=ACCOUNT,
                               holder=holder, created_at=1_700_000_000.0, user_id="EKLOAD00", last4="0000")
    return json.dumps(record)


def _rows(count: int, session: str):
    template = _template()
    for index in range(count):
        wid, mobile = wallet_id(index), f"9{index:09d}"
        yield (session, "wallet", wid, template.replace("@ID@", wid).replace("@MOBILE@", mobile))
        yield (session, "mobile", f"{ACCOUNT}:{mobile}", json.dumps({"enKashCardId": wid}))


def build_store(path: str, count: int, session: str = "default") -> None:
    """Seed `path` as `enkash-mock serve` would, then add `count` wallets in batches."""
    app = create_app(load_config(store=f"sqlite:{path}"))
    app.extensions["enkash"].store.close()
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        batch: list[tuple] = []
        for row in _rows(count, session):
            batch.append(row)
            if len(batch) >= _BATCH:
                _insert(db, batch)
        _insert(db, batch)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def _insert(db: sqlite3.Connection, batch: list[tuple]) -> None:
    db.execute("BEGIN")
    db.executemany("INSERT OR REPLACE INTO documents (session, kind, key, value) VALUES (?, ?, ?, ?)", batch)
    db.execute("COMMIT")
    batch.clear()
