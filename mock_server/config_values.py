"""Strict reading of mock settings: every value is checked against its `MockConfig` field's type.

Types come from the dataclass annotations, so a new field needs no change here; the few settings with
a narrower meaning than their type (six-digit OTP, HH:MM times, ISO dates) add a check in `_CHECKS`.
Strings (from YAML, the environment or a flag) are parsed; anything else must already have the type.
A refusal names the setting, the value, where it came from and what was expected.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

__all__ = ["ConfigError", "check_names", "parse_settings", "read_yaml"]

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}
_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")  # no exponents, inf or nan: nobody means those here


class ConfigError(ValueError):
    """A setting the mock cannot start with; the message is meant for the person who wrote it."""


class _PlainLoader(yaml.SafeLoader):
    """YAML without the implicit int, float and timestamp resolvers of YAML 1.1.

    So `fixed_otp: 012345` stays "012345", `vkyc_opens: 10:00` stays "10:00" (not the sexagesimal 600)
    and a holiday `2026-12-25` stays a string; the field's type decides what a plain scalar means.
    """


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag.rsplit(":", 1)[-1] in ("bool", "null")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        try:
            data = yaml.load(handle, Loader=_PlainLoader)  # a SafeLoader subclass: no arbitrary objects
        except yaml.YAMLError as error:
            raise ConfigError(f"config file {path}: not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path}: expected a mapping of setting: value, got {type(data).__name__}")
    return data


def check_names(config_class: type, names: Iterable[str], source: str = "") -> None:
    valid = [f.name for f in dataclasses.fields(config_class)]
    unknown = sorted(set(names) - set(valid))
    if not unknown:
        return
    hints = []
    for name in unknown:
        close = difflib.get_close_matches(name, valid, n=1)
        hints.append(f"{name} (did you mean {close[0]}?)" if close else name)
    raise ConfigError(f"{_where(source)}unknown mock setting(s): {', '.join(hints)}; "
                      f"valid settings: {', '.join(valid)}")


def parse_settings(config_class: type, values: Mapping[str, Any], source: str = "") -> dict[str, Any]:
    """Each value turned into its field's type, or a ConfigError naming the first that cannot be.

    `source` says where the values came from (a file, a variable); "" for a caller's own arguments.
    """
    check_names(config_class, values, source)
    hints = _type_hints(config_class)
    out = {}
    for name, value in values.items():
        try:
            parsed = _parse(value, hints[name])
            check = _CHECKS.get(name)
            if check is not None and parsed is not None:
                check(parsed)
        except _Expected as expected:
            raise ConfigError(f"{_where(source)}{name}: {value!r} is not valid: expected {expected}") from None
        out[name] = parsed
    return out


@functools.cache
def _type_hints(config_class: type) -> dict[str, Any]:
    """The fields' types, evaluated once per class: the pytest plugin parses a test's settings per test."""
    return typing.get_type_hints(config_class)


def _where(source: str) -> str:
    return f"{source}: " if source else ""


class _Expected(Exception):  # carries what was expected; caught in parse_settings
    pass


def _parse(value: Any, kind: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        if value is None and len(options) < len(typing.get_args(kind)):
            return None
        return _parse(value, options[0])
    if origin is tuple:
        items = [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise _Expected(f"a list ({_describe(kind)})")
        return tuple(_parse(item, typing.get_args(kind)[0]) for item in items)
    if origin is dict or kind is dict:
        if isinstance(value, str):  # an environment variable holds the mapping as JSON or YAML text
            value = yaml.load(value, Loader=_PlainLoader) if value.strip() else {}
        if not isinstance(value, Mapping):
            raise _Expected("a mapping")
        key_kind, value_kind = typing.get_args(kind) or (Any, Any)
        return {_parse(key, key_kind): _parse(item, value_kind) for key, item in value.items()}
    parser = _SCALARS.get(kind)
    return parser(value) if parser else value


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise _Expected("true or false")


def _integer(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    raise _Expected("an integer")


def _number(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        return float(value)
    raise _Expected("a number, e.g. 10 or 2.5")


def _string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, os.PathLike):  # spec_path=Path(...) from Python code
        return os.fspath(value)
    raise _Expected("a string (quote it in YAML)")


_SCALARS: dict[Any, Callable[[Any], Any]] = {bool: _boolean, int: _integer, float: _number, str: _string}


def _describe(kind: Any) -> str:
    item = typing.get_args(kind)[0]
    return {int: "of integers", str: "of strings"}.get(item, "")


def _six_digits(value: str) -> None:
    if not re.fullmatch(r"\d{6}", value):
        raise _Expected("six digits, e.g. '123456' (Enkash OTPs are six digits)")


def _clock_time(value: str) -> None:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise _Expected("a time of day as HH:MM, e.g. '10:00'")


def _iso_dates(values: tuple[str, ...]) -> None:
    for value in values:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            date.fromisoformat(value)
        except ValueError:
            raise _Expected(f"ISO dates as YYYY-MM-DD, e.g. '2026-12-25' ({value!r} is not one)") from None


def _weekdays(values: tuple[int, ...]) -> None:
    if any(not 0 <= day <= 6 for day in values):
        raise _Expected("weekday numbers 0 (Monday) to 6 (Sunday)")


def _time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _Expected("an IANA time zone, e.g. 'Asia/Kolkata'") from None


# Settings whose meaning is narrower than their type; keyed by MockConfig field name.
_CHECKS: dict[str, Callable[[Any], None]] = {
    "fixed_otp": _six_digits,
    "vkyc_opens": _clock_time,
    "vkyc_closes": _clock_time,
    "vkyc_holidays": _iso_dates,
    "vkyc_working_days": _weekdays,
    "vkyc_timezone": _time_zone,
}
