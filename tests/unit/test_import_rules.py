"""The layering check (tests/import_rules.py) holds on the code, and fails on a wrong-way import."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.import_rules import OURS, wrong_imports


def test_no_import_goes_the_wrong_way() -> None:
    assert [str(wrong) for wrong in wrong_imports()] == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for package in OURS:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "app" / "domain").mkdir()
    (tmp_path / "app" / "domain" / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    ("file", "text", "rule"),
    [
        ("central/api.py", "from app.workbench import Workbench\n", "central may import only kernel, app.domain"),
        ("central/seed.py", "from local_db.models import Document\n", "central may import only"),
        ("app/sync.py", "import central.models\n", "app may import only kernel, local_db"),
        ("app/demo.py", "def f():\n    from central import seed\n", "app may import only"),  # inside a function
        ("app/domain/rules.py", "from app.accounts import AccountService\n", "app.domain may import only itself"),
        ("app/domain/more.py", "from kernel.clock import Clock\n", "app.domain may import only itself"),
        ("kernel/clock.py", "from app.domain.working_calendar import VN_TZ\n", "kernel may import only itself"),
        ("local_db/queries.py", "from app.workbench import Workbench\n", "local_db may import only kernel, app.domain"),
        ("ui/list.py", "from local_db.queries import count_documents\n", "ui may import only kernel, app, sandbox"),
        ("ui/window.py", "import sqlalchemy\n", "ui must not use sqlalchemy"),
        ("ui/net.py", "from requests import Session\n", "ui must not use requests"),
        ("app/widgets.py", "from PySide6.QtWidgets import QLabel\n", "app must not use PySide6.QtWidgets"),
        ("sandbox/demo.py", "from central.seed import add_account\n", "sandbox may import only"),
        ("ui/types.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from central import models\n", "ui"),
        ("app/relative.py", "from ..central import models\n", "app may import only"),
    ],
)
def test_a_wrong_way_import_is_found(tmp_path: Path, file: str, text: str, rule: str) -> None:
    found = wrong_imports(_tree(tmp_path, {file: text}))
    assert len(found) == 1 and found[0].file == file and rule in found[0].rule, [str(w) for w in found]


def test_the_allowed_ways_pass(tmp_path: Path) -> None:
    allowed = {
        "central/api.py": "from app.domain import workflow\nfrom kernel.clock import Clock\nimport sqlalchemy\n",
        "app/sync.py": "from local_db import models\nfrom app.domain.errors import DomainError\nimport requests\n",
        "local_db/search.py": "from app.domain.vietnamese_text import fold\nfrom kernel.json_codec import json_text\n",
        "sandbox/demo.py": "from central.in_process import InProcessCentral\nfrom app.accounts import SourceInfo\n",
        "ui/main.py": "from sandbox.demo import start_demo_central\nfrom app.workbench import Workbench\n"
        "from PySide6.QtWidgets import QLabel\n",
        "app/signals.py": "from PySide6.QtCore import QObject\n",
    }
    assert wrong_imports(_tree(tmp_path, allowed)) == []
