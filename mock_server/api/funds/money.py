"""Rupee amounts as integer paise: parsed exactly from a JSON number or a numeric string, never a float sum.

A JSON number arrives as a Python float; its shortest repr ("12.34") is the text the client wrote, so
Decimal(repr(value)) recovers the decimal exactly and the two-decimal rule is judged on that text,
as the spec's `multipleOf: 0.01` is.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = ["MAX_AMOUNT_PAISE", "MoneyError", "parse_amount", "parse_limit", "rupees"]

MAX_AMOUNT_PAISE = 999_999_999  # ₹99,99,999.99 per operation: the spec's maximum
_NUMERIC_TEXT = re.compile(r"^[0-9]+(\.[0-9]+)?$")  # no sign, exponent, spaces, NaN or Infinity


class MoneyError(ValueError):
    """Not an amount the API accepts; the message says why (never echoing the value)."""


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise MoneyError("must be a number or a numeric string")
    if isinstance(value, str):
        if not _NUMERIC_TEXT.match(value):
            raise MoneyError("must be a positive decimal number")
        return Decimal(value)
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as error:
        raise MoneyError("must be a finite number") from error
    if not number.is_finite():
        raise MoneyError("must be a finite number")
    return number


def _paise(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -2:  # "1.000" too; NaN and Infinity are refused before
        raise MoneyError("must have at most two decimals")
    return int(number * 100)


def parse_amount(value: object) -> int:
    """Paise of a positive amount (0.01 to 99,99,999.99) with at most two decimals."""
    number = _decimal(value)
    if number <= 0:
        raise MoneyError("must be greater than zero")
    paise = _paise(number)
    if paise > MAX_AMOUNT_PAISE:
        raise MoneyError("is above the maximum")
    return paise


def parse_limit(value: object) -> int | None:
    """Paise of a card-control limit: zero allowed (it blocks), None clears the limit."""
    if value is None:
        return None
    number = _decimal(value)
    if number < 0:
        raise MoneyError("must not be negative")
    return _paise(number)


def rupees(paise: int) -> float:
    """The wire form: a JSON number. paise/100 is the double nearest the exact value, whose repr is that
    value's decimal text, so 1234 paise is written 12.34."""
    return paise / 100
