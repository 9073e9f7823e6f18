"""OCR of page images in-process (the workers call the same function)."""
import numpy as np

from extractors.model import Word
from extractors.ocr import group_lines, ocr_page
from tests.extractors.conftest import binarised, text_image


def test_page_words_carry_boxes_in_points_confidence_and_lines():
    page = ocr_page(np.asarray(text_image(dpi=150)), page=1, dpi=150)
    assert page.source == "ocr" and page.quality > 0.7
    assert "834 000 kronor" in page.text
    assert "40 %" in page.text
    assert abs(page.width - 595) < 2 and abs(page.height - 842) < 2
    belopp = next(w for w in page.words if w.text == "belopp")
    x0, top, x1, bottom = belopp.bbox
    assert 0 < x0 < x1 < 595 and 0 < top < bottom < 842
    assert 0.5 < belopp.confidence <= 1.0
    assert [w.text for w in page.words if w.line == belopp.line][:2] == ["Rekvirerat", "belopp"]


def test_skewed_binarised_page_reads_after_deskew():
    image = binarised(text_image(dpi=150)).rotate(3, fillcolor=255)
    page = ocr_page(np.asarray(image), page=1, dpi=150)
    assert "834 000 kronor" in page.text
    assert "hembesöksprogram" in page.text


def test_upside_down_page_is_turned_and_boxes_stay_on_the_page():
    image = text_image(dpi=150).rotate(180)
    page = ocr_page(np.asarray(image), page=1, dpi=150)
    assert "834 000 kronor" in page.text
    amount = next(w for w in page.words if w.text == "834")
    assert amount.bbox[1] > 842 / 2  # upside down, the line near the top is near the bottom


def test_label_and_value_in_separate_columns_share_a_line():
    words = [
        Word("Belopp", 1, (50, 100, 90, 112)),
        Word("834", 1, (400, 102.5, 420, 112)),
        Word("ansökan", 1, (50, 130, 100, 141)),
    ]
    lines = {w.text: w.line for w in group_lines(words)}
    assert lines["Belopp"] == lines["834"] != lines["ansökan"]


def test_blank_image_reads_as_no_words():
    page = ocr_page(np.full((400, 300), 255, np.uint8), page=2, dpi=150)
    assert page.words == [] and page.number == 2 and page.quality == 0.0
