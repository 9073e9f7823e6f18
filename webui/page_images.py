"""Pages of a stored PDF as PNG images, and the page sizes the evidence boxes are scaled to.

PDFium is not thread-safe and the routes run in a thread pool, so every call holds one lock.
"""
from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium

RENDER_SCALE = 1.5
"""Pixels per PDF point: 108 dpi, sharp enough to read, small enough to load quickly."""

_lock = threading.Lock()


class PageImageError(ValueError):
    """The PDF or the page cannot be rendered."""


@contextmanager
def _open(pdf: bytes) -> Iterator[pdfium.PdfDocument]:
    """The document under the PDFium lock; PageImageError for a file PDFium cannot open."""
    with _lock:
        try:
            doc = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as exc:
            raise PageImageError(str(exc)) from exc
        try:
            yield doc
        finally:
            doc.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    with _open(pdf) as doc:
        return [doc.get_page_size(i) for i in range(len(doc))]


def render_page_png(pdf: bytes, page_number: int, scale: float = RENDER_SCALE) -> bytes:
    """Page ``page_number`` (1-based) as PNG bytes."""
    with _open(pdf) as doc:
        if not 1 <= page_number <= len(doc):
            raise PageImageError(f"no page {page_number}")
        page = doc[page_number - 1]
        image = page.render(scale=scale).to_pil()
        page.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
