"""Records read straight from the pages of a damaged SQLite file, for when SQLite itself can no longer
read the file's schema (its first page zeroed, the schema's pages damaged): the rows are still on their
pages, and the rows of a few tables (the unsent actions above all) are worth finding there.

Every page that looks like a leaf of a table's B-tree is read cell by cell, overflow chains followed,
each record decoded into its values (the file format: https://www.sqlite.org/fileformat2.html); a cell
that does not decode is skipped. Which table a record belongs to is the caller's to tell, from its
shape. Pages the header names as free are skipped (they may hold old copies of rows).
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

HEADER_SIZE = 100
MAGIC = b"SQLite format 3\x00"
TABLE_LEAF = 0x0D
BTREE_PAGE_TYPES = (0x02, 0x05, 0x0A, 0x0D)
PAGE_SIZES = (512, 1024, 2048, 4096, 8192, 16384, 32768, 65536)  # every one SQLite allows
SAMPLE_PAGES = 64  # pages looked at to guess the page size when the header no longer says it
INTEGER_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}  # a record's serial type → its integer's bytes

Value = int | float | bytes | None  # text cells as bytes (they may not be UTF-8); blobs as Blob
Buffer = bytes | mmap.mmap


class Blob(bytes):
    """A BLOB cell, told apart from a TEXT cell (both are bytes here)."""


@dataclass(frozen=True)
class Record:
    rowid: int
    values: tuple[Value, ...]


class _Malformed(Exception):
    pass


def scan_records(path: Path, wants: Callable[[int], bool]) -> Iterator[Record]:
    """Every record of a width ``wants`` on the table leaf pages of the file at ``path`` that decodes."""
    if path.stat().st_size < HEADER_SIZE:
        return
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        page_size, reserved = _geometry(data)
        usable = page_size - reserved
        pages = len(data) // page_size
        free = _free_pages(data, page_size, pages)
        for number in range(1, pages + 1):
            if number not in free:
                yield from _page_records(data, number, page_size, usable, wants)


def said_page_size(header: Buffer) -> int:
    """The page size the header's field says (65536 is written 1); one SQLite uses is in PAGE_SIZES."""
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def header_is_sound(header: Buffer) -> bool:
    """Whether the header still says it is SQLite's, with a page size SQLite uses."""
    return header[: len(MAGIC)] == MAGIC and said_page_size(header) in PAGE_SIZES


def _geometry(data: Buffer) -> tuple[int, int]:
    """Page size and reserved bytes per page, from the header when it is sound, else guessed."""
    if header_is_sound(data) and data[20] < 64:
        return said_page_size(data), data[20]
    return guess_page_size(data), 0


def guess_page_size(data: Buffer) -> int:
    """The page size when the header no longer says it: the smallest under which (nearly) as many of the
    first pages look like B-tree pages as under any (under a multiple of the true size they do too; under a
    fraction of it, half the "pages" start mid-page)."""
    looks = {size: _btree_share(data, size) for size in PAGE_SIZES}
    best = max(looks.values())
    return min(size for size, share in looks.items() if share >= 0.9 * best)


