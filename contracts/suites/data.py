"""Test data for the stateful suite: valid holders and run-unique mobiles.

Mobiles come from the OS's randomness, not from hypothesis: a fixed `--seed` must still give
every run new mobiles, or runs against a persistent target (UAT) would collide.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

__all__ = ["HOLDER_CHANGES", "INVALID_CREATIONS", "MobileSource", "business_hours_instant", "holders"]

_FIRST = ["Kris", "Asha", "Ravi", "Meera", "Arjun", "Neha", "Vikram", "Pooja"]
_LAST = ["Singh", "Verma", "Kumar", "Iyer", "Sharma", "Das"]
_CITIES = [("Kota", "Rajasthan", "323307"), ("Pune", "Maharashtra", "411001"), ("Chennai", "Tamil Nadu", "600001")]


class MobileSource:
    """Ten digits starting 6-9, never repeated within the run."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def fresh(self) -> str:
        while True:
            mobile = str(secrets.choice("6789")) + f"{secrets.randbelow(10**9):09d}"
            if mobile not in self._used:
                self._used.add(mobile)
                return mobile


@st.composite
def holders(draw) -> dict:
    """A complete, valid holder for createWallet (mobile filled in by the caller)."""
    first, last = draw(st.sampled_from(_FIRST)), draw(st.sampled_from(_LAST))
    city, state, pincode = draw(st.sampled_from(_CITIES))
    return {
        "email": f"{first}.{last}@example.com".lower(), "title": draw(st.sampled_from(["Mr", "Ms", "Dr"])),
        "firstName": first, "lastName": last, "gender": draw(st.sampled_from(["M", "F"])),
        "specialDate": "02-09-2001", "address": "Flat 109, near Dmart", "city": city, "state": state,
        "country": "India", "pincode": pincode, "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}],
    }


# field -> a valid new value (update before verification succeeds, after it is refused)
HOLDER_CHANGES = {"city": "Jaipur", "firstName": "Anand", "address2": "Radha Chowk", "pincode": "302001"}

# how a create request is broken -> (change to a valid holder, expected HTTP status)
INVALID_CREATIONS: dict[str, tuple[dict[str, Any], int]] = {
    "short_mobile": ({"mobile": "98765"}, 422),
    "bad_title": ({"title": "Sir"}, 422),
    "bad_pincode": ({"pincode": "012345"}, 422),
    "missing_email": ({"email": None}, 400),
    "missing_documents": ({"documents": None}, 400),
}


def business_hours_instant(now: float, zone: str = "Asia/Kolkata") -> float:
    """The next Wednesday 11:00 local time: inside VKYC hours, far from any edge."""
    local = datetime.fromtimestamp(now, ZoneInfo(zone))
    days = (2 - local.weekday()) % 7 or 7
    wednesday = (local + timedelta(days=days)).replace(hour=11, minute=0, second=0, microsecond=0)
    return wednesday.timestamp()
