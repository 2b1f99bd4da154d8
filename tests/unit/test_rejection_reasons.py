"""Every reason the service can refuse an action with is known to the desk, and a refusal is always
shown as a sentence: the server's message when the desk can translate and fill it, else the
registry's sentence for its code, else a generic one; never a template with its braces."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.rejections import (
    REJECTION_REASONS,
    SERVICE_REASONS,
    UNKNOWN_REASON,
    placeholders,
    reason_text,
)
from app.domain.workflow import DOSSIER, INCOMING, DossierState, IncomingState

ROOT = Path(__file__).parents[2]
# Where refusals are made: the service, the rules it shares with the desk, and the desk's own refusals
# of actions a retired account left behind and of those a damaged cache file could not be trusted with.
SOURCES = [*sorted((ROOT / "central").rglob("*.py")), *sorted((ROOT / "app" / "domain").rglob("*.py")),
           ROOT / "app" / "transition.py", ROOT / "local_db" / "cache_rescue.py"]  # fmt: skip
MAKERS = {"DomainError": 0, "refusal": 0, "_rejected": 1}  # the call, and where its code is among its arguments


def _codes_in(tree: ast.AST) -> Iterator[tuple[str, str | None]]:
    """(code, literal message or None) of every refusal made in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            at = MAKERS.get(name)
            args = node.args[at:] if at is not None else []
            if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                yield args[0].value, _literal(args[1] if len(args) > 1 else None)
            for keyword in node.keywords:  # an outbox row refused here: .values(reject_code="…")
                if keyword.arg == "reject_code" and isinstance(keyword.value, ast.Constant):
                    yield str(keyword.value.value), None
        elif _names_a_service_reason(node):
            yield str(node.slice.value), None  # type: ignore[attr-defined]


def _names_a_service_reason(node: ast.AST) -> bool:
    """``SERVICE_REASONS["code"]``."""
    return (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.value, ast.Name)
        and node.value.id == "SERVICE_REASONS"
    )


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Call) and node.args:  # tr_noop("…")
        node = node.args[0]
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def service_codes() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        for code, message in _codes_in(ast.parse(path.read_text(encoding="utf-8"))):
            found.setdefault(code, set()).update({message} if message else set())
    return found


def test_the_walk_finds_the_codes_it_must() -> None:
    codes = service_codes()
    assert len(codes) > 80
    expected = {"not_found", "mutation_id_taken", "dossier_code.taken", "account_retired", "mutation.bad_date",
                "workflow.illegal_action", "apology.bad_appointment", "draft.type"}  # fmt: skip
    assert expected <= set(codes)


def test_every_code_of_the_service_is_in_the_registry() -> None:
    missing = sorted(set(service_codes()) - set(REJECTION_REASONS))
    assert not missing, f"add these to app/domain/rejections.py: {missing}"


def test_the_services_own_messages_come_from_the_registry() -> None:
    """A message written only in central/ would not be collected for translation."""
    for path in sorted((ROOT / "central").rglob("*.py")):
        for code, message in _codes_in(ast.parse(path.read_text(encoding="utf-8"))):
            assert message is None, f"{path.name}: {code} spells its message; use refusal() / SERVICE_REASONS"


def translator(table: dict[str, str]) -> object:
    return lambda text: table.get(text)


VI = {
    "“{action}” is not possible while the item is “{state}”.": "Không thể “{action}” khi mục đang “{state}”.",
    "Return the result": "Trả kết quả",
    "Result returned": "Đã trả kết quả",
    "Dossier code {dossier} is already used.": "Mã hồ sơ {dossier} đã được sử dụng.",
    UNKNOWN_REASON: "Máy chủ không chấp nhận thao tác này.",
}


def test_the_message_is_translated_and_its_labels_too() -> None:
    text = reason_text(
        "workflow.illegal_action",
        "“{action}” is not possible while the item is “{state}”.",
        {"action": "Return the result", "state": "Result returned"},
        translator(VI),
    )
    assert text == "Không thể “Trả kết quả” khi mục đang “Đã trả kết quả”."


def test_values_that_are_not_labels_are_shown_as_they_are() -> None:
    text = reason_text("dossier_code.taken", "Dossier code {dossier} is already used.",
                       {"dossier": "000.00.57.H29-261125-0001"}, translator(VI))  # fmt: skip
    assert text == "Mã hồ sơ 000.00.57.H29-261125-0001 đã được sử dụng."


def test_a_refusal_kept_without_its_params_says_something_plain() -> None:
    """Rows refused before 0015 kept only the English template."""
    message = "“{action}” is not possible while the item is “{state}”."
    assert reason_text("workflow.illegal_action", message, None, translator(VI)) == VI[UNKNOWN_REASON]
    assert reason_text("workflow.illegal_action", message, {}, lambda text: text) == UNKNOWN_REASON


def test_an_unknown_code_gets_the_generic_sentence_never_its_template() -> None:
    for language in (translator(VI), lambda text: text):
        text = reason_text("future.code", "Something {new} happened.", {"new": "x"}, language)  # type: ignore[arg-type]
        assert text in (UNKNOWN_REASON, VI[UNKNOWN_REASON])
    assert reason_text(None, None, None, translator(VI)) == VI[UNKNOWN_REASON]


def test_an_untranslated_message_falls_back_to_the_registrys_sentence() -> None:
    """A newer service's wording for a known code: the registry's sentence, translated, is shown."""
    text = reason_text("dossier_code.taken", "The code {dossier} was taken by another desk.",
                       {"dossier": "X-1"}, translator(VI))  # fmt: skip
    assert text == "Mã hồ sơ X-1 đã được sử dụng."


def test_a_translation_with_wrong_braces_is_not_shown() -> None:
    broken = {**VI, "Dossier code {dossier} is already used.": "Mã hồ sơ {ma} đã được sử dụng."}
    text = reason_text("dossier_code.taken", "Dossier code {dossier} is already used.", {"dossier": "X"},
                       translator(broken))  # fmt: skip
    assert text == VI[UNKNOWN_REASON]


def test_a_param_with_braces_in_it_is_only_text() -> None:
    text = reason_text("mutation.bad_date", SERVICE_REASONS["mutation.bad_date"], {"value": "{x}"}, lambda t: t)
    assert text == "“{x}” is not a date (YYYY-MM-DD)."


@pytest.mark.parametrize(("template", "names"), [
    ("“{value}” is not a date.", {"value"}), ("got {value!r}", {"value"}), ("plain", set()), ("bad {", {"{"}),
])  # fmt: skip
def test_placeholders(template: str, names: set[str]) -> None:
    assert placeholders(template) == names


def test_an_action_can_be_done_again_only_where_the_workflow_allows_it() -> None:
    assert DOSSIER.allows(DossierState.IN_PROGRESS, "request_supplement")
    assert not DOSSIER.allows(DossierState.FINANCIAL_OBLIGATION, "request_supplement")
    assert not DOSSIER.allows(DossierState.RETURNED, "return_result")
    assert not DOSSIER.allows(DossierState.ACCEPTED, "register")  # creating actions are not in the workflow
    assert INCOMING.allows(IncomingState.ASSIGNED, "forward")
    assert not INCOMING.allows(IncomingState.ASSIGNED, "no_such_action")
