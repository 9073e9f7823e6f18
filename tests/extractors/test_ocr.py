"""OCR of page images in-process (the workers call the same function)."""
import numpy as np
import pytest

from extractors.model import Word
from extractors.reading import ocr
from extractors.reading.ocr import group_lines, ocr_page, sideways
from tests.extractors.conftest import binarised, dashed_table, shadowed, text_image


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


def test_a_tall_handwritten_digit_joins_the_line_its_centre_is_nearest():
    """A written "3" whose box reaches up into the label's line above is the figure's."""
    words = [
        Word("Rekvirerat", 1, (54, 220, 96, 227)), Word("belopp,", 1, (99, 220, 128, 228.6)),
        Word("kronor", 1, (131, 220, 157, 227)), Word("3", 1, (248, 221.4, 255.6, 239.4)),
        Word("962", 1, (260, 227.5, 283, 237.2)), Word("000", 1, (288, 228.2, 311, 238)),
    ]
    lines = {w.text: w.line for w in group_lines(words)}
    assert lines["Rekvirerat"] == lines["kronor"] != lines["3"] == lines["962"] == lines["000"]


def test_a_speck_does_not_split_the_line_it_stands_on():
    words = [
        Word("'", 1, (197.5, 355.4, 198.2, 355.7)), Word("kommun", 1, (133.9, 354.2, 177.6, 362.2)),
        Word("Arjeplogs", 1, (82.3, 354.0, 130.3, 364.3)), Word("=", 1, (184.6, 353.0, 189.4, 365.3)),
    ]
    assert len({w.line for w in group_lines(words)}) == 1


def test_a_word_ocr_boxed_flat_does_not_narrow_its_line():
    words = [
        Word("(återbetalas)", 1, (174.2, 193.4, 243.6, 194.2)),
        Word("förbrukade", 1, (84.5, 193.4, 137.8, 206.4)), Word("Ej", 1, (75.1, 193.4, 82.6, 207.8)),
        Word("medel", 1, (142.3, 192.2, 168.0, 212.6)), Word("175", 1, (316.8, 199.0, 332.4, 206.4)),
    ]
    assert len({w.line for w in group_lines(words)}) == 1


def test_blank_image_reads_as_no_words():
    page = ocr_page(np.full((400, 300), 255, np.uint8), page=2, dpi=150)
    assert page.words == [] and page.number == 2 and page.quality == 0.0


def test_figures_beside_dashed_rules_read_without_the_rules():
    page = ocr_page(np.asarray(binarised(dashed_table())), page=1, dpi=300)
    for figure in ("1 941 500", "1 089 000", "176 500", "353 000", "3 560 000"):
        assert figure in page.text


def test_phone_photo_with_a_shadow_and_a_desk_reads():
    page = ocr_page(np.asarray(shadowed(text_image(dpi=150))), page=1, dpi=150)
    assert "Rekvirerat belopp 834 000 kronor" in page.text
    assert "barnhälsovårdens" in page.text


def test_words_standing_upright_mean_a_page_lying_sideways():
    across = [Word("Rekvisition", 1, (50, 100, 150, 112)), Word("av", 1, (155, 100, 170, 112))]
    down = [Word("Rekvisition", 1, (100, 50, 112, 150)),
            Word("statsbidrag", 1, (100, 160, 112, 250)),
            Word("av", 1, (100, 155, 112, 158)), Word("2024", 1, (100, 260, 112, 300))]
    assert not sideways(across) and sideways(down)
    assert not sideways([])


@pytest.mark.parametrize("degrees", [90, 270])
def test_a_page_lying_sideways_is_read_upright_where_osd_is_unsure(monkeypatch, degrees):
    """A bold typewriter face on its side: OSD names a quarter with 0.7 where 1.0 is asked,
    as often the wrong one; both quarters are read and the surer kept."""
    monkeypatch.setattr(ocr.pytesseract, "image_to_osd", lambda *a, **kw: {
        "rotate": 90, "orientation_conf": 0.7})
    page = ocr_page(np.asarray(text_image(dpi=150).rotate(degrees, expand=True)), page=1,
                    dpi=150)
    assert "834 000 kronor" in page.text
