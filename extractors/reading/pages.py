"""Every page's text of a document: the text layer where usable, OCR where not, safely.

A DocumentReader owns one pool of page workers for a run. The parent only sniffs the type,
checks the limits and counts pages (pypdfium2, Pillow's header); pdfminer, rendering and
Tesseract run in the workers, under a time and a memory limit. Bad input never raises:
DocumentText.error carries a Swedish reason for users.
"""
from __future__ import annotations

import io
import logging
import os
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pydantic
import pypdfium2 as pdfium
from PIL import Image, UnidentifiedImageError

from extractors.reading import limits
from extractors.model import DocumentText, PageText
from extractors.reading.page_worker import PageResult, PageTask
from extractors.reading.sniff import PDF, READABLE_TYPES, sniff_media_type
from extractors.reading.workers import Job, WorkerLost, WorkerPool, WorkerTimeout

log = logging.getLogger(__name__)
K = TypeVar("K")

PDFIUM_PASSWORD_ERROR = 4
LOOKAHEAD_PER_WORKER = 3
"""Pages kept queued per worker so cores stay busy while the caller handles a document."""


class ReadOptions(pydantic.BaseModel):
    languages: str = "swe+eng"
    dpi: int = 300
    workers: int = 0
    """Worker processes; 0 = one per core."""
    min_text_quality: float = 0.75
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_pixels: int = 100_000_000
    page_seconds: float = 60.0
    worker_memory_mb: int = 2048


@dataclass
class _Pending:
    key: object
    media_type: str
    path: Path | None = None
    jobs: list[Job] = field(default_factory=list)
    error: str | None = None


def _probe(data: bytes, media_type: str, options: ReadOptions) -> tuple[int, str | None]:
    """Page count, or why the document cannot be read, from its structure only."""
    if media_type == PDF:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == PDFIUM_PASSWORD_ERROR:
                return 0, limits.ENCRYPTED
            return 0, limits.CORRUPT
        try:
            return len(doc), None
        finally:
            doc.close()
    try:
        with limits.pixel_limit(options.max_pixels), Image.open(io.BytesIO(data)) as image:
            limits.check_pixels(image.width, image.height, options.max_pixels)
            return getattr(image, "n_frames", 1), None
    except limits.PixelLimitError as exc:
        return 0, str(exc)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return 0, limits.CORRUPT


def _check(data: bytes, media_type: str | None, options: ReadOptions) -> tuple[str, int, str | None]:
    """(media type, pages, error) before any page is read."""
    if not data:
        return media_type or "application/octet-stream", 0, limits.EMPTY
    sniffed = sniff_media_type(data)
    kind = sniffed or media_type or "application/octet-stream"
    if len(data) > options.max_bytes:
        return kind, 0, limits.too_large(len(data), options.max_bytes)
    if sniffed not in READABLE_TYPES:
        return kind, 0, limits.UNSUPPORTED
    pages, error = _probe(data, sniffed, options)
    if error is None and pages == 0:
        error = limits.NO_PAGES
    if error is None and pages > options.max_pages:
        error = limits.too_many_pages(pages, options.max_pages)
    return sniffed, pages, error


class DocumentReader:
    """Reads documents' pages on a pool of worker processes; a context manager."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        size = options.workers or os.cpu_count() or 1
        self._pool = WorkerPool(size, options.worker_memory_mb)
        self._tmp = tempfile.TemporaryDirectory(prefix="grant-intake-pages-")
        self._serial = 0
        self.stage_seconds: dict[str, float] = {}
        """Seconds per stage summed over all pages read (render, tesseract, ...)."""

    def __enter__(self) -> DocumentReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, data: bytes, media_type: str | None = None) -> DocumentText:
        return next(self.read_many([(None, data, media_type)]))[1]

    def read_many(
        self, items: Iterable[tuple[K, bytes, str | None]]
    ) -> Iterator[tuple[K, DocumentText]]:
        """In input order, with look-ahead: pages of the next documents are already being read on
        the other cores while the caller stores the previous one."""
        window: deque[_Pending] = deque()
        limit = self._pool.size * LOOKAHEAD_PER_WORKER
        for key, data, media_type in items:
            window.append(self._start(key, data, media_type))
            while window and (self._pool.outstanding >= limit or self._ready(window[0])):
                yield self._finish(window.popleft())
        while window:
            yield self._finish(window.popleft())

    def close(self) -> None:
        self._pool.close()
        self._tmp.cleanup()

    def _ready(self, pending: _Pending) -> bool:
        self._pool.poll()
        return all(j.done for j in pending.jobs)

    def _start(self, key: object, data: bytes, media_type: str | None) -> _Pending:
        kind, pages, error = _check(data, media_type, self.options)
        pending = _Pending(key, kind, error=error)
        if error is not None:
            log.info("document refused media_type=%s bytes=%s reason=%r", kind, len(data), error)
            return pending
        self._serial += 1
        pending.path = Path(self._tmp.name) / f"{self._serial}"
        pending.path.write_bytes(data)
        o = self.options
        seconds = limits.stretched(o.page_seconds)
        for index in range(pages):
            task = PageTask(str(pending.path), kind, index, o.languages, o.dpi,
                            o.min_text_quality, o.max_pixels, seconds)
            pending.jobs.append(self._pool.submit(task, seconds))
        return pending

    def _finish(self, pending: _Pending) -> tuple[object, DocumentText]:
        if pending.error is not None:
            return pending.key, DocumentText([], pending.media_type, pending.error)
        pages: list[PageText] = []
        for number, job in enumerate(pending.jobs, start=1):
            self._pool.wait(job)
            pages.append(self._page(number, job))
        if pending.path is not None:
            pending.path.unlink(missing_ok=True)
        failed = [p for p in pages if p.error]
        error = limits.on_page(failed[0].number, failed[0].error) if failed else None
        if failed and len(pages) == 1:
            error = failed[0].error
        return pending.key, DocumentText(pages, pending.media_type, error)

    def _page(self, number: int, job: Job) -> PageText:
        if isinstance(job.error, WorkerTimeout):
            reason = limits.too_slow(job.seconds)
        elif isinstance(job.error, MemoryError):
            reason = limits.OUT_OF_MEMORY
        elif isinstance(job.error, WorkerLost):
            reason = limits.WORKER_LOST
        else:
            result: PageResult = job.result
            for stage, seconds in result.seconds.items():
                self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds
            return result.page
        return PageText(number, 0.0, 0.0, [], "none", 0.0, reason)
