"""Reading one page, as a page worker process does it: text layer if usable, else OCR.

The worker keeps the document it read last open (pdfplumber and pypdfium2 handles), since
consecutive pages of one document usually land on the same worker; a pdfplumber page is
closed as soon as its words are out (flush_cache alone leaves pdfminer's objects held).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image, ImageOps

from extractors.reading import limits
from extractors.model import PageText
from extractors.reading.ocr import Stopwatch, ocr_page
from extractors.reading.pdf_text import page_words
from extractors.reading.pictures import WHOLE_PAGE, picture_boxes, read_pictures, with_picture_lines
from extractors.reading.sniff import PDF
from extractors.reading.text_quality import text_quality

log = logging.getLogger(__name__)

MIN_TEXT_WORDS = 5
"""A text layer this thin on a page that also carries an image (a stamp or page number over a
scan) is OCR'd as well."""
HIDDEN_SHARE = 0.1
"""Visible text a scanner's layer may come with (a page number or note typed on afterwards)."""
MIN_BILEVEL_DPI = 190
"""A bilevel scan coarser than about 200 dpi is rendered at the asked resolution: at 150 dpi
its letters are too small for Tesseract."""
MIN_IMAGE_DPI = 50
"""Image dpi below this is taken as unset (many cameras write 1 or 72)."""


@dataclass(frozen=True)
class PageTask:
    path: str
    media_type: str
    index: int
    """0-based page (frame) index."""
    languages: str = "swe+eng"
    dpi: int = 300
    min_text_quality: float = 0.75
    max_pixels: int = 100_000_000
    page_seconds: float = 60.0


@dataclass
class PageResult:
    page: PageText
    seconds: dict[str, float] = field(default_factory=dict)


class _OpenDocument:
    def __init__(self, path: str) -> None:
        self.path = path
        self.plumber: pdfplumber.PDF | None = None
        self.pdfium: pdfium.PdfDocument | None = None

    def text_pdf(self) -> pdfplumber.PDF:
        if self.plumber is None:
            self.plumber = pdfplumber.open(self.path)
        return self.plumber

    def render_pdf(self) -> pdfium.PdfDocument:
        if self.pdfium is None:
            self.pdfium = pdfium.PdfDocument(self.path)
        return self.pdfium

    def close(self) -> None:
        if self.plumber is not None:
            self.plumber.close()
        if self.pdfium is not None:
            self.pdfium.close()


_current: _OpenDocument | None = None


def _document(path: str) -> _OpenDocument:
    global _current
    if _current is None or _current.path != path:
        if _current is not None:
            _current.close()
        _current = _OpenDocument(path)
    return _current


def read_page(task: PageTask) -> PageResult:
    """Read one page; never raises for bad input (the PageText carries the error)."""
    watch = Stopwatch()
    number = task.index + 1
    started = time.monotonic()

    def seconds_left() -> float:
        return max(1.0, task.page_seconds - (time.monotonic() - started))

    try:
        if task.media_type == PDF:
            page = _read_pdf_page(task, watch, seconds_left)
        else:
            page = _read_image_page(task, watch, seconds_left)
    except limits.PixelLimitError as exc:
        page = PageText(number, 0.0, 0.0, [], "none", 0.0, str(exc))
    except MemoryError:
        page = PageText(number, 0.0, 0.0, [], "none", 0.0, limits.OUT_OF_MEMORY)
    except RuntimeError as exc:  # pytesseract's timeout
        if "timeout" not in str(exc).lower():
            raise
        page = PageText(number, 0.0, 0.0, [], "none", 0.0, limits.too_slow(task.page_seconds))
    except Exception as exc:  # a malformed page must not end the worker
        log.warning("page failed path=%s page=%s error=%r", task.path, number, exc)
        page = PageText(number, 0.0, 0.0, [], "none", 0.0, limits.CORRUPT)
    return PageResult(page, watch.seconds)


