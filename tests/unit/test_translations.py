"""The Vietnamese translations are complete and keep every placeholder of their English source: the
app's (ward_desk_vi.ts, Python ``{name}`` placeholders) and ours of Qt's own strings (qtbase_vi.ts,
Qt's ``%1``), which ui_vi.ts brings together into the one catalogue the UI loads."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

I18N = Path(__file__).parents[2] / "resources" / "i18n"
TS_FILE = I18N / "ward_desk_vi.ts"
QT_TS_FILE = I18N / "qtbase_vi.ts"
UI_TS_FILE = I18N / "ui_vi.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
QT_PLACEHOLDER = re.compile(r"%\d+|%n")
# One accelerator at most; "&&" is a literal ampersand.
ACCELERATOR = re.compile(r"&(?!&)")


def messages(ts_file: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts_file).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def finished_text(source: str, translation: ET.Element | None) -> str:
    assert translation is not None
    assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
    forms = [form.text or "" for form in translation.iter("numerusform")]  # plurals: Vietnamese has one form
    text = "".join(forms) if forms else translation.text or ""
    assert text.strip() and all(form.strip() for form in forms), source
    return text


def test_there_is_something_to_translate() -> None:
    assert len(messages(TS_FILE)) > 100
    assert len(messages(QT_TS_FILE)) > 300


@pytest.mark.parametrize(("context", "source", "translation"), messages(TS_FILE))
def test_every_message_is_translated_with_its_placeholders(context: str, source: str, translation: ET.Element) -> None:
    text = finished_text(source, translation)
    assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source


@pytest.mark.parametrize(("context", "source", "translation"), messages(QT_TS_FILE))
def test_every_qt_message_is_translated_with_its_placeholders_and_accelerator(
    context: str, source: str, translation: ET.Element
) -> None:
    text = finished_text(source, translation)
    assert sorted(QT_PLACEHOLDER.findall(text)) == sorted(QT_PLACEHOLDER.findall(source)), source
    # An accelerator where Qt has one (Alt+letter still works), none where Qt has none (a tooltip, a title).
    assert len(ACCELERATOR.findall(text)) == len(ACCELERATOR.findall(source)), source


def test_the_ui_catalogue_brings_the_apps_and_qts() -> None:
    root = ET.parse(UI_TS_FILE).getroot()
    catalogues = [dependency.get("catalog") for dependency in root.iter("dependency")]
    assert catalogues == ["ward_desk_vi", "qtbase_vi"]
    assert all((I18N / f"{name}.ts").is_file() for name in catalogues)
    assert not list(root.iter("message"))
