"""Logging to the profile's logs folder. Log records never carry secrets: callers log ids, not tokens."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from app.profile import Profile

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(profile: Profile, level: int = logging.INFO) -> None:
    profile.logs_dir.mkdir(parents=True, exist_ok=True)
    path = profile.logs_dir / "ward-desk.log"
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(old)  # one log file at a time, even when main() runs twice in one process
        old.close()
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.setLevel(level)
    root.addHandler(handler)
