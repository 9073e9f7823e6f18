"""The media type of a file from its first bytes, never from its name."""
from __future__ import annotations

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
GIF = "image/gif"
BMP = "image/bmp"
WEBP = "image/webp"

READABLE_TYPES = frozenset({PDF, PNG, JPEG, TIFF, GIF, BMP, WEBP})
"""Media types the page reader can read (PDF and images Pillow decodes)."""

PDF_HEADER_WINDOW = 1024
"""Readers accept a PDF header anywhere in the first KiB (some mail gateways prepend junk)."""

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"II+\x00", TIFF),
    (b"MM\x00+", TIFF),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"BM", BMP),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (b"{\\rtf", "application/rtf"),
)


def sniff_media_type(data: bytes) -> str | None:
    """'application/pdf', 'image/png', 'image/jpeg', 'image/tiff', ... by the bytes, not names.

    None when the bytes match no known signature (plain text, random bytes, empty). A
    signature at the start wins over a PDF header further in: a zip (or an Office file) that
    stores a PDF uncompressed holds "%PDF-" in its first KiB and is still a zip.
    """
    if not data:
        return None
    if data[:5] == b"%PDF-":
        return PDF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    for magic, media_type in _SIGNATURES:
        if media_type != BMP and data.startswith(magic):
            return media_type
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return PDF
    if data.startswith(b"BM") and len(data) >= 26:
        return BMP
    return None
