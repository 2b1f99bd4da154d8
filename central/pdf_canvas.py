"""A small PDF writer for A4 pages of Vietnamese text and simple drawings, with the standard library.

Text uses one embedded serif font (``central.pdf_font``) as a CIDFontType2 with Identity-H
encoding and a ToUnicode map, so viewers show every diacritic and ``pdftotext`` gives the text
back. Bold and italic are drawn from the same font (outlined and slanted) so that a file carries
one font subset, not four. Nothing depends on the clock: the same pages give the same bytes.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache

from central.pdf_font import nfc, shipped_font

A4 = (595.28, 841.89)  # points
MM = 72 / 25.4
Colour = tuple[float, float, float]
BLACK: Colour = (0, 0, 0)
ITALIC_SLANT = 0.2  # the tangent of about 11°, as true italics lean
BOLD_STROKE = 0.03  # outline width for bold, in ems


@dataclass(frozen=True)
class _Text:
    """A run of text at a point: ``parts`` are strings and, between them, extra space in points."""

    x: float
    y: float
    size: float
    parts: tuple[str | float, ...]
    bold: bool
    italic: bool
    color: Colour
    angle: float = 0.0  # degrees, counter-clockwise


@dataclass
class Page:
    ops: list[bytes | _Text] = field(default_factory=list)

    def width_of(self, text: str, size: float) -> float:
        return _advance(text) * size / 1000

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
        color: Colour = BLACK,
        angle: float = 0.0,
    ) -> None:
        self.ops.append(_Text(x, y, size, (nfc(text),), bold, italic, color, angle))

    def centred(
        self, centre: float, y: float, text: str, size: float, *, bold: bool = False, italic: bool = False,
        color: Colour = BLACK,
    ) -> float:  # fmt: skip
        """Text centred on ``centre``; returns its width."""
        width = self.width_of(text, size)
        self.text(centre - width / 2, y, text, size, bold=bold, italic=italic, color=color)
        return width

    def spread(
        self, x: float, y: float, words: Sequence[str], width: float, size: float, *, bold: bool = False,
        italic: bool = False,
    ) -> None:  # fmt: skip
        """Words filling ``width`` exactly (a justified line): the gaps take the slack."""
        slack = width - self.width_of(" ".join(words), size)
        gap = slack / (len(words) - 1) if len(words) > 1 else 0.0
        parts: list[str | float] = []
        for index, word in enumerate(words):
            parts += [nfc(word + (" " if index < len(words) - 1 else "")), gap]
        self.ops.append(_Text(x, y, size, tuple(parts[:-1]), bold, italic, BLACK))

    def draw(self, operators: str) -> None:
        """Raw path operators (coordinates in points, from the bottom left)."""
        self.ops.append(operators.encode("ascii"))

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6, color: Colour = BLACK) -> None:
        self.draw(f"{_rgb(color, 'RG')} {width:.2f} w {x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l S")

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        stroke: Colour | None = BLACK,
        fill: Colour | None = None,
        width: float = 0.6,
    ) -> None:
        paint = "B" if fill and stroke else "f" if fill else "S"
        colours = (_rgb(fill, "rg") + " " if fill else "") + (_rgb(stroke, "RG") if stroke else "")
        self.draw(f"{colours} {width:.2f} w {x:.2f} {y:.2f} {w:.2f} {h:.2f} re {paint}")

    def circle(self, cx: float, cy: float, r: float, color: Colour, width: float = 1.0) -> None:
        k = 0.5523 * r  # the control distance that makes four Béziers a circle
        self.draw(
            f"{_rgb(color, 'RG')} {width:.2f} w {cx + r:.2f} {cy:.2f} m "
            f"{cx + r:.2f} {cy + k:.2f} {cx + k:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
            f"{cx - k:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k:.2f} {cx - r:.2f} {cy:.2f} c "
            f"{cx - r:.2f} {cy - k:.2f} {cx - k:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
            f"{cx + k:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k:.2f} {cx + r:.2f} {cy:.2f} c S"
        )

    def text_on_circle(self, cx: float, cy: float, r: float, text: str, size: float, color: Colour) -> None:
        """Text around a circle, centred on its top, left to right (as on an official seal)."""
        widths = [self.width_of(c, size) for c in nfc(text)]
        sweep = sum(widths) / r  # radians the text spans
        angle = math.pi / 2 + sweep / 2
        for char, width in zip(nfc(text), widths, strict=True):
            middle = angle - width / (2 * r)
            x, y = cx + r * math.cos(middle), cy + r * math.sin(middle)
            turn = math.degrees(middle) - 90
            dx, dy = width / 2 * math.cos(math.radians(turn)), width / 2 * math.sin(math.radians(turn))
            self.text(x - dx, y - dy, char, size, bold=True, color=color, angle=turn)
            angle -= width / r

    def wrap(self, text: str, width: float, size: float) -> list[list[str]]:
        """The words of ``text`` in lines no wider than ``width`` (a longer word gets a line alone)."""
        lines: list[list[str]] = [[]]
        space = self.width_of(" ", size)
        used = 0.0
        for word in nfc(text).split():
            needed = self.width_of(word, size)
            if lines[-1] and used + space + needed > width:
                lines.append([])
                used = 0.0
            used += (space if lines[-1] else 0) + needed
            lines[-1].append(word)
        return [line for line in lines if line]


def _rgb(color: Colour, operator: str) -> str:
    return " ".join(f"{c:.3g}" for c in color) + f" {operator}"


@cache
def _char_widths() -> dict[str, int]:
    """Advance widths by character, in thousandths of the size."""
    font = shipped_font()
    return {c: font.width(glyph) for c, glyph in font.cmap.items()}


@lru_cache(maxsize=1 << 16)
def _advance(text: str) -> int:
    """The width of a text in thousandths of the size (cached: wrapping measures the same words often)."""
    widths = _char_widths()
    return sum(widths.get(c, 0) for c in nfc(text))


# -- writing the file ---------------------------------------------------------------------------------


def _content(page: Page, codes: dict[int, str]) -> bytes:
    return b"\n".join(op if isinstance(op, bytes) else _text_operators(op, codes) for op in page.ops)


def _text_operators(run: _Text, codes: dict[int, str]) -> bytes:
    """``codes``: each character's glyph id as four hex digits (a str.translate table)."""
    cos, sin = math.cos(math.radians(run.angle)), math.sin(math.radians(run.angle))
    slant = ITALIC_SLANT if run.italic else 0.0
    matrix = (cos, sin, slant * cos - sin, slant * sin + cos, run.x, run.y)
    style = f"2 Tr {run.size * BOLD_STROKE:.2f} w " if run.bold else "0 Tr "
    parts = []
    for part in run.parts:
        if isinstance(part, str):
            parts.append(f"<{part.translate(codes)}>")
        elif part:
            parts.append(f"{-part * 1000 / run.size:.1f}")
    colour = f"{_rgb(run.color, 'rg')} {_rgb(run.color, 'RG')}"
    placed = " ".join(f"{v:.4f}".rstrip("0").rstrip(".") for v in matrix)
    return f"BT {colour} {style}/F1 {run.size:g} Tf {placed} Tm [{''.join(parts)}] TJ ET".encode("ascii")


