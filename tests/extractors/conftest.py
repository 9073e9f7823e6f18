"""Fixture builders for page reading: small scans, photos, TIFFs and PDFs made on the fly."""
from __future__ import annotations

import io
import os
import struct
import zlib

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors.reading.pages import DocumentReader, ReadOptions

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # in-process Tesseract calls, as in the workers

FONT = "DejaVuSans.ttf"
"""Debian's fonts-dejavu-core (Pillow's built-in font has no å, ä, ö)."""

LETTER_LINES = [
    "Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
    "Region Gotland rekvirerar statsbidrag för att stödja",
    "barnhälsovårdens förebyggande arbete med hembesök.",
    "Rekvirerat belopp 834 000 kronor",
    "Kommunal andel 40 % enligt § 245",
]


def text_image(lines: list[str] = LETTER_LINES, dpi: int = 150, size_pt: float = 12) -> Image.Image:
    """A white A4 page at ``dpi`` with ``lines`` in black, as a scanner makes it (grayscale)."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size_pt * dpi / 72)
    y = int(1.2 * dpi)
    for line in lines:
        draw.text((int(0.9 * dpi), y), line, fill=0, font=font)
        y += int(size_pt * 2.0 * dpi / 72)
    return image


TABLE_ROWS = [
    ("Personalkostnader, BHV-sjuksköterskor", "1 941 500"),
    ("Personalkostnader, socialtjänst", "1 089 000"),
    ("Resor och transporter", "176 500"),
    ("Utbildning och material", "353 000"),
    ("Summa förbrukade medel", "3 560 000"),
]


def dashed_table(rows: list[tuple[str, str]] = TABLE_ROWS, dpi: int = 300, *,
                 rules: bool = True, text: bool = True) -> Image.Image:
    """A two-column table framed by dashed rules, the value column's rule a few points left
    of its figures, as scanned forms have them. ``rules``/``text`` draw only one of the two."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 11 * dpi / 72)
    left, split, right = int(0.8 * dpi), int(4.2 * dpi), int(6.2 * dpi)
    row_h, top = int(0.3 * dpi), int(2 * dpi)
    dash, gap, thick = int(0.04 * dpi), int(0.035 * dpi), max(1, dpi // 150)
    bottom = top + row_h * len(rows)
    if rules:
        for y in range(top, bottom + 1, row_h):
            for x in range(left, right, dash + gap):
                draw.rectangle((x, y, min(x + dash, right), y + thick), fill=60)
        for x in (left, split, right):
            for y in range(top, bottom, dash + gap):
                draw.rectangle((x, y, x + thick, min(y + dash, bottom)), fill=60)
    if text:
        for i, (label, value) in enumerate(rows):
            y = top + i * row_h + row_h // 5
            draw.text((left + dpi // 12, y), label, fill=0, font=font)
            draw.text((split + dpi // 20, y), value, fill=0, font=font)
    return image


def binarised(image: Image.Image) -> Image.Image:
    return image.point(lambda v: 0 if v < 160 else 255)


def image_bytes(image: Image.Image, fmt: str, dpi: int = 150, **kw) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, dpi=(dpi, dpi), **kw)
    return buf.getvalue()


def scan_pdf(image: Image.Image, dpi: int = 150, hidden_text: list[str] | None = None) -> bytes:
    """A one-page A4 PDF showing ``image``; ``hidden_text`` as an invisible text layer on top,
    the way scanners' own OCR writes one."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(image.convert("RGB")), 0, 0, width=A4[0], height=A4[1])
    if hidden_text:
        text = c.beginText(65, A4[1] - 100)
        text.setTextRenderMode(3)
        text.setFont("Helvetica", 12)
        for line in hidden_text:
            text.textLine(line)
        c.drawText(text)
    c.showPage()
    c.save()
    return buf.getvalue()


def text_pdf(lines: list[str] = LETTER_LINES, pages: int = 1, encrypt: str | None = None) -> bytes:
    """A born-digital PDF with a text layer (Helvetica), ``pages`` pages long."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    for _ in range(pages):
        y = A4[1] - 90
        for line in lines:
            c.setFont("Helvetica", 12)
            c.drawString(65, y, line)
            y -= 24
        c.showPage()
    c.save()
    return buf.getvalue()


def blank_pdf(pages: int) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(pages):
        c.showPage()
    c.save()
    return buf.getvalue()


def png_bomb(width: int = 40_000, height: int = 40_000) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (1.6 billion by default)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def photo(image: Image.Image) -> Image.Image:
    """A phone-photo look: grey paper, soft focus, in colour."""
    paper = image.point(lambda v: 70 + v * 0.65)
    return paper.filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")


def shadowed(image: Image.Image, margin: float = 0.06) -> Image.Image:
    """A phone photo of the page on a dark desk: light falling off across the page to 60 %,
    low contrast (ink 55, paper 210 at best)."""
    page = np.asarray(image, np.float32)
    h, w = page.shape
    pad = int(margin * w)
    framed = np.full((h + 2 * pad, w + 2 * pad), 120.0, np.float32)
    framed[pad:pad + h, pad:pad + w] = 55 + page * 0.62
    ys, xs = np.mgrid[0:framed.shape[0], 0:framed.shape[1]]
    light = 0.6 + 0.4 * (xs / framed.shape[1] + ys / framed.shape[0]) / 2
    return Image.fromarray((framed * light).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))


def creased(image: Image.Image, top: float, height: float = 0.012) -> Image.Image:
    """``image`` folded across at ``top`` (a share of its height): a shadow deepening to 78 %
    over ``height`` of the page, then the fold's dark line (40 %) three pixels thick, across
    the whole width and whatever text lies there."""
    page = np.asarray(image, np.float32).copy()
    h = page.shape[0]
    a, b = int(top * h), int((top + height) * h)
    page[a:b] *= np.linspace(1.0, 0.78, b - a)[:, None]
    page[b:b + 3] *= 0.4
    return Image.fromarray(page.astype(np.uint8))


def dusty(image: Image.Image, share: float = 0.002, seed: int = 1) -> Image.Image:
    """``image`` with dust: ``share`` of its pixels start a dark speck of 1-3 pixels."""
    pixels = np.array(image)
    rng = np.random.default_rng(seed)
    h, w = pixels.shape
    n = int(share * h * w)
    for y, x, size in zip(rng.integers(0, h - 3, n), rng.integers(0, w - 3, n),
                          rng.integers(1, 4, n)):
        pixels[y:y + size, x:x + size] = 30
    return Image.fromarray(pixels)


@pytest.fixture(scope="module")
def reader():
    with DocumentReader(ReadOptions(workers=2, page_seconds=30)) as r:
        yield r
