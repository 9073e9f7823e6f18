"""DocumentReader end to end: real worker processes, real Tesseract, fixtures made here."""

import io

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors.reading import limits
from extractors.reading.pages import DocumentReader, ReadOptions
from tests.extractors.conftest import (
    LETTER_LINES,
    binarised,
    blank_pdf,
    image_bytes,
    photo,
    png_bomb,
    scan_pdf,
    text_image,
    text_pdf,
)

DAMAGED_LAYER = [
    "Rekvisition av statsbidrag f6r utokade hembesoksprogram 2024",
    "Region Gotland rekvirerar statsbidrag for att stédja",
    "barnhélsovardens forebyggande arbete med hembes6k.",
    "Rekvirerat belopp 834 000 kronor",
    "Kommunal andel 40 % enligt § 245",
    "Den svenska barn- och ungdomshélsovarden behdver bli mer sammanhéllen och genomfora fler",
    "forebyggande och hélsofrimjande insatser. Uppfdljningen kan forbattras genom en 6kad",
    "samverkan mellan centrala aktorer, f6r barn som 16per en forhojd risk, dér utanférskapet ér.",
]
"""What a scanner's own OCR made of the page (as seed 003): the image shows LETTER_LINES."""


def test_text_layer_is_used_without_ocr(reader):
    doc = reader.read(text_pdf(), "application/pdf")
    assert doc.error is None and not doc.ocr
    page = doc.pages[0]
    assert page.source == "text" and page.quality == 1.0
    assert "Rekvirerat belopp 834 000 kronor" in page.text
    assert all(w.confidence == 1.0 and w.page == 1 for w in page.words)


def test_damaged_text_layer_is_ocrd(reader):
    doc = reader.read(scan_pdf(text_image(), hidden_text=DAMAGED_LAYER))
    page = doc.pages[0]
    assert doc.error is None and page.source == "ocr"
    assert "barnhälsovårdens" in page.text and "834 000 kronor" in page.text
    assert "stédja" not in page.text


CLEAN_LAYER_MISSING_A_LINE = [line for line in LETTER_LINES if "belopp" not in line]
"""A scanner's OCR layer that reads as good Swedish but lost the line with the amount."""


