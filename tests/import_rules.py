"""Who may import whom: the house's layering, checked on every import statement in the code.

    ui ──▶ sandbox ──▶ app ──▶ local_db ──▶ app.domain, kernel
                  └──▶ central.in_process ──▶ central ──▶ app.domain, kernel

Every import counts: at the top, inside a function, or under ``TYPE_CHECKING`` (a type-only import
still ties the two sides together). Run ``python -m tests.import_rules`` (``make lint`` does); the test
suite runs it too (tests/unit/test_import_rules.py) and feeds it wrong-way imports to see it fail.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = ("kernel", "app", "local_db", "central", "sandbox", "ui")

# Which of our packages each part may import (its own package always). The most specific prefix wins.
ALLOWED: dict[str, tuple[str, ...]] = {
    "kernel": (),
    "app.domain": (),
    "local_db": ("kernel", "app.domain"),
    "app": ("kernel", "local_db"),
    "central": ("kernel", "app.domain"),
    "sandbox": ("kernel", "app", "local_db", "central.in_process"),
    "ui": ("kernel", "app", "sandbox"),
}
# Libraries a part must not use, whatever it imports of ours.
FORBIDDEN_LIBRARIES: dict[str, tuple[str, ...]] = {
    "kernel": ("PySide6",),
    "app": ("PySide6.QtWidgets", "PySide6.QtGui"),  # QtCore signals are fine where a worker needs them
    "local_db": ("PySide6", "requests"),
    "central": ("PySide6",),
    "ui": ("requests", "sqlalchemy", "alembic"),
}


@dataclass(frozen=True)
class WrongImport:
    file: str
    line: int
    importer: str
    imported: str
    rule: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.importer} imports {self.imported} ({self.rule})"


def wrong_imports(root: Path = ROOT) -> list[WrongImport]:
    found: list[WrongImport] = []
    for path in sorted(p for package in OURS for p in (root / package).rglob("*.py")):
        module = _module_name(path.relative_to(root))
        for line, imported in sorted(set(_imports(path, module))):
            problem = _rule_broken(module, imported)
            if problem is not None:
                found.append(WrongImport(str(path.relative_to(root)), line, module, imported, problem))
    return found


def _module_name(relative: Path) -> str:
    parts = list(relative.with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            # "from app import domain" imports app.domain: name the submodule when it could be one.
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}" if base in OURS else base


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _part_of(module: str, table: dict[str, tuple[str, ...]]) -> str | None:
    matches = [part for part in table if module == part or module.startswith(part + ".")]
    return max(matches, key=len) if matches else None


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def _rule_broken(importer: str, imported: str) -> str | None:
    part = _part_of(importer, ALLOWED)
    if part is None:
        return None
    library_rule = _part_of(importer, FORBIDDEN_LIBRARIES)
    if library_rule and _within(imported, FORBIDDEN_LIBRARIES[library_rule]):
        return f"{library_rule} must not use {imported.split('.')[0] if imported.count('.') == 0 else imported}"
    if imported.split(".")[0] not in OURS:
        return None
    if _within(imported, (part, *ALLOWED[part])):
        return None
    return f"{part} may import only " + (", ".join(ALLOWED[part]) or "itself")


def main() -> int:
    found = wrong_imports()
    for wrong in found:
        print(wrong)
    print(f"{len(found)} import(s) against the layering" if found else "the layering holds")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
