"""The one JUnit XML writer: the contract suites and the scenario replays both describe their results as
`JunitSuite`s of `JunitCase`s and call `write_junit(path, title, suites)`.

Text from a target (a response excerpt, a fuzzed header) may hold characters XML 1.0 cannot carry at
all, escaped or not; `xml_safe` strips them, as schemathesis's own JUnit writer does, so CI can parse
the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["JunitCase", "JunitFailure", "JunitSuite", "junit_xml", "write_junit", "xml_safe"]

# Everything outside XML 1.0's Char production: C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class JunitFailure:
    message: str
    text: str = ""
    type: str | None = None


@dataclass
class JunitCase:
    classname: str
    name: str
    seconds: float | None = None
    failures: list[JunitFailure] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None
    system_out: str | None = None


@dataclass
class JunitSuite:
    name: str
    cases: list[JunitCase]
    tests: int | None = None  # defaults to the number of cases
    properties: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)  # e.g. file=


def junit_xml(title: str, suites: list[JunitSuite], seconds: float | None = None) -> str:
    attributes = {"name": title}
    if seconds is not None:
        attributes["time"] = f"{seconds:.3f}"
    root = ET.Element("testsuites", attributes)
    for suite in suites:
        _suite(root, suite)
    ET.indent(root)
    return ET.tostring(xml_safe(root), encoding="unicode", xml_declaration=True)


def write_junit(path: str | Path, title: str, suites: list[JunitSuite], seconds: float | None = None) -> None:
    Path(path).write_text(junit_xml(title, suites, seconds), encoding="utf-8")


def xml_safe(root: ET.Element) -> ET.Element:
    """The tree with every character XML cannot represent removed from texts and attribute values."""
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("", element.text)
        if element.tail:
            element.tail = _NOT_XML.sub("", element.tail)
        for name, value in element.attrib.items():
            element.attrib[name] = _NOT_XML.sub("", value)
    return root


def _suite(root: ET.Element, suite: JunitSuite) -> None:
    cases = suite.cases
    timed = [case.seconds for case in cases if case.seconds is not None]
    attributes = {"name": suite.name, "tests": str(suite.tests or len(cases)),
                  "failures": str(sum(bool(case.failures) for case in cases)),
                  "errors": str(sum(case.error is not None for case in cases)),
                  "skipped": str(sum(case.skipped is not None for case in cases))}
    if timed:
        attributes["time"] = f"{sum(timed):.3f}"
    element = ET.SubElement(root, "testsuite", {**attributes, **suite.attributes})
    if suite.properties:
        properties = ET.SubElement(element, "properties")
        for name, value in suite.properties.items():
            ET.SubElement(properties, "property", name=name, value=value)
    for case in cases:
        _case(element, case)


def _case(parent: ET.Element, case: JunitCase) -> None:
    attributes = {"classname": case.classname, "name": case.name}
    if case.seconds is not None:
        attributes["time"] = f"{case.seconds:.3f}"
    element = ET.SubElement(parent, "testcase", attributes)
    if case.skipped is not None:
        ET.SubElement(element, "skipped", message=case.skipped)
    if case.error is not None:
        ET.SubElement(element, "error", message=case.error)
    for failure in case.failures:
        failed = {"message": failure.message}
        if failure.type:
            failed["type"] = failure.type
        node = ET.SubElement(element, "failure", failed)
        node.text = failure.text or None
    if case.system_out is not None:
        ET.SubElement(element, "system-out").text = case.system_out
