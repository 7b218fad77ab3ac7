#!/usr/bin/env python3
"""Draws the Teams app icons of the CRM bot: a contact card (a person and three
lines of details) in white.

    manifest/make_icons.py           writes color.png and outline.png next to this script
    manifest/make_icons.py --check   exits 1 when the committed PNGs differ from what it draws
    manifest/make_icons.py -o DIR    writes them into DIR

color.png is 192x192: the glyph fills the central 96x96 on a solid accent-coloured
square (Teams' guidance for the color icon). outline.png is 32x32: the glyph in pure
white on a fully transparent background, no padding. Edges are anti-aliased by
supersampling; the outline's partly covered pixels stay white and only their alpha
changes. Python standard library only (zlib + struct); the output is byte-for-byte
reproducible, so the PNGs are committed and the build embeds them.
"""
import argparse
import os
import struct
import sys
import zlib

ACCENT = (0x2B, 0x57, 0x9A)  # the manifest's default accentColor
WHITE = (0xFF, 0xFF, 0xFF)
SUPERSAMPLE = 4  # 4x4 samples per pixel


def _rounded_rect(x, y, x0, y0, x1, y1, r):
    """True inside the rectangle [x0,x1]x[y0,y1] with corners rounded by r."""
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def _capsule(x, y, x0, x1, yc, half):
    """A horizontal bar from x0 to x1 at height yc, round caps, half-thickness half."""
    cx = min(max(x, x0), x1)
    return (x - cx) ** 2 + (y - yc) ** 2 <= half * half


def glyph(x, y):
    """The contact card in the unit square (y grows downwards)."""
    # The card: a rounded frame.
    outer = _rounded_rect(x, y, 0.02, 0.14, 0.98, 0.86, 0.13)
    inner = _rounded_rect(x, y, 0.10, 0.22, 0.90, 0.78, 0.06)
    if outer and not inner:
        return True
    if not inner:
        return False
    # The person: a head and the top of the shoulders, cut off by the frame.
    if (x - 0.32) ** 2 + (y - 0.42) ** 2 <= 0.095 ** 2:
        return True
    if y >= 0.57 and (x - 0.32) ** 2 + (y - 0.74) ** 2 <= 0.17 ** 2:
        return True
    # The details: three lines.
    return any(_capsule(x, y, 0.56, 0.80, yc, 0.04) for yc in (0.37, 0.50, 0.63))


def coverage(size, px, py, box):
    """Fraction of pixel (px, py) of a size x size image covered by the glyph drawn in box."""
    bx, by, bs = box
    hits = 0
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            x = (px + (sx + 0.5) / SUPERSAMPLE - bx) / bs
            y = (py + (sy + 0.5) / SUPERSAMPLE - by) / bs
            if 0 <= x <= 1 and 0 <= y <= 1 and glyph(x, y):
                hits += 1
    return hits / (SUPERSAMPLE * SUPERSAMPLE)


def png(size, rows):
    """An 8-bit RGBA PNG from rows of (r, g, b, a) tuples."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in rows)  # filter 0 per row
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8 bits, RGBA, deflate, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def color_icon():
    size = 192
    box = (48, 48, 96)  # the glyph in the central 96x96
    rows = []
    for py in range(size):
        row = []
        for px in range(size):
            a = coverage(size, px, py, box)
            row.append(tuple(round(bg + (fg - bg) * a) for bg, fg in zip(ACCENT, WHITE)) + (255,))
        rows.append(row)
    return png(size, rows)


def outline_icon():
    size = 32
    box = (0, 0, 32)
    rows = [[WHITE + (round(255 * coverage(size, px, py, box)),) for px in range(size)] for py in range(size)]
    # Fully transparent pixels are (0,0,0,0) by convention; the rest stay pure white.
    rows = [[px if px[3] else (0, 0, 0, 0) for px in row] for row in rows]
    return png(size, rows)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", default=here, help="output directory (default: next to this script)")
    parser.add_argument("--check", action="store_true", help="compare with the PNGs in the output directory")
    args = parser.parse_args()
    icons = {"color.png": color_icon(), "outline.png": outline_icon()}
    if args.check:
        stale = []
        for name, data in icons.items():
            path = os.path.join(args.out, name)
            if not os.path.exists(path) or open(path, "rb").read() != data:
                stale.append(name)
        if stale:
            print("make_icons.py: out of date: %s (run manifest/make_icons.py)" % ", ".join(stale), file=sys.stderr)
            return 1
        return 0
    os.makedirs(args.out, exist_ok=True)
    for name, data in icons.items():
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
