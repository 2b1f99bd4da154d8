"""Qt's lupdate does not look inside f-strings: a ``tr()`` there never reaches the translators, and the
window shows English in the middle of Vietnamese (seen in the 1022 report's detail pane)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tr_calls_inside_f_strings(path: Path) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                called = inner.func if isinstance(inner, ast.Call) else None
                name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", None)
                literal = isinstance(inner, ast.Call) and any(
                    isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in inner.args
                )  # a variable's text was marked where it was written (tr_noop)
                if name in ("tr", "translate", "tr_noop") and literal:
                    found.append(inner.lineno)
    return found


def test_no_text_to_translate_is_written_inside_an_f_string() -> None:
    files = sorted((ROOT / "ui").rglob("*.py")) + sorted((ROOT / "app").rglob("*.py"))
    assert files
    offending = {str(path.relative_to(ROOT)): lines for path in files if (lines := _tr_calls_inside_f_strings(path))}
    assert offending == {}
