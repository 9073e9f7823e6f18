"""Why a document or page could not be read: the Swedish reasons users see."""
from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image

EMPTY = "Filen är tom"
UNSUPPORTED = "Filtypen stöds inte"
ENCRYPTED = "Filen är krypterad"
CORRUPT = "Filen är skadad eller avkortad och kan inte läsas"
NO_PAGES = "Dokumentet har inga sidor"
OUT_OF_MEMORY = "Sidan kräver mer minne än tillåtet och kan inte läsas"
WORKER_LOST = "Sidan kunde inte läsas: läsningen avbröts oväntat"
OCR_FAILED = "Sidan kunde inte tolkas med OCR"


def thousands(n: int) -> str:
    """1600000000 → '1 600 000 000' (Swedish digit grouping)."""
    return f"{n:,}".replace(",", " ")


def too_large(size: int, limit: int) -> str:
    return f"Filen är {thousands(size)} byte; gränsen är {thousands(limit)}"


def too_many_pages(pages: int, limit: int) -> str:
    return f"Dokumentet har {pages} sidor; gränsen är {limit}"


def too_many_pixels(pixels: int, limit: int) -> str:
    return f"Bilden har {thousands(pixels)} bildpunkter; gränsen är {thousands(limit)}"


MAX_STRETCH = 4.0
"""The most a page's time limit grows on a busy machine."""


def stretched(seconds: float) -> float:
    """A page's wall-clock limit on this machine now: the limit is meant for a pathological
    page, not for a machine running more than it has cores (a batch of scans, the tests), so
    it grows with the load per core, up to MAX_STRETCH times."""
    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    return seconds * min(MAX_STRETCH, max(1.0, load))


def too_slow(seconds: float) -> str:
    shown = f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.2g}"
    return f"Sidan tog längre tid än {shown} s att läsa"


def on_page(number: int, reason: str) -> str:
    return f"Sida {number}: {reason}"


class PixelLimitError(Exception):
    def __init__(self, pixels: int, limit: int) -> None:
        super().__init__(too_many_pixels(pixels, limit))
        self.pixels, self.limit = pixels, limit


_BOMB_SIZE = re.compile(r"\((\d+) pixels\)")


@contextmanager
def pixel_limit(limit: int) -> Iterator[None]:
    """Pillow refuses images over ``limit`` pixels while the header is read, before decoding.

    Pillow only warns between 1× and 2× its MAX_IMAGE_PIXELS; the warning is made an error
    here, and both come out as PixelLimitError.
    """
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = limit
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                yield
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
                found = _BOMB_SIZE.search(str(exc))
                raise PixelLimitError(int(found.group(1)) if found else limit + 1, limit) from exc
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def check_pixels(width: int, height: int, limit: int) -> None:
    if width * height > limit:
        raise PixelLimitError(width * height, limit)
