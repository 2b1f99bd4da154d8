"""Display labels of coded field values (English sources the UI translates)."""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.errors import tr_noop

URGENCY_LABELS: Mapping[str, str] = {
    "normal": tr_noop("Normal"),
    "urgent": tr_noop("Urgent"),
    "very_urgent": tr_noop("Very urgent"),
    "flash": tr_noop("Flash"),
}
CONFIDENTIALITY_LABELS: Mapping[str, str] = {
    "normal": tr_noop("Normal"),
    "confidential": tr_noop("Confidential"),
    "secret": tr_noop("Secret"),
    "top_secret": tr_noop("Top secret"),
}
CHANNEL_LABELS: Mapping[str, str] = {
    "online": tr_noop("Online"),
    "in_person": tr_noop("In person"),
    "post": tr_noop("By post"),
}
SOURCE_KIND_LABELS: Mapping[str, str] = {
    "unified": tr_noop("New system"),
    "legacy": tr_noop("Old system"),
}
