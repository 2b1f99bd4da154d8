"""The Vietnamese translation is complete and keeps every placeholder of its English source."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

TS_FILE = Path(__file__).parents[2] / "resources" / "i18n" / "ward_desk_vi.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS_FILE).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_there_is_something_to_translate() -> None:
    assert len(messages()) > 100


@pytest.mark.parametrize(("context", "source", "translation"), messages())
def test_every_message_is_translated_with_its_placeholders(context: str, source: str, translation: ET.Element) -> None:
    assert translation is not None
    assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
    forms = [form.text or "" for form in translation.iter("numerusform")]  # plurals: Vietnamese has one form
    text = "".join(forms) if forms else translation.text or ""
    assert text.strip() and all(form.strip() for form in forms), source
    assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source