def _read_pdf_page(task: PageTask, watch: Stopwatch, seconds_left) -> PageText:
    number = task.index + 1
    doc = _document(task.path)
    words, width, height, has_images = [], 0.0, 0.0, True
    with watch.time("text layer"):
        try:
            page = doc.text_pdf().pages[task.index]
            try:
                width, height = float(page.width), float(page.height)
                words = page_words(page, number)
                images = [(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"]))
                          for i in page.images]
                has_images = bool(images)
            finally:
                page.close()
        except MemoryError:
            raise
        except Exception as exc:  # pdfminer on a damaged file; pdfium may still render it
            log.info("text layer unreadable path=%s page=%s error=%r", task.path, number, exc)
        quality = text_quality(w.text for w in words)
        scanners = bool(words) and has_images and scanner_text_layer(doc.render_pdf(), task.index)
    if words and not scanners and quality >= task.min_text_quality and \
            (len(words) >= MIN_TEXT_WORDS or not has_images):
        pictures = picture_boxes(images, words, width, height)
        if not pictures:
            return PageText(number, width, height, words, "text", round(quality, 3))
        with watch.time("render"):
            gray = _render(doc.render_pdf()[task.index], task.dpi, task.max_pixels)
        lines = read_pictures(gray, task.dpi, pictures, page=number, languages=task.languages,
                              deadline=seconds_left, watch=watch)
        if not lines:
            return PageText(number, width, height, words, "text", round(quality, 3))
        merged = with_picture_lines(words, lines)
        return PageText(number, width, height, merged, "text",
                        round(text_quality(w.text for w in merged), 3))

    with watch.time("render"):
        pdf_page = doc.render_pdf()[task.index]
        page_w, page_h = pdf_page.get_size()
        dpi = render_dpi(pdf_page, task.dpi)
        gray = _render(pdf_page, dpi, task.max_pixels)
    ocr = ocr_page(np.ascontiguousarray(gray), page=number, dpi=dpi,
                   languages=task.languages, deadline=seconds_left, watch=watch)
    ocr.width, ocr.height = page_w, page_h
    layer_reads_better = ocr.quality < task.min_text_quality <= quality if scanners \
        else quality * 0.9 > ocr.quality
    if words and layer_reads_better:
        return PageText(number, width, height, words, "text", round(quality, 3))
    return ocr


def _render(pdf_page: pdfium.PdfPage, dpi: float, max_pixels: int) -> np.ndarray:
    """The page as a grayscale array at ``dpi``; the page is closed."""
    try:
        page_w, page_h = pdf_page.get_size()
        scale = dpi / 72
        limits.check_pixels(int(page_w * scale), int(page_h * scale), max_pixels)
        gray = pdf_page.render(scale=scale, grayscale=True).to_numpy()
    finally:
        pdf_page.close()
    return gray[:, :, 0] if gray.ndim == 3 else gray


def scanner_text_layer(pdf: pdfium.PdfDocument, index: int) -> bool:
    """Whether a scanned page's text is a scanner's own OCR: drawn invisible (render mode 3)
    or beneath the page's image. Such a layer is read by an unknown engine and may have lost
    lines or split words ("R egion Got land") while every word still looks like Swedish, so
    the page is read from its image, as other scans are; the layer stands only where that
    reads much worse."""
    page = pdf[index]
    try:
        page_w, page_h = page.get_size()
        covering: list[int] = []
        texts: list[tuple[int, int]] = []
        for order, obj in enumerate(page.get_objects(max_depth=2)):
            if obj.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE:
                left, bottom, right, top = obj.get_bounds()
                if (right - left) * (top - bottom) >= WHOLE_PAGE * page_w * page_h:
                    covering.append(order)
            elif obj.type == pdfium_raw.FPDF_PAGEOBJ_TEXT:
                texts.append((order, pdfium_raw.FPDFTextObj_GetTextRenderMode(obj.raw)))
        if not covering or not texts:
            return False
        shown = sum(mode != pdfium_raw.FPDF_TEXTRENDERMODE_INVISIBLE and order > covering[-1]
                    for order, mode in texts)
        return shown <= HIDDEN_SHARE * len(texts)
    except pdfium.PdfiumError:
        return False
    finally:
        page.close()


def render_dpi(pdf_page: pdfium.PdfPage, dpi: float) -> float:
    """The resolution to render a page at for OCR: ``dpi``, but a page that is one bilevel
    image (a fax, a black-and-white scan) at its own resolution where that is lower.
    Scaling up a 1-bit image adds no detail, only grey rims, and the rims of its table
    rules outlive rule removal as faint lines over which Tesseract loses whole rows."""
    try:
        images = list(pdf_page.get_objects(filter=(pdfium_raw.FPDF_PAGEOBJ_IMAGE,),
                                           max_depth=1))
        if len(images) != 1:
            return dpi
        meta = images[0].get_metadata()
        left, bottom, right, top = images[0].get_bounds()
    except pdfium.PdfiumError:  # an image whose header pdfium cannot read: render as asked
        return dpi
    page_w, page_h = pdf_page.get_size()
    covers = (right - left) * (top - bottom) >= WHOLE_PAGE * page_w * page_h
    if meta.bits_per_pixel != 1 or not covers or right <= left:
        return dpi
    own = meta.width * 72 / (right - left)
    return min(dpi, own) if own >= MIN_BILEVEL_DPI else dpi


def _read_image_page(task: PageTask, watch: Stopwatch, seconds_left) -> PageText:
    number = task.index + 1
    with watch.time("render"):
        with limits.pixel_limit(task.max_pixels), Image.open(task.path) as image:
            image.seek(task.index)
            limits.check_pixels(image.width, image.height, task.max_pixels)
            dpi = float((image.info.get("dpi") or (0, 0))[0] or 0)
            if dpi < MIN_IMAGE_DPI:
                dpi = 72.0
            frame = ImageOps.exif_transpose(image) if task.index == 0 else image
            gray = np.asarray(frame.convert("L"))
    return ocr_page(np.ascontiguousarray(gray), page=number, dpi=dpi,
                    languages=task.languages, deadline=seconds_left, watch=watch)
