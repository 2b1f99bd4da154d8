"""Turning an untrusted file name (from a server, a packet, a USB stick) into one safe to save, and
telling what kind of file a name is."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

MAX_NAME_LENGTH = 120
_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_file_name(name: str, fallback: str = "attachment") -> str:
    """The last path component only, without control or reserved characters or device names.

    "../../etc/passwd" → "passwd", "C:\\Windows\\x.dll" → "x.dll", "CON.txt" → "_CON.txt".
    """
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = _UNSAFE_CHARS.sub("_", base).strip(" .")
    if not cleaned:
        return fallback
    if cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        cleaned = f"_{cleaned}"
    if len(cleaned) > MAX_NAME_LENGTH:  # keep the extension: it tells the viewer what the file is
        stem, dot, extension = cleaned.rpartition(".")
        keep = extension[:10] if dot and stem else ""
        cleaned = cleaned[: MAX_NAME_LENGTH - len(keep) - 1] + ("." + keep if keep else "")
    return cleaned


def is_pdf(file_name: str, content_type: str = "") -> bool:
    return content_type == "application/pdf" or file_name.lower().endswith(".pdf")
