"""JUnit XML of a run: one testsuite per suite, one testcase per record; skips carry their reason.

Text from a target (a response excerpt, a fuzzed header) may hold characters XML 1.0 cannot carry at
all, escaped or not; `xml_safe` strips them, as schemathesis's own JUnit writer does, so CI can parse
the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from .suites.results import RunResult, TestRecord, redact

__all__ = ["junit_xml", "write_junit", "xml_safe"]

# Everything outside XML 1.0's Char production: C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def junit_xml(result: RunResult) -> str:
    root = ET.Element("testsuites", name=f"enkash-contracts {result.target}", time=f"{result.seconds:.3f}")
    for suite in sorted({record.suite for record in result.records}):
        records = [record for record in result.records if record.suite == suite]
        element = ET.SubElement(root, "testsuite", name=f"{suite}[{result.target}]", tests=str(len(records)),
                                failures=str(sum(r.status == "failed" for r in records)),
                                errors=str(sum(r.status == "error" for r in records)),
                                skipped=str(sum(r.status == "skipped" for r in records)),
                                time=f"{sum(r.seconds for r in records):.3f}")
        properties = ET.SubElement(element, "properties")
        for name, value in (("target", result.target), ("profile", result.profile), ("seed", str(result.seed))):
            ET.SubElement(properties, "property", name=name, value=value)
        for record in records:
            _testcase(element, record)
    ET.indent(root)
    return ET.tostring(xml_safe(root), encoding="unicode", xml_declaration=True)


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


def _testcase(parent: ET.Element, record: TestRecord) -> None:
    case = ET.SubElement(parent, "testcase", classname=f"{record.suite}.{record.operation}", name=record.name,
                         time=f"{record.seconds:.3f}")
    if record.status == "skipped":
        ET.SubElement(case, "skipped", message=record.reason)
    elif record.status == "error":
        ET.SubElement(case, "error", message=redact(record.reason)[:500])
    for finding in record.findings:
        failure = ET.SubElement(case, "failure", type=finding.check,
                                message=f"{finding.check} [{finding.evidence}]: {finding.title.splitlines()[0]}")
        failure.text = redact(f"expected: {finding.expected}\nactual: {finding.actual}\n"
                              f"evidence: {finding.evidence} ({finding.subject})\n\n{finding.reproduce}")
    ET.SubElement(case, "system-out").text = f"{record.cases} cases"


def write_junit(result: RunResult, path: str | Path) -> None:
    Path(path).write_text(junit_xml(result), encoding="utf-8")
