"""Every reason code of the service reads as a finished Vietnamese sentence, its values filled in."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QTranslator

from app.domain.errors import TRANSLATION_CONTEXT
from app.domain.rejections import REJECTION_REASONS, UNKNOWN_REASON, placeholders
from tests.unit.test_rejection_reasons import service_codes
from tests.unit.test_translations import TS_FILE
from ui.translation import rejection_text


def finished_translations() -> dict[str, str]:
    """The .ts file's finished translations of the domain's strings (the empty context)."""
    found = {}
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        if (context.findtext("name") or "") != TRANSLATION_CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and (translation.text or "").strip():
                found[message.findtext("source") or ""] = translation.text or ""
    return found


CODES = sorted(service_codes())


@pytest.mark.parametrize("code", CODES)
def test_every_reason_code_reads_in_vietnamese(code: str, vietnamese: QTranslator) -> None:
    template = REJECTION_REASONS[code]
    assert template in finished_translations(), f"no finished Vietnamese for {code}: {template}"
    params = {name: f"«{name}-1»" for name in placeholders(template)}
    text = rejection_text(code, template, params)
    assert "{" not in text and "}" not in text, text
    assert text != template, "shown in English"
    assert all(value in text for value in params.values()), text  # its values filled in
    assert text != rejection_text(None, None, None), "the generic sentence instead of the code's own"


@pytest.mark.parametrize("code", [code for code, messages in service_codes().items() if messages])
def test_the_messages_the_service_sends_are_translated(code: str) -> None:
    """The message a refusal carries, as the rule wrote it, has its Vietnamese (else the registry's
    sentence would stand in: right, but less precise)."""
    finished = finished_translations()
    for message in service_codes()[code]:
        assert message in finished, f"{code}: {message}"


def test_a_workflow_refusal_names_the_action_and_state_in_vietnamese(vietnamese: QTranslator) -> None:
    text = rejection_text(
        "workflow.illegal_action",
        "“{action}” is not possible while the item is “{state}”.",
        {"action": "Return the result", "state": "Result returned"},
    )
    assert "Trả kết quả" in text and "Đã trả kết quả" in text and "is not possible" not in text


def test_an_old_refusal_and_an_unknown_code_read_plainly(vietnamese: QTranslator) -> None:
    old = rejection_text("workflow.illegal_action", "“{action}” is not possible while the item is “{state}”.", None)
    assert old == "Máy chủ không chấp nhận thao tác này."
    assert rejection_text("future.code", "A {new} reason.", {"new": "x"}) == old
    assert UNKNOWN_REASON in finished_translations()
