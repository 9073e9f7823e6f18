"""The second reading of doubtful numbers (extractors.reading.reread), on small images."""
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.reading.reread import _number_spans, despeckle, recheck_numbers
from extractors.reading.tesseract import RawWord, tesseract_words
from tests.extractors.conftest import FONT, text_image


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
    assert again[0].text == "Förbrukat"


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
