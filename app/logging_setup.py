"""Logging to the profile's logs folder. Log records never carry secrets: callers log ids, not tokens."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from app.profile import Profile

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(profile: Profile, level: int = logging.INFO) -> None:
    profile.logs_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        profile.logs_dir / "ward-desk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
