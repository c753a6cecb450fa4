"""Where an image ends in its file, for each accepted format, read from its structure.

An upload's structure is walked before any parser sees it: a file that ends before
its image does (``Truncated``), that carries something after it, or whose structure
is not that of its format (``Damaged``) is refused without decoding a pixel.
"""

import re
import struct

from PIL import Image

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# In a JPEG's entropy-coded data, 0xFF is followed by 0x00 (stuffing), a restart
# marker (0xD0-0xD7) or another 0xFF (fill); anything else is the next marker.
_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


class Truncated(Exception):
    """The file ends before the image does."""


class Damaged(Exception):
    """The file's structure is not that of its format."""


def sniff(data: bytes) -> str | None:
    """Return the accepted format that ``data`` starts like, or None.

    Pillow then parses it as that format only: an upload never reaches the parsers
    of EPS, PSD, TIFF or the dozens of other formats Pillow knows.
    """
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(_PNG_SIGNATURE):
        return "PNG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def looks_like_svg(data: bytes) -> bool:
    """Return whether ``data`` starts like an SVG drawing (XML, not an image)."""
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) and b"<svg" in head


def _jpeg_segments(data: bytes, start: int):
    """Yield (marker, payload start, payload end) of the JPEG at ``start``, to EOI."""
    if data[start : start + 2] != b"\xff\xd8":
        raise Damaged
    pos = start + 2
    while True:
        pos = data.find(b"\xff", pos)  # skipping stray bytes, as libjpeg does
        if pos < 0:
            raise Truncated
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            raise Truncated
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            yield marker, pos, pos
            return
        if marker == 0x00 or marker == 0x01 or 0xD0 <= marker <= 0xD8:
            continue  # no length follows these
        if pos + 2 > len(data):
            raise Truncated
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            raise Damaged
        end = pos + length
        if end > len(data):
            raise Truncated
        yield marker, pos + 2, end
        pos = end
        if marker == 0xDA:  # SOS: entropy-coded data runs to the next marker
            found = _JPEG_MARKER.search(data, pos)
            if found is None:
                raise Truncated
            pos = found.start()


def _jpeg_end(data: bytes, start: int = 0) -> int:
    """Return the offset just past the EOI of the JPEG starting at ``start``."""
    for marker, _begin, end in _jpeg_segments(data, start):
        if marker == 0xD9:
            return end
    raise Truncated  # pragma: no cover - the generator returns only after EOI


def mpo_end(data: bytes, image: Image.Image) -> int:
    """Return where the last of a camera file's declared pictures ends."""
    header = next(
        (
            begin + 4
            for marker, begin, end in _jpeg_segments(data, 0)
            if marker == 0xE2 and data[begin : begin + 4] == b"MPF\x00"
        ),
        None,
    )
    if header is None:
        raise Damaged
    end = 0
    for entry in image.mpinfo[0xB002][1:]:
        offset = header + entry["DataOffset"]
        end = max(end, _jpeg_end(data, offset))
    return end


def _png_end(data: bytes) -> int:
    """Return the offset just past the PNG's IEND chunk."""
    pos = len(_PNG_SIGNATURE)
    while True:
        if pos + 8 > len(data):
            raise Truncated
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        pos += 12 + length  # length, type, data, CRC
        if pos > len(data):
            raise Truncated
        if kind == b"IEND":
            return pos


def _gif_end(data: bytes) -> int:
    """Return the offset just past the GIF's trailer (0x3B)."""
    if len(data) < 13:
        raise Truncated
    pos = 13 + _gif_colour_table(data[10])
    while True:
        if pos >= len(data):
            raise Truncated
        block = data[pos]
        if block == 0x3B:  # trailer
            return pos + 1
        if block == 0x21:  # extension: label, then sub-blocks
            pos = _gif_sub_blocks(data, pos + 2)
        elif block == 0x2C:  # image descriptor, colour table, LZW size, sub-blocks
            if pos + 10 > len(data):
                raise Truncated
            pos += 10 + _gif_colour_table(data[pos + 9]) + 1
            pos = _gif_sub_blocks(data, pos)
        else:
            raise Damaged


def _gif_colour_table(flags: int) -> int:
    return 3 * 2 ** ((flags & 0x07) + 1) if flags & 0x80 else 0


def _gif_sub_blocks(data: bytes, pos: int) -> int:
    while True:
        if pos >= len(data):
            raise Truncated
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def _webp_end(data: bytes) -> int:
    """Return the end of the WebP's RIFF container, as its header declares it."""
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data):
        raise Truncated
    return end


def webp_size(data: bytes) -> tuple[int, int] | None:
    """Return the canvas size a WebP file's first chunk declares, or None."""
    kind = data[12:16]
    if kind == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        return width, int.from_bytes(data[27:30], "little") + 1
    return None


def is_lossless(data: bytes, image_format: str) -> bool:
    """Return whether the source kept every pixel exactly (PNG, GIF, WebP VP8L)."""
    if image_format in ("PNG", "GIF"):
        return True
    if image_format != "WEBP":
        return False
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        if kind in (b"VP8 ", b"VP8L"):
            return kind == b"VP8L"
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        pos += 8 + size + (size & 1)
    return False


_END_OF = {"JPEG": _jpeg_end, "PNG": _png_end, "GIF": _gif_end, "WEBP": _webp_end}


def image_end(data: bytes, image_format: str) -> int:
    """Return the offset just past the image, as its format's structure declares."""
    return _END_OF[image_format](data)
