"""A TrueType font read and cut down to the glyphs a PDF needs, with the standard library only.

The demo PDFs must show Vietnamese with every diacritic wherever they are opened, so they embed
their font; the whole shipped font (~380 KB) in every file would make the demo database huge, so
each file carries a subset: the glyphs it uses, renumbered from 1 (glyph 0 stays .notdef), hinting
instructions dropped (they need the font's own programs, and screens render these pages unhinted
anyway). The PDF then uses glyph ids as character ids (CIDFontType2, ``/CIDToGIDMap /Identity``).
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kernel.resources import resources_dir

FONT_FILE = "fonts/DejaVuSerif.ttf"
# Composite glyph flags (the TrueType reference, 'glyf' table).
_ARGS_ARE_WORDS, _HAS_SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO, _HAS_INSTRUCTIONS = 1, 8, 0x20, 0x40, 0x80, 0x100


@dataclass(frozen=True)
class FontSubset:
    """A cut-down font: ``program`` is the TrueType file, ``glyphs`` maps a character to its new id."""

    program: bytes
    glyphs: dict[str, int]
    widths: tuple[int, ...]  # by new glyph id, in thousandths of the font size


class TrueTypeFont:
    def __init__(self, data: bytes) -> None:
        self.data = data
        count = struct.unpack_from(">H", data, 4)[0]
        self.tables = {}
        for index in range(count):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
            self.tables[tag] = data[offset : offset + length]
        head, hhea = self.tables[b"head"], self.tables[b"hhea"]
        self.units_per_em = struct.unpack_from(">H", head, 18)[0]
        self.bbox = struct.unpack_from(">4h", head, 36)
        self.ascent, self.descent = struct.unpack_from(">hh", hhea, 4)
        self.glyph_count = struct.unpack_from(">H", self.tables[b"maxp"], 4)[0]
        self.metrics = self._metrics(struct.unpack_from(">H", hhea, 34)[0])
        self.offsets = self._offsets(struct.unpack_from(">h", head, 50)[0])
        self.cmap = _unicode_cmap(self.tables[b"cmap"])
        self._prepared: dict[int, tuple[bytes, tuple[tuple[int, int], ...]]] = {}

    def _metrics(self, long_count: int) -> list[tuple[int, int]]:
        """(advance, left side bearing) of every glyph."""
        hmtx = self.tables[b"hmtx"]
        metrics = [struct.unpack_from(">Hh", hmtx, 4 * i) for i in range(long_count)]
        last_advance = metrics[-1][0]
        for i in range(self.glyph_count - long_count):
            metrics.append((last_advance, struct.unpack_from(">h", hmtx, 4 * long_count + 2 * i)[0]))
        return metrics

    def _offsets(self, long_format: int) -> list[int]:
        loca, count = self.tables[b"loca"], self.glyph_count + 1
        if long_format:
            return list(struct.unpack_from(f">{count}I", loca))
        return [2 * offset for offset in struct.unpack_from(f">{count}H", loca)]

    def glyph(self, glyph_id: int) -> bytes:
        return self.tables[b"glyf"][self.offsets[glyph_id] : self.offsets[glyph_id + 1]]

    def prepared(self, glyph_id: int) -> tuple[bytes, tuple[tuple[int, int], ...]]:
        """The glyph without hinting, padded, and where its parts' indices are (kept: a demo cuts the
        same glyphs out thousands of times)."""
        if glyph_id not in self._prepared:
            raw = self.glyph(glyph_id)
            parts = tuple(_components(raw))
            self._prepared[glyph_id] = (_padded(_unhinted(raw, parts)), parts)
        return self._prepared[glyph_id]

    def width(self, glyph_id: int) -> int:
        """Advance width in thousandths of the font size, as PDF widths are given."""
        return round(self.metrics[glyph_id][0] * 1000 / self.units_per_em)

    def subset(self, characters: Iterable[str]) -> FontSubset:
        """The font cut down to these characters (those it lacks show as .notdef)."""
        wanted = sorted({self.cmap[c] for c in characters if c in self.cmap})
        order = _with_components(self, [0, *wanted])
        new_ids = {old: new for new, old in enumerate(order)}
        glyphs = {c: new_ids[self.cmap[c]] for c in characters if c in self.cmap}
        glyf, loca = bytearray(), []
        for old in order:
            loca.append(len(glyf))
            data, parts = self.prepared(old)
            at = len(glyf)
            glyf += data
            for offset, index in parts:  # a composite glyph names its parts by their new ids
                struct.pack_into(">H", glyf, at + offset, new_ids[index])
        loca.append(len(glyf))
        tables = self._subset_tables(order, bytes(glyf), loca)
        return FontSubset(_font_file(tables), glyphs, tuple(self.width(old) for old in order))

    def _subset_tables(self, order: list[int], glyf: bytes, loca: list[int]) -> dict[bytes, bytes]:
        count = len(order)
        head = bytearray(self.tables[b"head"])
        struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment: set once the file is assembled
        struct.pack_into(">h", head, 50, 1)  # long 'loca' offsets
        hhea = bytearray(self.tables[b"hhea"])
        struct.pack_into(">H", hhea, 34, count)
        maxp = bytearray(self.tables[b"maxp"])
        struct.pack_into(">H", maxp, 4, count)
        hmtx = b"".join(struct.pack(">Hh", *self.metrics[old]) for old in order)
        post = struct.pack(">IIhhIIIII", 0x00030000, *struct.unpack_from(">IhhI", self.tables[b"post"], 4), 0, 0, 0, 0)
        return {
            b"OS/2": self.tables[b"OS/2"], b"glyf": glyf, b"head": bytes(head), b"hhea": bytes(hhea),
            b"hmtx": hmtx, b"loca": struct.pack(f">{count + 1}I", *loca), b"maxp": bytes(maxp), b"post": post,
        }  # fmt: skip


def _unicode_cmap(cmap: bytes) -> dict[str, int]:
    """Character → glyph id from the Windows Unicode BMP subtable (format 4), which every font has."""
    count = struct.unpack_from(">H", cmap, 2)[0]
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * index)
        if (platform, encoding) == (3, 1) and struct.unpack_from(">H", cmap, offset)[0] == 4:
            return _format4(cmap, offset)
    raise ValueError("the font has no Unicode BMP character map")


def _format4(cmap: bytes, at: int) -> dict[str, int]:
    segments = struct.unpack_from(">H", cmap, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", cmap, at + 14)
    starts = struct.unpack_from(f">{segments}H", cmap, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", cmap, at + 16 + 4 * segments)
    range_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", cmap, range_at)
    mapping = {}
    for i, (start, end, delta, range_offset) in enumerate(zip(starts, ends, deltas, ranges, strict=True)):
        for code in range(start, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                glyph = struct.unpack_from(">H", cmap, range_at + 2 * i + range_offset + 2 * (code - start))[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                mapping[chr(code)] = glyph
    return mapping


def _components(glyph: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph index, glyph index) of each part of a composite glyph."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    parts, at, flags = [], 10, _MORE
    while flags & _MORE:
        flags, index = struct.unpack_from(">HH", glyph, at)
        parts.append((at + 2, index))
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        at += 2 if flags & _HAS_SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
    return parts


def _with_components(font: TrueTypeFont, glyph_ids: list[int]) -> list[int]:
    """The glyphs and, after them, the parts composite ones are built from."""
    order, seen = [], set()
    pending = list(reversed(glyph_ids))
    while pending:
        glyph_id = pending.pop()
        if glyph_id not in seen:
            seen.add(glyph_id)
            order.append(glyph_id)
            pending += [index for _, index in font.prepared(glyph_id)[1]]
    return order


def _unhinted(glyph: bytes, parts: tuple[tuple[int, int], ...]) -> bytes:
    """The glyph without its hinting instructions."""
    if len(glyph) < 10:
        return glyph  # an empty glyph (a space)
    if not parts:
        at = 10 + 2 * struct.unpack_from(">h", glyph, 0)[0]
        length = struct.unpack_from(">H", glyph, at)[0]
        return glyph[:at] + b"\0\0" + glyph[at + 2 + length :]
    last_flags = parts[-1][0] - 2
    flags = struct.unpack_from(">H", glyph, last_flags)[0]
    if not flags & _HAS_INSTRUCTIONS:
        return glyph
    out = bytearray(glyph[: _components_end(glyph)])
    struct.pack_into(">H", out, last_flags, flags & ~_HAS_INSTRUCTIONS)
    return bytes(out)


def _components_end(glyph: bytes) -> int:
    at, flags = 10, _MORE
    while flags & _MORE:
        flags = struct.unpack_from(">H", glyph, at)[0]
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        at += 2 if flags & _HAS_SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
    return at


def _padded(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def _checksum(data: bytes) -> int:
    data = _padded(data)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _font_file(tables: dict[bytes, bytes]) -> bytes:
    """An sfnt file of these tables (sorted by tag, 4-byte aligned, with checksums)."""
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, 16 * power, power.bit_length() - 1, 16 * (count - power))
    directory, body, offset = bytearray(), bytearray(), 12 + 16 * count
    for tag in sorted(tables):
        data = tables[tag]
        directory += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += _padded(data)
    font = bytearray(header + directory + body)
    head_at = offset + sum(len(_padded(tables[tag])) for tag in sorted(tables) if tag < b"head")
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


@cache
def shipped_font() -> TrueTypeFont:
    """The serif font shipped in resources/fonts (see the README there for its licence)."""
    return TrueTypeFont(Path(resources_dir() / FONT_FILE).read_bytes())


def nfc(text: str) -> str:
    """Vietnamese as precomposed letters: the font maps "ệ", not "e" and two combining marks."""
    return unicodedata.normalize("NFC", text)
