"""Read scenario files (YAML, or HAR converted in memory) and report problems by file and line.

JSON Schema errors carry a path into the document; `yaml.compose` keeps each node's position, so
walking the composed tree along that path gives the line a QA engineer has to fix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonpath
import jsonschema_rs
import yaml

from ..errors import ToolError
from .operations import operations
from .templating import variable_references

__all__ = ["Scenario", "ScenarioError", "line_of", "load_file", "load_text", "schema"]

SCHEMA_PATH = Path(__file__).with_name("scenario.schema.json")


class ScenarioError(ToolError):
    """A scenario file cannot be used (a usage error: exit code 2). `problems` are 'FILE:LINE: what'."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Scenario:
    name: str
    data: dict[str, Any]
    source: str = "<memory>"
    steps: list[dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.steps = self.data["steps"]


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps: `2026-11-25` stays the string an API body needs, not a date."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator():
    return jsonschema_rs.validator_for(schema())


def line_of(node: yaml.Node | None, path: list[str | int]) -> int:
    """1-based line of the deepest node the path reaches (the parent when the key itself is missing)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for segment in path:
        child = _child(node, segment)
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def _child(node: yaml.Node | None, segment: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key, value in node.value if key.value == str(segment)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(segment, int) and segment < len(node.value):
        return node.value[segment]
    return None


def _key_line(node: yaml.Node | None, path: list, key: str) -> int:
    """The line of KEY inside the mapping at PATH (for 'unexpected property' errors)."""
    for segment in path:
        node = _child(node, segment)
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return key_node.start_mark.line + 1
    return line_of(node, [])


def _where(path: list) -> str:
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return text or "(top level)"


def load_text(text: str, source: str = "<memory>") -> Scenario:
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ScenarioError([f"{source}:{line}: not valid YAML: {getattr(error, 'problem', error)}"]) from None
    problems = [f"{source}:{line}: {where}: {message}" for line, where, message in _schema_problems(data, node)]
    if not problems:
        problems = [f"{source}:{line}: {where}: {message}" for line, where, message in _semantic_problems(data, node)]
    if problems:
        raise ScenarioError(problems)
    return Scenario(data["name"], data, source)


def _schema_problems(data: Any, node: yaml.Node | None) -> list[tuple[int, str, str]]:
    found = []
    for error in _validator().iter_errors(data):
        path = list(error.instance_path)
        unexpected = getattr(error.kind, "unexpected", None)
        if unexpected:
            found.append((_key_line(node, path, str(unexpected[0])), _where([*path, unexpected[0]]),
                          f"unknown field {unexpected[0]!r}"))
        else:
            found.append((line_of(node, path), _where(path), error.message))
    return sorted(found)


def _semantic_problems(data: dict, node: yaml.Node | None) -> list[tuple[int, str, str]]:
    found = []
    for index, step in enumerate(data["steps"]):
        base: list[str | int] = ["steps", index]
        for path, message in _step_problems(step):
            found.append((line_of(node, [*base, *path]), _where([*base, *path]), message))
    found += [(line_of(node, path), _where(path), message) for path, message in _unset_variables(data)]
    return sorted(found)


def _unset_variables(data: dict) -> list[tuple[list, str]]:
    """Every `${name}` must be set before it is used: by an earlier `vars` entry or an earlier step's capture
    (or an admin step's alternative). Caught here, not half-way through a run against a shared sandbox."""
    known: set[str] = set()
    problems = []

    def check(value: Any, base: list) -> None:
        for path, name in variable_references(value):
            if name not in known:
                problems.append(([*base, *path], f"variable {name!r} is not set by vars or an earlier step's capture"))

    for name, value in (data.get("vars") or {}).items():
        check(value, ["vars", name])
        known.add(name)
    every_name = known | {name for step in data["steps"] for name in _names_set_by(step)}
    for path, name in variable_references(data.get("defaults") or {}):  # used by many steps: set anywhere
        if name not in every_name:
            problems.append((["defaults", *path], f"variable {name!r} is not set by vars or any step's capture"))
    for index, step in enumerate(data["steps"]):
        for part in ("request", "expect"):
            check(step.get(part), ["steps", index, part])
        check((step.get("alternative") or {}).get("vars"), ["steps", index, "alternative", "vars"])
        known |= _names_set_by(step)
    return problems


def _names_set_by(step: dict) -> set[str]:
    receiver = {step["receiver"]["as"]} if "receiver" in step else set()
    return set(step.get("capture") or {}) | set((step.get("alternative") or {}).get("vars") or {}) | receiver


def _step_problems(step: dict) -> list[tuple[list, str]]:
    if "receiver" in step:  # a receiver step sends nothing: its schema says all there is
        return []
    request, problems = step["request"], []
    kinds = [k for k in ("operation", "path", "url") if k in request]
    if len(kinds) != 1:
        problems.append((["request"], "give exactly one of operation, path (with method) or url (with method)"))
    elif kinds[0] != "operation" and "method" not in request:
        problems.append((["request"], f"a request by {kinds[0]} needs a method"))
    elif kinds[0] == "operation" and request["operation"] not in operations():
        problems.append((["request", "operation"], f"unknown operation {request['operation']!r}; known: "
                         + ", ".join(sorted(operations()))))
    if "body" in request and "form" in request:
        problems.append((["request"], "give body or form, not both"))
    paths = [(["expect", "json", p], p) for p in (step.get("expect") or {}).get("json", {})]
    paths += [(["capture", name], p) for name, p in (step.get("capture") or {}).items()]
    problems += [(where, f"bad JSONPath {p!r}: {_first_line(e)}") for where, p in paths if (e := _path_error(p))]
    for path, matcher in (step.get("expect") or {}).get("json", {}).items():
        if isinstance(matcher, dict) and "regex" in matcher and (bad := _regex_error(matcher["regex"])):
            problems.append((["expect", "json", path], f"bad regex: {bad}"))
    return problems


def _path_error(path: str) -> Exception | None:
    try:
        jsonpath.compile(path)
    except jsonpath.JSONPathError as error:
        return error
    return None


def _regex_error(pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except re.error as error:
        return str(error)
    return None


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0]


def _looks_like_har(text: str) -> bool:
    if not text.lstrip().startswith("{"):
        return False
    try:
        return "log" in json.loads(text)
    except ValueError:
        return False


def load_file(path: str | Path) -> Scenario:
    """A scenario from YAML, or from a HAR export (converted in memory exactly as `import-har` does)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError([f"{path}: cannot read: {error}"]) from None
    if path.suffix.lower() == ".har" or _looks_like_har(text):
        from .importer import scenario_from_har_text  # the importer needs the loader, not the reverse

        return load_text(yaml.safe_dump(scenario_from_har_text(text, str(path)), sort_keys=False), str(path))
    return load_text(text, str(path))
