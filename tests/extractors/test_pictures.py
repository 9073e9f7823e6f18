"""A picture pasted into a text page (a screenshot of an account) is read; logos are not."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors.model import Word
from extractors.reading.pictures import picture_boxes
from tests.extractors.conftest import text_image

PAGE_W, PAGE_H = A4
LETTER = ["Återrapportering av statsbidrag 2023", "Region Kalmar län lämnar härmed redovisning.",
          "Se sammanställning nedan (utdrag ur ekonomisystemet)."]
ACCOUNT = ["Erhållet bidrag (kr)      975 000", "Förbrukade medel (kr)     912 400"]


def _word(x0: float, top: float) -> Word:
    return Word("text", 1, (x0, top, x0 + 30, top + 10))


@pytest.mark.parametrize(("box", "read"), [
    ((70, 286, 515, 439), True),    # a screenshot of an account
    ((60, 40, 210, 80), False),     # a logo
    ((70, 487, 190, 521), False),   # a signature
    ((0, 0, PAGE_W, PAGE_H), False),  # a scan: the page itself
    ((70, 300, 130, 700), False),   # a narrow strip down the margin
])
def test_which_pictures_are_read(box, read):
    assert (picture_boxes([box], [_word(70, 200)], PAGE_W, PAGE_H) == [box]) is read


def test_a_picture_under_the_text_layer_is_a_background():
    box = (50, 100, 545, 400)
    assert picture_boxes([box], [_word(70, 200)], PAGE_W, PAGE_H) == []


def _letter_with_picture() -> bytes:
    picture = text_image(ACCOUNT, dpi=200, size_pt=11).crop((0, 150, 1654, 400))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 11)
    for i, line in enumerate(LETTER):
        c.drawString(70, PAGE_H - 100 - 16 * i, line)
    c.drawImage(ImageReader(picture.convert("RGB")), 70, PAGE_H - 330, width=445, height=445 * 250 / 1654)
    c.drawString(70, PAGE_H - 400, "Med vänlig hälsning")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_text_pages_picture_is_read_in_its_place(reader):
    page = reader.read(_letter_with_picture()).pages[0]
    lines = page.text.splitlines()
    assert page.source == "text"
    assert lines[:3] == LETTER
    assert any("975 000" in line and "Erhållet" in line for line in lines[3:-1])
    assert lines[-1] == "Med vänlig hälsning"
    assert all(w.confidence == 1.0 for w in page.words if w.text in ("Region", "hälsning"))
