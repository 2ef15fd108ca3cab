"""A small, fixed IFSC directory: enough real-looking branches to add beneficiaries and look codes up.

The shape is that of Enkash's public IFSC API (`/api/v0/bankIfsc/public/{IFSC}`: ifsc, bank, branch,
address, city, state, micr, phone), seen in public client code; the rows themselves are made up in the
format of real ones (4-letter bank code, 0, 6-character branch code).
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["BRANCHES", "find_branch"]


def _branch(ifsc: str, bank: str, branch: str, address: str, city: str, state: str, micr: str | None,
            phone: str | None) -> dict:
    return {"ifsc": ifsc, "bank": bank, "branch": branch, "address": address, "city": city, "state": state,
            "micr": micr, "phone": phone}


BRANCHES = MappingProxyType({row["ifsc"]: row for row in (
    _branch("SBIN0000300", "State Bank of India", "Mumbai Main Branch", "Horniman Circle, Fort", "Mumbai",
            "Maharashtra", "400002002", "02222661234"),
    _branch("HDFC0000240", "HDFC Bank", "Kota Gumanpura", "Plot 12, Gumanpura Main Road", "Kota", "Rajasthan",
            "324240002", "07442390100"),
    _branch("ICIC0000103", "ICICI Bank", "Jaipur MI Road", "Ganpati Plaza, MI Road", "Jaipur", "Rajasthan",
            "302229002", "01414034000"),
    _branch("UTIB0000009", "Axis Bank", "Pune Camp", "Ashoka Mall, Bund Garden Road", "Pune", "Maharashtra",
            "411211002", None),
    _branch("PUNB0112000", "Punjab National Bank", "Connaught Place", "Regal Building, Connaught Place",
            "New Delhi", "Delhi", "110024005", "01123363456"),
    _branch("KKBK0000958", "Kotak Mahindra Bank", "Kolkata Park Street", "21 Park Street", "Kolkata",
            "West Bengal", "700485011", None),
    _branch("BARB0KOTAXX", "Bank of Baroda", "Kota Chawni", "Chawni Circle, Jhalawar Road", "Kota", "Rajasthan",
            "324012003", "07442501234"),
)})


def find_branch(ifsc: str) -> dict | None:
    """IFSC codes are case-insensitive on the wire (the documented pattern allows lower case)."""
    found = BRANCHES.get(ifsc.upper())
    return dict(found) if found else None
