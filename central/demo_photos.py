"""The photos citizens attach to demo 1022 reports: a small street scene drawn as a PNG with the standard
library only (zlib), the report's subject in front (a pile of rubbish, a puddle, a dark street lamp, a
cart on the pavement). Each picture is drawn from its own random stream, so the same seed gives the same
bytes."""

from __future__ import annotations

import random
import struct
import zlib

WIDTH, HEIGHT = 320, 240
HORIZON, KERB = 120, 175  # the street's far edge and the pavement's
Colour = tuple[int, int, int]


class _Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(width * height * 3)

    def rectangle(self, left: int, top: int, right: int, bottom: int, colour: Colour) -> None:
        left, right = max(0, left), min(self.width, right)
        if right <= left:
            return
        line = bytes(colour) * (right - left)
        for y in range(max(0, top), min(self.height, bottom)):
            start = (y * self.width + left) * 3
            self.pixels[start : start + len(line)] = line

    def ellipse(self, cx: int, cy: int, rx: int, ry: int, colour: Colour) -> None:
        for y in range(max(0, cy - ry), min(self.height, cy + ry)):
            half = int(rx * (1 - ((y - cy) / ry) ** 2) ** 0.5)
            self.rectangle(cx - half, y, cx + half, y + 1, colour)

    def png(self) -> bytes:
        rows = b"".join(
            b"\x00" + bytes(self.pixels[y * self.width * 3 : (y + 1) * self.width * 3]) for y in range(self.height)
        )
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)  # 8-bit RGB
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows, 9))
            + _chunk(b"IEND", b"")
        )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _shade(colour: Colour, rng: random.Random, spread: int = 25) -> Colour:
    r, g, b = (max(0, min(255, c + rng.randint(-spread, spread))) for c in colour)
    return r, g, b


def street_photo(rng: random.Random, category: str) -> bytes:
    """A street scene with the subject of a report of ``category`` (central.demo_feedback's categories)."""
    canvas = _Canvas(WIDTH, HEIGHT)
    for y in range(HORIZON):  # the sky, lighter towards the horizon
        canvas.rectangle(0, y, WIDTH, y + 1, (120 + y // 2, 170 + y // 3, 230))
    x = 0
    while x < WIDTH:  # shophouses, each with its windows
        width, height = rng.randint(34, 70), rng.randint(50, 105)
        wall = _shade(rng.choice(((230, 210, 170), (200, 200, 205), (240, 190, 150), (190, 215, 190))), rng)
        canvas.rectangle(x, HORIZON - height, x + width - 2, HORIZON, wall)
        for wy in range(HORIZON - height + 8, HORIZON - 14, 18):
            for wx in range(x + 6, x + width - 12, 14):
                canvas.rectangle(wx, wy, wx + 8, wy + 10, (90, 110, 130))
        x += width
    canvas.rectangle(0, HORIZON, WIDTH, KERB, (95, 95, 100))  # the road, its lane marks
    for mark in range(10, WIDTH, 50):
        canvas.rectangle(mark, 146, mark + 26, 150, (235, 235, 235))
    canvas.rectangle(0, KERB, WIDTH, HEIGHT, (180, 165, 150))  # the pavement's tiles
    for y in range(KERB + 12, HEIGHT, 16):
        canvas.rectangle(0, y, WIDTH, y + 1, (150, 138, 125))
    _subject(canvas, rng, category)
    return canvas.png()


def _subject(canvas: _Canvas, rng: random.Random, category: str) -> None:
    x = rng.randint(70, WIDTH - 70)
    if category == "Vệ sinh môi trường":  # bags of rubbish on the pavement
        for _ in range(rng.randint(4, 7)):
            colour = rng.choice(((30, 30, 35), (40, 90, 50), (200, 200, 190), (60, 60, 140)))
            canvas.ellipse(x + rng.randint(-40, 40), 200 + rng.randint(-8, 12), rng.randint(12, 22), 12, colour)
    elif category in ("Sự cố hạ tầng", "Giao thông"):  # a dark lamp or signal, a broken kerb
        canvas.rectangle(x - 3, 60, x + 3, 205, (70, 75, 80))
        canvas.rectangle(x - 14, 56, x + 14, 66, (50, 50, 50))
        canvas.ellipse(x + 30, 190, 26, 8, (60, 55, 50))
    elif category == "Trật tự đô thị":  # a stall on the pavement under an umbrella
        canvas.rectangle(x - 30, 185, x + 30, 215, (150, 90, 40))
        canvas.ellipse(x, 170, 44, 14, (220, 60, 50))
        canvas.rectangle(x - 2, 170, x + 2, 186, (60, 60, 60))
    else:  # standing water over the road and the pavement
        canvas.ellipse(x, 178, rng.randint(50, 80), rng.randint(10, 18), (90, 130, 170))
