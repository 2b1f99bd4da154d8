"""Turning edXML bytes into elements safely, and reading those elements defensively.

Apart from the packet reader because the reader (edxml) and the attachment reader
(edxml_attachments) both walk elements through these helpers: a hostile file is refused here
before anything walks it, elements are matched on their local name, the first of duplicates wins,
and whatever is odd (a duplicate, a bad date or number) is recorded as a :class:`Problem`.
Pure domain code.

Dates are ``YYYY/MM/DD`` and timestamps ``YYYY/MM/DD HH:mm:ss`` in Vietnam local time (UTC+7);
timestamps are returned as naive datetimes meaning Vietnam local time.
"""

from __future__ import annotations

import codecs
import re
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import DefusedXMLParser

from app.domain.edxml_packets import EDXML_NS, MAX_DEPTH, MAX_ELEMENTS, Problem
from app.domain.errors import DomainError, tr_noop

_DATE_RE = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})")
_TIMESTAMP_RE = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2})")
# Only the start of the file can hold the XML declaration; a BOM may precede it.
_ENCODING_RE = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml\s[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_CHUNK = 1024 * 1024  # the UTF-8 check decodes this much at a time: never a text copy of the whole file


# ---------------------------------------------------------------- safe parsing


def parse_xml(data: bytes, max_bytes: int) -> Element:
    """The root element of ``data``; DomainError when it is too large, empty, not UTF-8, not XML,
    declares a DTD or entities, has more than MAX_ELEMENTS elements or nests deeper than MAX_DEPTH.
    The counts are kept while parsing, so a flood of elements is refused before it fills memory."""
    # Size first: nothing else may touch an oversized input.
    if len(data) > max_bytes:
        raise DomainError("edxml.too_large", tr_noop("The edXML file is larger than {limit} bytes."), limit=max_bytes)
    if not data or data.isspace():
        raise DomainError("edxml.empty", tr_noop("The edXML file is empty."))
    _check_encoding(data)
    # forbid_dtd also stops billion laughs and external entities, which need a DTD.
    parser = DefusedXMLParser(target=_BoundedTree(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        return parser.close()
    except DTDForbidden as exc:
        raise DomainError(
            "edxml.dtd_forbidden", tr_noop("The edXML file declares a DTD, which is refused for safety.")
        ) from exc
    except DefusedXmlException as exc:
        raise DomainError("edxml.unsafe_xml", tr_noop("The edXML file uses unsafe XML features.")) from exc
    except ParseError as exc:
        raise DomainError("edxml.not_xml", tr_noop("The file is not valid XML ({detail})."), detail=str(exc)) from exc


class _BoundedTree(TreeBuilder):
    """Builds the tree as ElementTree does, refusing it as soon as it grows too many or too deep."""

    def __init__(self) -> None:
        super().__init__()
        self._elements = 0
        self._depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        self._elements += 1
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise DomainError(
                "edxml.too_deep", tr_noop("The edXML file nests elements deeper than {limit} levels."), limit=MAX_DEPTH
            )
        if self._elements > MAX_ELEMENTS:
            raise DomainError(
                "edxml.too_many_elements", tr_noop("The edXML file has more than {limit} elements."),
                limit=MAX_ELEMENTS,
            )  # fmt: skip
        return super().start(tag, attrs)

    def end(self, tag: str) -> Element:
        self._depth -= 1
        return super().end(tag)


def _check_encoding(data: bytes) -> None:
    """QCVN 102 mandates UTF-8; refuse other declarations and undecodable bytes up front."""
    declared = _ENCODING_RE.match(data)
    if declared and declared.group(1).decode("ascii", "replace").lower() not in ("utf-8", "utf8"):
        raise DomainError(
            "edxml.unsupported_encoding",
            tr_noop("The edXML file declares encoding {encoding}; only UTF-8 is accepted."),
            encoding=declared.group(1).decode("ascii", "replace"),
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(data), _CHUNK):
        pending = len(decoder.getstate()[0])  # bytes of a character cut by the previous chunk
        try:
            decoder.decode(data[start : start + _CHUNK], final=start + _CHUNK >= len(data))
        except UnicodeDecodeError as exc:
            raise DomainError(
                "edxml.invalid_encoding",
                tr_noop("The edXML file is not valid UTF-8 (byte {position})."),
                position=start - pending + exc.start,
            ) from exc


# ---------------------------------------------------------------- element helpers


class Problems:
    """Collects problems while a packet is read."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, code: str, message: str, /, **params: Any) -> None:
        self.items.append(Problem(code, message, params))

    def missing(self, field_name: str) -> None:
        self.add("edxml.missing_field", tr_noop("The packet has no {field}."), field=field_name)


def local_name(element: Element, *namespaces: str) -> str | None:
    """Local name when the element is in the QCVN namespace (or another given one) or none."""
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return None
    if not tag.startswith("{"):
        return tag
    namespace, _, name = tag[1:].partition("}")
    return name if namespace in (EDXML_NS, *namespaces) else None


def children_named(parent: Element | None, name: str) -> list[Element]:
    return [] if parent is None else [child for child in parent if local_name(child) == name]


def first_child(parent: Element | None, name: str, problems: Problems) -> Element | None:
    """The first child of that name; a duplicate is reported, since real senders repeat elements."""
    found = children_named(parent, name)
    if len(found) > 1:
        problems.add(
            "edxml.duplicate_element",
            tr_noop("The element {element} appears more than once; the first is used."),
            element=name,
        )
    return found[0] if found else None


def element_text(element: Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def child_text(parent: Element | None, name: str, problems: Problems) -> str:
    return element_text(first_child(parent, name, problems))


def parse_date(raw: str, field_name: str, problems: Problems) -> date | None:
    """A ``YYYY/MM/DD`` date; an impossible one (2019/02/30) is reported, not raised."""
    if not raw:
        return None
    match = _DATE_RE.fullmatch(raw)
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    problems.add("edxml.bad_date", tr_noop('{field} is not a valid date: "{value}".'), field=field_name, value=raw)
    return None


def parse_timestamp(raw: str, field_name: str, problems: Problems) -> datetime | None:
    """A ``YYYY/MM/DD HH:mm:ss`` timestamp as a naive datetime in Vietnam local time."""
    if not raw:
        return None
    match = _TIMESTAMP_RE.fullmatch(raw)
    if match:
        try:
            return datetime(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    problems.add(
        "edxml.bad_timestamp", tr_noop('{field} is not a valid timestamp: "{value}".'), field=field_name, value=raw
    )
    return None


def parse_small_int(raw: str, field_name: str, upper: int, problems: Problems) -> int | None:
    """An integer in 0..upper, or None (reported) when it is something else."""
    if not raw:
        return None
    if re.fullmatch(r"[0-9]+", raw) and int(raw) <= upper:
        return int(raw)
    problems.add(
        "edxml.bad_number",
        tr_noop('{field} should be a number from 0 to {upper}: "{value}".'),
        field=field_name,
        upper=upper,
        value=raw,
    )
    return None