def _page_over_image(image, text: list[str], text_first: bool) -> bytes:
    """A page with ``image`` covering it and ``text`` drawn visibly, before (so beneath, as
    some scanners hide their OCR) or after the image (a born-digital page on a background)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)

    def draw_text() -> None:
        c.setFont("Helvetica", 12)
        for i, line in enumerate(text):
            c.drawString(65, A4[1] - 100 - 24 * i, line)

    if text_first:
        draw_text()
    c.drawImage(ImageReader(image.convert("RGB")), 0, 0, width=A4[0], height=A4[1])
    if not text_first:
        draw_text()
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_scanners_own_text_layer_is_not_trusted_over_the_image(reader):
    doc = reader.read(scan_pdf(text_image(), hidden_text=CLEAN_LAYER_MISSING_A_LINE))
    page = doc.pages[0]
    assert page.source == "ocr"
    assert "834 000 kronor" in page.text


def test_a_scanners_layer_stands_where_the_image_reads_as_nothing(reader):
    blank = Image.new("L", text_image().size, 255)
    doc = reader.read(scan_pdf(blank, hidden_text=LETTER_LINES))
    assert doc.pages[0].source == "text" and "834 000 kronor" in doc.pages[0].text


def test_text_hidden_beneath_a_scans_image_is_a_scanners_layer(reader):
    doc = reader.read(_page_over_image(text_image(), CLEAN_LAYER_MISSING_A_LINE, text_first=True))
    assert doc.pages[0].source == "ocr" and "834 000 kronor" in doc.pages[0].text


def test_visible_text_over_a_background_image_is_the_text_layer(reader):
    background = Image.new("L", (800, 1130), 235)
    doc = reader.read(_page_over_image(background, LETTER_LINES, text_first=False))
    assert doc.pages[0].source == "text" and "834 000 kronor" in doc.pages[0].text


def test_scanned_pdf_words_are_in_points(reader):
    doc = reader.read(scan_pdf(text_image()))
    words = doc.pages[0].words
    amount = next(w for w in words if w.text == "834")
    # the line was drawn 1.2 in + 3 × 24 pt from the top at 12 pt
    assert 1.2 * 72 + 3 * 24 - 4 < amount.bbox[1] < 1.2 * 72 + 3 * 24 + 12
    assert 0.5 < amount.confidence <= 1.0


@pytest.mark.parametrize("degrees", [90, 180])
def test_rotated_scan_is_read_upright(reader, degrees):
    image = text_image().rotate(degrees, expand=True)
    doc = reader.read(image_bytes(image, "PNG"), "image/png")
    assert doc.error is None
    assert "Rekvirerat belopp 834 000 kronor" in doc.pages[0].text


def test_skewed_binarised_scan(reader):
    image = binarised(text_image()).rotate(3, fillcolor=255)
    doc = reader.read(scan_pdf(image))
    assert "Rekvirerat belopp 834 000 kronor" in doc.pages[0].text


def test_jpeg_photo(reader):
    doc = reader.read(image_bytes(photo(text_image()), "JPEG", quality=80))
    assert doc.media_type == "image/jpeg" and doc.error is None
    page = doc.pages[0]
    assert "834 000 kronor" in page.text
    assert abs(page.width - 595) < 3  # 150 dpi pixels mapped to points


def test_multi_page_tiff(reader):
    first = text_image(["Sida ett: Region Gotland"])
    second = text_image(["Sida två: Rekvirerat belopp 834 000 kronor"])
    data = image_bytes(first, "TIFF", save_all=True, append_images=[second], compression="tiff_lzw")
    doc = reader.read(data, None)
    assert doc.media_type == "image/tiff" and [p.number for p in doc.pages] == [1, 2]
    assert "Gotland" in doc.pages[0].text and "834 000" in doc.pages[1].text
    assert all(w.page == 2 for w in doc.pages[1].words)


def test_png_bomb_is_refused_without_decoding(reader):
    doc = reader.read(png_bomb(), "image/png")
    assert doc.error == "Bilden har 1 600 000 000 bildpunkter; gränsen är 100 000 000"
    assert doc.pages == []  # how fast: benchmarks/test_timing.py


def test_bomb_between_one_and_two_times_the_limit_is_refused(reader):
    doc = reader.read(png_bomb(12_000, 10_000))
    assert doc.error == "Bilden har 120 000 000 bildpunkter; gränsen är 100 000 000"


def test_encrypted_pdf(reader):
    assert reader.read(text_pdf(encrypt="hemligt")).error == "Filen är krypterad"


def test_truncated_pdf(reader):
    data = text_pdf()
    doc = reader.read(data[: len(data) // 3])
    assert doc.error == "Filen är skadad eller avkortad och kan inte läsas"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "Filen är tom"),
        (bytes(range(256)) * 8, "Filtypen stöds inte"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, "Filen är skadad eller avkortad och kan inte läsas"),
        ("Hej! Rekvisitionen kommer i nästa brev.".encode(), "Filtypen stöds inte"),
    ],
)
def test_bad_bytes_get_a_reason(reader, data, reason):
    doc = reader.read(data, "application/pdf")
    assert doc.error == reason and doc.pages == []


def test_page_limit_refuses(reader):
    doc = reader.read(blank_pdf(400))
    assert doc.error == "Dokumentet har 400 sidor; gränsen är 200"  # how fast: benchmarks/


def test_size_limit():
    with DocumentReader(ReadOptions(workers=1, max_bytes=1000)) as small:
        doc = small.read(text_pdf())
    assert doc.error.startswith("Filen är ") and doc.error.endswith("gränsen är 1 000")


def test_slow_page_gets_its_error_and_the_run_goes_on(monkeypatch):
    monkeypatch.setattr(limits.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    with DocumentReader(ReadOptions(workers=1, page_seconds=0.2)) as hasty:
        results = dict(hasty.read_many([
            ("scan", scan_pdf(text_image(LETTER_LINES * 6)), None),
            ("text", text_pdf(), None),
        ]))
    assert results["scan"].error == "Sidan tog längre tid än 0.2 s att läsa"
    assert results["text"].error is None and "834 000" in results["text"].text


def test_read_many_keeps_input_order(reader):
    items = [(i, text_pdf([f"Dokument nummer {i}"]), None) for i in range(5)]
    items.insert(2, ("scan", scan_pdf(text_image(["Dokument skannat"])), None))
    results = list(reader.read_many(items))
    assert [k for k, _ in results] == [0, 1, "scan", 2, 3, 4]
    assert "skannat" in results[2][1].text and "nummer 4" in results[-1][1].text


@pytest.mark.parametrize(("load", "seconds"), [(0.5, 60), (4.0, 120), (40.0, 240)])
def test_the_time_limit_stretches_with_the_load_per_core(monkeypatch, load, seconds):
    monkeypatch.setattr(limits.os, "getloadavg", lambda: (load, 0.0, 0.0))
    monkeypatch.setattr(limits.os, "cpu_count", lambda: 2)
    assert limits.stretched(60) == seconds
    assert limits.too_slow(limits.stretched(60)).endswith(f"än {seconds} s att läsa")
