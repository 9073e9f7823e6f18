"""OCR of page images in-process (the workers call the same function)."""
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.model import Word
from extractors.ocr import (
    RawWord,
    _number_spans,
    despeckle,
    group_lines,
    ocr_page,
    recheck_numbers,
    sideways,
    tesseract_words,
)
from tests.extractors.conftest import FONT, binarised, dashed_table, shadowed, text_image


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


def _raw(text: str, left: int, confidence: float, width: int = 40) -> RawWord:
    return RawWord(text, (left, 100, width, 30), confidence, (1, 1, 1), left)


def test_doubtful_numbers_are_spans_of_digits_with_their_specks_and_units():
    line = [_raw("Förbrukat", 0, 0.9, 150), _raw("=", 160, 0.5, 20), _raw("a", 200, 0.33, 150),
            _raw("600", 345, 0.7), _raw("kr", 390, 0.9), _raw("barnhälsovård6", 450, 0.4, 200)]
    assert _number_spans(line) == [(1, 4)]


def test_confident_numbers_are_not_read_again():
    assert _number_spans([_raw("Belopp", 0, 0.9, 100), _raw("424", 120, 0.95),
                          _raw("600", 170, 0.93)]) == []


def test_specks_of_a_dotted_rule_go_and_a_decimal_comma_stays():
    image = Image.new("L", (600, 120), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 30), "1,3 mnkr", fill=0, font=ImageFont.truetype(FONT, 50))
    for x in range(0, 600, 30):
        draw.rectangle((x, 105, x + 3, 108), fill=0)
    cleaned = despeckle(np.asarray(image))
    assert (cleaned[100:112] == 255).all()
    assert (np.asarray(image)[30:100] == cleaned[30:100]).all()


def test_misread_number_is_read_again_and_agreed_on():
    image = np.asarray(text_image(["Förbrukat 424 600 kr"], dpi=300, size_pt=11))
    words = tesseract_words(image, languages="swe+eng")
    number = [w for w in words if w.text in ("424", "600")]
    assert len(number) == 2
    left, top, _, height = number[0].box
    wide = (left, top, number[1].box[0] + 10 - left, height)  # as OCR boxes a misread digit
    damaged = [RawWord("a", wide, 0.33, w.line_key, w.order) if w is number[0]
               else RawWord(w.text, w.box, 0.7, w.line_key, w.order) if w is number[1] else w
               for w in words]
    again = recheck_numbers(image, damaged, languages="swe+eng")
    digits = [w for w in again if any(c.isdigit() for c in w.text)]
    assert "".join(w.text for w in digits) == "424600"
    assert min(w.confidence for w in digits) >= 0.9
    assert [w.text for w in again][0] == "Förbrukat"


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


def test_a_number_span_takes_its_unit_and_a_misread_percent_but_not_the_next_word():
    line = [_raw("rekvirerar", 0, 0.9, 150), _raw("3", 160, 0.8, 10), _raw("903", 175, 0.9),
            _raw("tkr", 220, 0.9), _raw("i", 265, 0.9, 8), _raw("statsbidrag", 280, 0.9, 150)]
    assert _number_spans(line) == [(1, 3)]
    assert _number_spans([_raw("andel", 0, 0.9, 80), _raw("45", 100, 0.42),
                          _raw("Yo", 150, 0.75)]) == [(1, 2)]


def test_a_confident_number_is_read_again_when_a_misread_percent_follows_it():
    for unit in ("Yo", "%o", "96", "9%"):
        assert _number_spans([_raw("Andel:", 0, 0.96, 80), _raw("50", 100, 0.96),
                              _raw(unit, 150, 0.92)]) == [(1, 2)]
    for unit in ("%", "kr", "000"):
        assert _number_spans([_raw("Andel:", 0, 0.96, 80), _raw("50", 100, 0.96),
                              _raw(unit, 150, 0.92)]) == []


def test_a_percent_read_as_yo_is_read_again_on_its_crop():
    image = np.asarray(text_image(["Andel: 50 %"], dpi=300, size_pt=11))
    words = tesseract_words(image, languages="swe+eng")
    percent = next(w for w in words if w.text == "%")
    damaged = [RawWord("Yo", w.box, 0.92, w.line_key, w.order) if w is percent else w
               for w in words]
    again = recheck_numbers(image, damaged, languages="swe+eng")
    assert "".join(w.text for w in again[1:]) == "50%"


def test_a_one_read_as_a_letter_makes_a_sure_number_doubtful():
    line = [_raw("belopp:", 0, 0.95, 100), _raw("I", 120, 0.9, 8), _raw("200", 135, 0.92),
            _raw("000", 185, 0.92), _raw("kr", 230, 0.95)]
    assert _number_spans(line) == [(1, 4)]
