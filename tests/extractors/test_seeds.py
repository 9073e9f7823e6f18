"""The seed documents (../shared/seeds: Socialstyrelsen's instructions, a region's routine, a
government decision, a region's decision) rendered as PDFs — a text PDF and a scan — typed
right, and instructions raise no flag.

The seeds' texts are carried as fixtures (tests/extractors/fixtures/seed_*.txt). A scan is the
same page drawn on an image at 200 dpi and read by OCR, as a scanned letter is.
"""
from __future__ import annotations

import io
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from config.programs import default_programs
from extractors.fields import extract_fields
from extractors.model import Amount, DocumentText
from extractors.reading.pages import DocumentReader, ReadOptions
from tests.extractors.conftest import FONT
from validators.model import Context
from validators.run import validate

FIXTURES = Path(__file__).with_name("fixtures")
SEEDS = {
    "seed_000_instructions_2024.txt": "instruction",
    "seed_001_instructions_pilot_2023.txt": "instruction",
    "seed_002_decision.txt": "decision",
    "seed_003_routine_ocr.txt": "instruction",
    "seed_004_government_decision.txt": "instruction",
}
WIDTH = 95
"""Characters per rendered line (a paragraph of the seed wraps like a letter's)."""
LINES_PER_PAGE = 52
SCAN_PAGES = 2
"""Pages of a seed drawn as a scan: its title and first paragraphs decide its type."""


@pytest.fixture(scope="module")
def reader():
    """A reader with time to spare: seed 003's damaged text layer is read by OCR, and the
    tests must not depend on how busy the machine is."""
    with DocumentReader(ReadOptions(workers=2, page_seconds=300)) as r:
        yield r


def seed_lines(name: str) -> list[str]:
    lines: list[str] = []
    for paragraph in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        text = paragraph.strip().lstrip("#").strip()
        lines.extend(textwrap.wrap(text, WIDTH) if text else [""])
    return lines


def pages_of(lines: list[str]) -> list[list[str]]:
    return [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]


def text_pdf(lines: list[str]) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for page in pages_of(lines):
        y = A4[1] - 56
        for line in page:
            pdf.setFont("Helvetica", 9.5)
            pdf.drawString(56, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def scan_pdf(lines: list[str], dpi: int = 200) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    font = ImageFont.truetype(FONT, 9.5 * dpi / 72)
    for page in pages_of(lines)[:SCAN_PAGES]:
        image = Image.new("L", (int(8.27 * dpi), int(11.69 * dpi)), 255)
        draw = ImageDraw.Draw(image)
        y = 56 * dpi / 72
        for line in page:
            draw.text((56 * dpi / 72, y), line, fill=0, font=font)
            y += 14 * dpi / 72
        pdf.drawImage(ImageReader(image.convert("RGB")), 0, 0, *A4)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def flags_of(text: DocumentText) -> tuple[str, list[str]]:
    ex = extract_fields(text)
    ctx = Context(programs=default_programs(), received=datetime(2024, 3, 1, 9))
    return ex.document_type, [f.code for f in validate(ex, ctx)]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_as_text_pdf_typed_right(reader: DocumentReader, name: str) -> None:
    kind, flags = flags_of(reader.read(text_pdf(seed_lines(name)), "application/pdf"))
    assert kind == SEEDS[name]
    if kind == "instruction":
        assert flags == []


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_seed_as_scan_typed_right(reader: DocumentReader, name: str) -> None:
    text = reader.read(scan_pdf(seed_lines(name)), "application/pdf")
    assert text.ocr
    kind, flags = flags_of(text)
    assert kind == SEEDS[name]
    if kind == "instruction":
        assert flags == []


def test_seed_decision_states_its_amount(reader: DocumentReader) -> None:
    text = reader.read(text_pdf(seed_lines("seed_002_decision.txt")), "application/pdf")
    ex = extract_fields(text)
    assert ex.amounts["decided"] == Amount(1_300_000, 100_000)
    assert (ex.program, ex.grant_year) == ("hembesok", 2023)
