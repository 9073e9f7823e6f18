"""Tick boxes on scanned forms: found by shape, read by the ink inside, marked as ☒ or ☐."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.reading.checkboxes import (EMPTY, TICKED, TickBox, find_boxes, mark_boxes,
                                           pixels_per_mm)
from extractors.reading.ocr import ocr_page
from extractors.reading.tesseract import RawWord
from tests.extractors.conftest import FONT

BOX_MM = 3.5


def _mm(dpi: int, mm: float) -> int:
    return round(mm * dpi / 25.4)


def tick_form(dpi: int = 300) -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    """A form: a crossed box, a checked box, an empty box before options, and
    what is not a box: a letter "O" and a "D" the size of a box, a row of small table cells,
    a table cell with a figure. Returns the image and where each box and decoy was drawn
    (left, top, width, height)."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 11 * dpi / 72)
    big = ImageFont.truetype(FONT, 17 * dpi / 72)
    side, stroke = _mm(dpi, BOX_MM), max(2, _mm(dpi, 0.25))
    left, text_left = _mm(dpi, 25), _mm(dpi, 32)
    where: dict[str, tuple[int, int, int, int]] = {}

    def box(name: str, x: int, y: int) -> None:
        draw.rectangle((x, y, x + side - 1, y + side - 1), outline=0, width=stroke)
        where[name] = (x, y, side, side)

    draw.text((left, _mm(dpi, 15)), "Statsbidraget avser (kryssa i ett alternativ):", fill=0,
              font=font)
    rows = {"cross": _mm(dpi, 24), "check": _mm(dpi, 31), "empty": _mm(dpi, 38)}
    labels = {"cross": "Utökade hembesöksprogram inom barnhälsovården",
              "check": "Pilotverksamhet i barnhälsovården",
              "empty": "Annan verksamhet enligt beslut"}
    for name, y in rows.items():
        box(name, left, y)
        draw.text((text_left, y - _mm(dpi, 0.3)), labels[name], fill=0, font=font)
    x, y = where["cross"][:2]
    inset = side // 5
    draw.line((x + inset, y + inset, x + side - inset, y + side - inset), fill=0, width=stroke + 1)
    draw.line((x + inset, y + side - inset, x + side - inset, y + inset), fill=0, width=stroke + 1)
    x, y = where["check"][:2]
    draw.line([(x + side * 0.2, y + side * 0.5), (x + side * 0.42, y + side * 0.8),
               (x + side * 0.9, y + side * 0.1)], fill=0, width=stroke + 2, joint="curve")
    letters_y = _mm(dpi, 50)
    for name, letter, x in (("O", "O", left), ("D", "D", left + _mm(dpi, 10))):
        draw.text((x, letters_y), letter, fill=0, font=big)
        where[name] = (x, letters_y, side, side)
    cells_y = _mm(dpi, 62)
    for i in range(4):  # a comb of small cells, as for an organisation number
        draw.rectangle((left + i * (side - stroke), cells_y, left + i * (side - stroke) + side,
                        cells_y + side), outline=0, width=stroke)
    where["cells"] = (left, cells_y, 4 * side, side)
    cell = (_mm(dpi, 80), _mm(dpi, 60), _mm(dpi, 40), _mm(dpi, 9))
    draw.rectangle((cell[0], cell[1], cell[0] + cell[2], cell[1] + cell[3]), outline=0,
                   width=stroke)
    draw.text((cell[0] + _mm(dpi, 2), cell[1] + _mm(dpi, 2)), "834 000", fill=0, font=font)
    where["cell"] = cell
    return image, where


def scanned(image: Image.Image, blur: float = 1.2, grain: float = 14, quality: int = 55,
            seed: int = 3) -> Image.Image:
    """``image`` as a scan: blurred, grainy, grey paper, JPEG; by default a poor one."""
    blurred = np.asarray(image.filter(ImageFilter.GaussianBlur(blur)), dtype=float)
    noise = np.random.default_rng(seed).normal(0, grain, blurred.shape)
    noisy = Image.fromarray(np.clip(blurred * 0.9 + 20 + noise, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    noisy.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def _near(found: tuple[int, int, int, int], drawn: tuple[int, int, int, int]) -> bool:
    return all(abs(a - b) <= max(3, drawn[2] // 8) for a, b in zip(found, drawn))


@pytest.mark.parametrize("dpi", [300, 200])
def test_boxes_are_found_and_read_on_a_poor_scan(dpi):
    image, where = tick_form(dpi)
    boxes = find_boxes(np.asarray(scanned(image)), pixels_per_mm(image.width, dpi))
    assert len(boxes) == 3, boxes
    read = {name: b.ticked for b in boxes for name in ("cross", "check", "empty")
            if _near(b.box, where[name])}
    assert read == {"cross": True, "check": True, "empty": False}


def test_a_photo_without_a_resolution_is_scaled_as_an_a4_page():
    image, _ = tick_form(150)
    photo = scanned(image, blur=0.8, grain=10, quality=70)
    boxes = find_boxes(np.asarray(photo), pixels_per_mm(image.width, 72))
    assert [b.ticked for b in boxes] == [True, True, False]


def test_ocr_words_over_the_boxes_become_markers_on_their_lines():
    image, where = tick_form(300)
    page = ocr_page(np.asarray(scanned(image, blur=0.6, grain=6, quality=75)), page=1, dpi=300)
    lines = page.text.splitlines()
    assert f"{TICKED} Utökade hembesöksprogram inom barnhälsovården" in lines
    assert f"{TICKED} Pilotverksamhet i barnhälsovården" in lines
    assert f"{EMPTY} Annan verksamhet enligt beslut" in lines
    markers = [w for w in page.words if w.text in (TICKED, EMPTY)]
    assert len(markers) == 3
    x, y, side, _ = where["cross"]
    points = 72 / 300
    cross = next(w for w in markers if abs(w.bbox[1] - y * points) < 2)
    assert cross.bbox[0] == pytest.approx(x * points, abs=1.5)
    assert cross.bbox[2] - cross.bbox[0] == pytest.approx(side * points, abs=1.5)


def _raw(text: str, box: tuple[int, int, int, int], order: int, line: int = 1) -> RawWord:
    return RawWord(text, box, 0.4, (1, 1, line), order)


def test_words_read_over_a_box_give_way_to_its_marker():
    words = [_raw("DB", (98, 200, 46, 40), 0), _raw("Utökade", (160, 200, 200, 40), 1),
             _raw("CJ", (100, 300, 40, 38), 2, line=2), _raw("Pilot", (160, 300, 150, 40), 3, 2)]
    boxes = [TickBox((100, 200, 40, 40), True, 0.4), TickBox((100, 300, 40, 40), False, 0.0),
             TickBox((100, 400, 40, 40), False, 0.0)]
    marked = mark_boxes(words, boxes)
    assert [(w.text, w.box, w.line_key) for w in marked if w.line_key[0] > 0] == [
        (TICKED, (100, 200, 40, 40), (1, 1, 1)), ("Utökade", (160, 200, 200, 40), (1, 1, 1)),
        (EMPTY, (100, 300, 40, 40), (1, 1, 2)), ("Pilot", (160, 300, 150, 40), (1, 1, 2))]
    inserted = [(w.text, w.box) for w in marked if w.line_key[0] < 0]
    assert inserted == [(EMPTY, (100, 400, 40, 40))]


def test_a_page_without_boxes_keeps_its_words():
    words = [_raw("Belopp", (100, 200, 120, 40), 0)]
    assert mark_boxes(words, []) == words
