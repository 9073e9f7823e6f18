"""Pages of a stored document (PDF, JPEG, PNG, TIFF with every frame) as PNG images within a
pixel budget, and page sizes in the units the evidence boxes are given in.

Boxes are PDF points from the page's top-left corner. For an image that is what the extractor
makes of pixels: ``px × 72 / dpi``, the dpi from the file when it is at least MIN_IMAGE_DPI,
else 72, and the first frame turned upright by its EXIF orientation (extractors.reading.page_worker).

These functions run in the renderer's worker process (webui.page_renderer), never in the
web process: a page can be as large as a PDF allows (200 000 pt a side) and decoding can be slow.
"""
from __future__ import annotations

import io
import math
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium
from PIL import Image

from extractors.reading.limits import PixelLimitError, pixel_limit

PDF = "application/pdf"
IMAGE_TYPES = ("image/jpeg", "image/png", "image/tiff")
RENDERABLE = (PDF, *IMAGE_TYPES)
RENDER_SCALE = 1.5
"""Pixels per PDF point at zoom 1: 108 dpi, sharp enough to read, small enough to load quickly."""
ZOOMS = (1, 2, 3)
MAX_PIXELS = 6_000_000
"""The most pixels one page image has, whatever the page size and zoom (about 18 MB as RGB)."""
MIN_IMAGE_DPI = 50
"""As extractors.reading.page_worker.MIN_IMAGE_DPI (not imported: that module loads the OCR stack)."""
MAX_SIDE = 8_000
"""The longest side of a page image in pixels (a 200 000 × 10 pt strip stays narrow)."""


class PageImageError(ValueError):
    """The document or the page cannot be shown as an image."""


Size = tuple[float, float]


def render_scale(width: float, height: float, zoom: float = 1) -> float:
    """Pixels per unit for a ``width`` × ``height`` page: the zoom's scale unless that would
    exceed MAX_PIXELS or MAX_SIDE."""
    if width <= 0 or height <= 0:
        raise PageImageError("the page has no size")
    return min(RENDER_SCALE * zoom, math.sqrt(MAX_PIXELS / (width * height)),
               MAX_SIDE / max(width, height))


def _pixels(width: float, height: float, scale: float) -> tuple[int, int]:
    return max(1, round(width * scale)), max(1, round(height * scale))


@contextmanager
def _pdf(path: str) -> Iterator[pdfium.PdfDocument]:
    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise PageImageError(str(exc)) from exc
    try:
        yield doc
    finally:
        doc.close()


@contextmanager
def _image(path: str, max_pixels: int) -> Iterator[Image.Image]:
    try:
        with pixel_limit(max_pixels), Image.open(path) as image:
            yield image
    except PixelLimitError as exc:
        raise PageImageError(str(exc)) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise PageImageError(f"the image cannot be read: {exc}") from exc


TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
             4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
             6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
             8: Image.Transpose.ROTATE_90}
"""EXIF orientation → the turn that makes the image upright (as ImageOps.exif_transpose)."""
SWAPS_SIDES = frozenset({Image.Transpose.TRANSPOSE, Image.Transpose.TRANSVERSE,
                         Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_270})


def _seek(image: Image.Image, number: int) -> Image.Transpose | None:
    """Go to frame ``number`` (1-based); the turn that makes it upright (first frame only)."""
    try:
        image.seek(number - 1)
    except EOFError:
        raise PageImageError(f"no page {number}") from None
    return TRANSPOSE.get(image.getexif().get(0x0112, 1)) if number == 1 else None


def _frame_size(image: Image.Image, turn: Image.Transpose | None) -> Size:
    """The frame's size in points, upright, the way the extractor measures it."""
    dpi = float((image.info.get("dpi") or (0, 0))[0] or 0)
    if dpi < MIN_IMAGE_DPI:
        dpi = 72.0
    width, height = image.size[::-1] if turn in SWAPS_SIDES else image.size
    return width * 72.0 / dpi, height * 72.0 / dpi


def page_sizes(path: str, media_type: str, first: int, count: int,
               max_pixels: int = 100_000_000) -> list[Size]:
    """(width, height) in points of pages ``first`` .. ``first + count - 1`` that exist."""
    if media_type == PDF:
        with _pdf(path) as doc:
            last = min(len(doc), first + count - 1)
            return [doc.get_page_size(i - 1) for i in range(first, last + 1)]
    if media_type not in IMAGE_TYPES:
        raise PageImageError(f"no page images for {media_type}")
    sizes = []
    with _image(path, max_pixels) as image:
        frames = getattr(image, "n_frames", 1)
        for number in range(first, min(frames, first + count - 1) + 1):
            sizes.append(_frame_size(image, _seek(image, number)))
    return sizes


def render_page_png(path: str, media_type: str, number: int, zoom: float = 1,
                    max_pixels: int = 100_000_000) -> bytes:
    """Page ``number`` (1-based) as PNG bytes, within MAX_PIXELS."""
    if media_type == PDF:
        with _pdf(path) as doc:
            if not 1 <= number <= len(doc):
                raise PageImageError(f"no page {number}")
            page = doc[number - 1]
            try:
                scale = render_scale(*page.get_size(), zoom)
                image = page.render(scale=scale, may_draw_forms=False).to_pil()
            finally:
                page.close()
    elif media_type in IMAGE_TYPES:
        with _image(path, max_pixels) as source:
            turn = _seek(source, number)
            if source.width * source.height > max_pixels:
                raise PageImageError(f"page {number} has more than {max_pixels} pixels")
            width, height = _frame_size(source, turn)
            target = _pixels(width, height, render_scale(width, height, zoom))
            swap = turn in SWAPS_SIDES
            upright = source.size[::-1] if swap else source.size
            if target[0] > upright[0]:
                target = upright
            source.draft("RGB", target[::-1] if swap else target)
            image = source.convert("RGB")
            if turn is not None:
                image = image.transpose(turn)
            image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=2.0)
    else:
        raise PageImageError(f"no page images for {media_type}")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()
