"""A profile: one folder holding the cache database, attachments, backups and logs.

Chosen by ``--profile DIR``, else the ``WARD_DESK_PROFILE`` environment variable, else a folder
under the user's data directory. Training uses a profile of its own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

PROFILE_ENV = "WARD_DESK_PROFILE"
APP_DIR_NAME = "WardDesk"


@dataclass(frozen=True)
class Profile:
    root: Path

    @property
    def database_path(self) -> Path:
        return self.root / "ward-desk.sqlite3"

    @property
    def attachments_dir(self) -> Path:
        return self.root / "attachments"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @staticmethod
    def default_root() -> Path:
        return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False) / "default"

    @classmethod
    def resolve(cls, cli_value: str | None = None, environ: Mapping[str, str] = os.environ) -> Profile:
        chosen = cli_value or environ.get(PROFILE_ENV) or None
        root = Path(chosen).expanduser() if chosen else cls.default_root()
        return cls(root.resolve())

    def beside(self) -> Profile:
        """A profile of its own next to this one, always the same: where Ward Desk starts, if the user
        agrees, while this one's cache file is another program's database (which it never touches)."""
        return Profile(self.root.with_name(f"{self.root.name}-ward-desk"))

    def create_folders(self) -> None:
        for folder in (self.root, self.attachments_dir, self.backups_dir, self.logs_dir):
            folder.mkdir(parents=True, exist_ok=True)