def _stream(dictionary: str, data: bytes) -> bytes:
    """A compressed stream object (zlib's output is the same for the same input: the bytes repeat)."""
    data = zlib.compress(data, 6)
    return (
        f"<< {dictionary} /Filter /FlateDecode /Length {len(data)} >>\nstream\n".encode("ascii") + data + b"\nendstream"
    )


def _to_unicode(glyphs: dict[str, int]) -> bytes:
    """The CMap that maps glyph ids back to text, for search, copy and pdftotext."""
    pairs = sorted((gid, char) for char, gid in glyphs.items())
    blocks = []
    for start in range(0, len(pairs), 100):  # at most 100 entries per block
        chunk = pairs[start : start + 100]
        lines = "\n".join(f"<{gid:04X}> <{char.encode('utf-16-be').hex().upper()}>" for gid, char in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}\nendbfchar")
    body = "\n".join(blocks)
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        f"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{body}\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode("ascii")


def _pdf_text(text: str) -> str:
    """A text string for the info dictionary: UTF-16 with its byte order mark, in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _font_objects(used: set[str], first: int) -> tuple[list[bytes], dict[int, str]]:
    """Type0 font (object ``first``), its CIDFont, descriptor, program and ToUnicode map; and the
    glyph codes of the characters (those the font lacks show its .notdef glyph)."""
    font = shipped_font()
    subset = font.subset(sorted(used))
    scale = 1000 / font.units_per_em
    bbox = " ".join(str(round(v * scale)) for v in font.bbox)
    name = "WDDEMO+DejaVuSerif"  # a subset's name starts with six capitals and a plus
    widths = " ".join(map(str, subset.widths[1:]))
    objects = [
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
        f"/DescendantFonts [{first + 1} 0 R] /ToUnicode {first + 4} 0 R >>".encode("ascii"),
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {first + 2} 0 R /DW 1000 /W [1 [{widths}]] /CIDToGIDMap /Identity >>".encode("ascii"),
        f"<< /Type /FontDescriptor /FontName /{name} /Flags 34 /FontBBox [{bbox}] /ItalicAngle 0 "
        f"/Ascent {round(font.ascent * scale)} /Descent {round(font.descent * scale)} "
        f"/CapHeight {round(font.ascent * scale)} /StemV 80 /FontFile2 {first + 3} 0 R >>".encode("ascii"),
        _stream(f"/Length1 {len(subset.program)}", subset.program),
        _stream("", _to_unicode(subset.glyphs)),
    ]
    return objects, {ord(c): f"{subset.glyphs.get(c, 0):04X}" for c in used}


def pdf_bytes(pages: Sequence[Page], title: str, made_on: date) -> bytes:
    """The pages as an A4 PDF file; ``made_on`` dates it (never the clock, for repeatable bytes)."""
    used = {c for page in pages for op in page.ops if isinstance(op, _Text) for p in op.parts if isinstance(p, str)
            for c in p}  # fmt: skip
    font_at = 4 + 2 * len(pages)
    font_objects, codes = _font_objects(used, font_at)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode("ascii"),
        f"<< /Title {_pdf_text(title)} /Producer (Ward Desk demo data) "
        f"/CreationDate (D:{made_on:%Y%m%d}080000+07'00') >>".encode("ascii"),
    ]
    for index, page in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {A4[0]} {A4[1]}] "
            f"/Resources << /Font << /F1 {font_at} 0 R >> >> /Contents {5 + 2 * index} 0 R >>".encode("ascii")
        )
        objects.append(_stream("", _content(page, codes)))
    return _file(objects + font_objects)


def _file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{offset:010d} 00000 n \n".encode("ascii") for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
