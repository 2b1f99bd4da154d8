"""Where the shipped resources (data files, translations, scenarios) are, checkout or frozen build."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)  # set by PyInstaller in a built program
    base = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[1]
    return base / "resources"


def load_json_resource(relative: str) -> Any:
    with (resources_dir() / relative).open(encoding="utf-8") as handle:
        return json.load(handle)
