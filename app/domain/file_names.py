"""Turning an untrusted file name (from a server, a packet, a USB stick) into one safe to save and to
show, and telling what kind of file a name is. The one owner of this rule: every file the desk or the
service saves under a name it was given goes through ``safe_file_name``."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

# Both limits: 120 characters leave room for the profile's folders within Windows' 260 of a path, and
# 255 bytes is what Linux and macOS allow a name (a Vietnamese letter takes up to 3 bytes in UTF-8).
MAX_NAME_LENGTH = 120
MAX_NAME_BYTES = 255
MAX_EXTENSION_LENGTH = 10
# Windows refuses these characters in a name (":" also opens an alternate stream).
_UNSAFE_CHARS = re.compile(r'[<>:"/\\|?*]')
# Categories replaced: controls (C0 and C1), lone surrogates (cannot be written as UTF-8), line and
# paragraph separators. Removed: format characters (Cf), invisible by design: the bidi controls (U+202E
# makes "report.pdf\u202egpj.exe" read as a .jpg), zero-width characters, the Arabic letter mark.
_REPLACED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
_REMOVED_CATEGORIES = frozenset({"Cf"})
# Device names Windows opens instead of a file, whatever the extension ("con .txt" too: it drops the
# trailing spaces); the superscript digits count as digits there.
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789\u00b9\u00b2\u00b3"}
)


def safe_file_name(name: str, fallback: str = "attachment", max_bytes: int = MAX_NAME_BYTES) -> str:
    """The last path component only, without control, invisible or reserved characters or device names,
    with no trailing dot or space, and at most MAX_NAME_LENGTH characters and ``max_bytes`` bytes in
    UTF-8 (a caller that adds a prefix passes less), the extension kept.

    "../../etc/passwd" → "passwd", "C:\\Windows\\x.dll" → "x.dll", "CON.txt" → "_CON.txt",
    "report.pdf\u202egpj.exe" → "report.pdfgpj.exe".
    """
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = _UNSAFE_CHARS.sub("_", _visible(unicodedata.normalize("NFC", base))).strip(" .")
    if not cleaned:
        return fallback
    if is_reserved_device_name(cleaned):
        cleaned = f"_{cleaned}"
    return _shortened(cleaned, max_bytes) or fallback


def is_reserved_device_name(name: str) -> bool:
    """Whether Windows takes ``name`` for a device: its part before the first dot, trailing spaces
    dropped, is one of the reserved names (in any case)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_RESERVED


def _visible(text: str) -> str:
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in _REMOVED_CATEGORIES:
            continue
        kept.append("_" if category in _REPLACED_CATEGORIES else char)
    return "".join(kept)


def _shortened(name: str, max_bytes: int) -> str:
    """Within both limits, cut from the end of the stem: the extension tells the viewer what the file is."""
    if len(name) <= MAX_NAME_LENGTH and _size(name) <= max_bytes:
        return name
    stem, dot, extension = name.rpartition(".")
    kept = "." + extension if dot and stem and len(extension) <= MAX_EXTENSION_LENGTH else ""
    head = name[: len(name) - len(kept)] if kept else name
    head = head[: MAX_NAME_LENGTH - len(kept)]
    while head and _size(head) + _size(kept) > max_bytes:
        head = head[:-1]
    head = head.rstrip(" .")
    return head + kept if head else ""


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def is_pdf(file_name: str, content_type: str = "") -> bool:
    return content_type == "application/pdf" or file_name.lower().endswith(".pdf")
