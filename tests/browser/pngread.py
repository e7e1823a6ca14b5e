"""A PNG decoder small enough to read: 8-bit RGB and RGBA, not interlaced, as Chromium's screenshots are.

Standard library only (zlib). ``decode_png`` returns (width, height, rows),
each row a list of (r, g, b) tuples; ``coloured_fraction`` says how much of a
picture is coloured rather than white, grey or black.
"""

import struct
import zlib

__all__ = ["decode_png", "coloured_fraction", "COLOURED"]

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {2: 3, 6: 4}  # colour type: RGB, RGBA
COLOURED = 60  # max(r, g, b) - min(r, g, b): the map's blues and reds are far above; greys and text are 0


def decode_png(data: bytes) -> "tuple[int, int, list[list[tuple[int, int, int]]]]":
    """Return (width, height, rows of (r, g, b)) from PNG bytes; raise ValueError for what it does not read."""
    if data[:8] != SIGNATURE:
        raise ValueError("not a PNG: the first 8 bytes are %r" % data[:8])
    at, idat, header = 8, [], None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        at += 12 + length  # length, type, body, CRC
    if header is None:
        raise ValueError("a PNG without IHDR")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError("only 8-bit RGB or RGBA without interlace, got depth %d, colour type %d, interlace %d"
                         % (depth, colour, interlace))
    step = CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * step
    rows, previous = [], bytearray(stride)
    for r in range(height):
        start = r * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), previous, step)
        rows.append([(line[i], line[i + 1], line[i + 2]) for i in range(0, stride, step)])
        previous = line
    return width, height, rows


def _unfilter(kind: int, line: bytearray, above: bytearray, step: int) -> bytearray:
    """Undo one row's filter (PNG specification, section 9): None, Sub, Up, Average or Paeth."""
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        up = above[i]
        corner = above[i - step] if i >= step else 0
        if kind == 1:
            line[i] = (line[i] + left) & 255
        elif kind == 2:
            line[i] = (line[i] + up) & 255
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 255
        elif kind == 4:
            line[i] = (line[i] + _paeth(left, up, corner)) & 255
        elif kind != 0:
            raise ValueError("unknown PNG filter %d" % kind)
    return line


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def coloured_fraction(picture: "tuple[int, int, list[list[tuple[int, int, int]]]]") -> float:
    """Return the fraction of pixels whose channels differ by COLOURED or more (not white, grey or black)."""
    width, height, rows = picture
    coloured = 0
    for row in rows:
        for r, g, b in row:
            if max(r, g, b) - min(r, g, b) >= COLOURED:
                coloured += 1
    return coloured / float(width * height) if width * height else 0.0
