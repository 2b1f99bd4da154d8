"""Reading a trainer's JSON file with the path of every value, so each error says where it is
(``seed.documents[2].state``) and what is wrong, in Vietnamese and English."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NoReturn

from sandbox.training.scenario import ScenarioError, Text

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
_MISSING = object()


@dataclass(frozen=True)
class JsonNode:
    value: Any
    path: str
    file: str

    def fail(self, vi: str, en: str) -> NoReturn:
        raise ScenarioError(self.file, self.path or "$", vi, en)

    def at(self, key: str | int) -> JsonNode:
        path = f"{self.path}[{key}]" if isinstance(key, int) else (f"{self.path}.{key}" if self.path else key)
        value = self.value[key] if isinstance(key, int) else self.value.get(key, _MISSING)
        return JsonNode(value, path, self.file)

    def fields(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, JsonNode]:
        if not isinstance(self.value, dict):
            self.fail("phải là một đối tượng JSON { … }", "must be a JSON object { … }")
        allowed = required + optional
        for key in self.value:
            if key not in allowed:
                self.at(key).fail(
                    f"khóa “{key}” không được hỗ trợ ở đây (khóa hợp lệ: {', '.join(allowed)})",
                    f"unknown key “{key}” here (allowed: {', '.join(allowed)})",
                )
        for key in required:
            if key not in self.value:
                self.at(key).fail("thiếu trường bắt buộc", "required field is missing")
        return {key: self.at(key) for key in self.value}

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            self.fail("phải là một chuỗi văn bản không rỗng", "must be a non-empty text")
        return self.value.strip()

    def ident(self) -> str:
        value = self.text()
        if not _ID.match(value):
            self.fail(
                f"“{value}” không hợp lệ: chỉ dùng chữ thường không dấu, số, “-” và “_”",
                f"“{value}” is not valid: use lower-case ASCII letters, digits, “-” and “_” only",
            )
        return value

    def integer(self, minimum: int | None = None) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail("phải là một số nguyên", "must be a whole number")
        if minimum is not None and self.value < minimum:
            self.fail(f"phải lớn hơn hoặc bằng {minimum}", f"must be at least {minimum}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail("phải là true hoặc false", "must be true or false")
        return self.value

    def choice(self, options: tuple[str, ...] | list[str]) -> str:
        value = self.text()
        if value not in options:
            listed = ", ".join(options)
            self.fail(f"“{value}” không hợp lệ; chọn một trong: {listed}", f"“{value}” is not valid; one of: {listed}")
        return value

    def bilingual(self) -> Text:
        parts = self.fields(("vi", "en"))
        return Text(parts["vi"].text(), parts["en"].text())

    def array(self, non_empty: bool = False) -> list[JsonNode]:
        if not isinstance(self.value, list):
            self.fail("phải là một danh sách [ … ]", "must be a JSON array [ … ]")
        if non_empty and not self.value:
            self.fail("danh sách không được rỗng", "the list must not be empty")
        return [self.at(index) for index in range(len(self.value))]

    def mapping(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            self.fail("phải là một đối tượng JSON { … }", "must be a JSON object { … }")
        return dict(self.value)

    def iso_date(self) -> date:
        value = self.text()
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"“{value}” không phải ngày hợp lệ (YYYY-MM-DD)", f"“{value}” is not a valid date (YYYY-MM-DD)")

    def iso_datetime(self) -> datetime:
        value = self.text()
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            self.fail(
                f"“{value}” không phải thời điểm hợp lệ có múi giờ (vd. 2026-11-25T08:15:00+07:00)",
                f"“{value}” is not a valid time with its offset (e.g. 2026-11-25T08:15:00+07:00)",
            )
        return parsed


def optional(fields: dict[str, JsonNode], name: str, read: Callable[[JsonNode], Any], default: Any = None) -> Any:
    return read(fields[name]) if name in fields else default


def one_of(fields: dict[str, JsonNode], absolute: str, relative: str) -> None:
    if absolute in fields and relative in fields:
        fields[relative].fail(
            f"chỉ dùng một trong hai: “{absolute}” hoặc “{relative}”",
            f"use only one of “{absolute}” and “{relative}”",
        )