def _btree_share(data: Buffer, page_size: int) -> float:
    """The share of the first pages (the first, with the header, aside) that look like B-tree pages."""
    numbers = range(2, min(len(data) // page_size, SAMPLE_PAGES) + 1)
    found = 0
    for number in numbers:
        start = (number - 1) * page_size
        if data[start] in BTREE_PAGE_TYPES and int.from_bytes(data[start + 3 : start + 5], "big") < page_size // 4:
            found += 1
    return found / len(numbers) if numbers else 0.0


def _free_pages(data: Buffer, page_size: int, pages: int) -> set[int]:
    """The freelist's pages (trunks and leaves), when the header still says where it starts."""
    free: set[int] = set()
    if data[: len(MAGIC)] != MAGIC:
        return free
    trunk = int.from_bytes(data[32:36], "big")
    while 1 < trunk <= pages and trunk not in free:
        free.add(trunk)
        start = (trunk - 1) * page_size
        count = int.from_bytes(data[start + 4 : start + 8], "big")
        for at in range(start + 8, min(start + 8 + 4 * count, start + page_size), 4):
            free.add(int.from_bytes(data[at : at + 4], "big"))
        trunk = int.from_bytes(data[start : start + 4], "big")
    return free


def _page_records(
    data: Buffer, number: int, page_size: int, usable: int, wants: Callable[[int], bool]
) -> Iterator[Record]:
    """The records of page ``number`` when it is a table leaf (page 1's B-tree header follows the file's)."""
    start = (number - 1) * page_size
    header = start + (HEADER_SIZE if number == 1 else 0)
    if data[header] != TABLE_LEAF:
        return
    cells = int.from_bytes(data[header + 3 : header + 5], "big")
    pointers = header + 8
    if pointers + 2 * cells > start + usable:
        return
    for index in range(cells):
        offset = int.from_bytes(data[pointers + 2 * index : pointers + 2 * index + 2], "big")
        if not header - start + 8 + 2 * cells <= offset < usable:
            continue
        try:
            rowid, payload = _cell(data, start + offset, start + usable, page_size, usable)
            values = _decode_record(payload, wants)
            if values is not None:
                yield Record(rowid, values)
        except (_Malformed, IndexError, struct.error):
            continue


def _cell(data: Buffer, at: int, end: int, page_size: int, usable: int) -> tuple[int, bytes]:
    """A table leaf cell's rowid and its whole payload (the overflow pages' part included)."""
    size, at = _varint(data, at)
    rowid, at = _varint(data, at)
    if rowid >= 1 << 63:
        rowid -= 1 << 64  # stored as its 64-bit two's complement
    most_local = usable - 35
    if size <= most_local:
        if at + size > end:
            raise _Malformed()
        return rowid, data[at : at + size]
    least_local = (usable - 12) * 32 // 255 - 23
    local = least_local + (size - least_local) % (usable - 4)
    local = local if local <= most_local else least_local
    if at + local + 4 > end:
        raise _Malformed()
    first_page = int.from_bytes(data[at + local : at + local + 4], "big")
    return rowid, data[at : at + local] + _overflow(data, first_page, size - local, page_size, usable)


def _overflow(data: Buffer, page: int, left: int, page_size: int, usable: int) -> bytes:
    """The last ``left`` bytes of a payload, on the chain of overflow pages from ``page`` (each names the next)."""
    parts: list[bytes] = []
    seen: set[int] = set()
    while left > 0:
        if page < 2 or page in seen or page * page_size > len(data):
            raise _Malformed()
        seen.add(page)
        start = (page - 1) * page_size
        take = min(left, usable - 4)
        parts.append(data[start + 4 : start + 4 + take])
        left -= take
        page = int.from_bytes(data[start : start + 4], "big")
    return b"".join(parts)


def _decode_record(payload: bytes, wants: Callable[[int], bool]) -> tuple[Value, ...] | None:
    """The record's values; None when its width is not wanted (its values are not decoded then)."""
    header_size, at = _varint(payload, 0)
    if not at <= header_size <= len(payload):
        raise _Malformed()
    kinds: list[int] = []
    while at < header_size:
        kind, at = _varint(payload, at)
        kinds.append(kind)
    if at != header_size:
        raise _Malformed()
    if not wants(len(kinds)):
        return None
    values: list[Value] = []
    for kind in kinds:
        value, at = _value(payload, at, kind)
        values.append(value)
    if at != len(payload):
        raise _Malformed()
    return tuple(values)


def _value(payload: bytes, at: int, kind: int) -> tuple[Value, int]:
    if kind == 0:
        return None, at
    if kind in INTEGER_SIZES:
        size = INTEGER_SIZES[kind]
        if at + size > len(payload):
            raise _Malformed()
        return int.from_bytes(payload[at : at + size], "big", signed=True), at + size
    if kind == 7:
        return struct.unpack(">d", payload[at : at + 8])[0], at + 8
    if kind in (8, 9):
        return kind - 8, at
    if kind < 12:
        raise _Malformed()  # 10 and 11 are reserved
    size = (kind - 12) // 2
    if at + size > len(payload):
        raise _Malformed()
    content = payload[at : at + size]
    return (Blob(content) if kind % 2 == 0 else content), at + size


def _varint(data: Buffer, at: int) -> tuple[int, int]:
    """SQLite's varint at ``at`` and where it ends: 7 bits a byte while the high bit is set, all 8 of a ninth."""
    value = 0
    for index in range(8):
        byte = data[at + index]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + index + 1
    return (value << 8) | data[at + 8], at + 9
