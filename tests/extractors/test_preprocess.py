import cv2
import numpy as np
import pytesseract
import pytest

from extractors.reading.ocr import map_box
from extractors.reading.preprocess import (
    clean_page,
    dashed_rule_mask,
    estimate_skew,
    flatten_light,
    rotate_quarter,
)
from tests.extractors.conftest import (
    LETTER_LINES,
    binarised,
    creased,
    dashed_table,
    dusty,
    shadowed,
    text_image,
)


def _page(degrees: float) -> np.ndarray:
    image = binarised(text_image(LETTER_LINES * 3, dpi=100))
    return np.asarray(image.rotate(degrees, fillcolor=255))


@pytest.mark.parametrize("degrees", [-3.0, 0.0, 1.5, 3.0])
def test_skew_is_measured_to_a_few_tenths(degrees):
    assert estimate_skew(_page(degrees)) == pytest.approx(degrees, abs=0.3)


@pytest.mark.parametrize("degrees", [-2.0, 2.0])
def test_skew_is_the_texts_not_the_photographed_pages_edges(degrees):
    """A phone photo's page edges, dark bands at their own angle, outweigh the text in a
    projection profile unless only text-sized ink counts."""
    page = _page(degrees).copy()
    h, w = page.shape
    for y in (h // 20, h - h // 20):
        cv2.line(page, (0, y - int(w * 0.07)), (w, y + int(w * 0.07)), 40, thickness=h // 60)
    assert estimate_skew(page) == pytest.approx(degrees, abs=0.3)


def test_blank_page_has_no_skew():
    assert estimate_skew(np.full((300, 200), 255, np.uint8)) == 0.0


def test_deskewed_boxes_map_back_to_the_source():
    cleaned = clean_page(_page(3.0))
    assert cleaned.skew == pytest.approx(3.0, abs=0.3)
    assert estimate_skew(cleaned.image) == pytest.approx(0.0, abs=0.3)
    h, w = cleaned.image.shape
    x0, y0, x1, y1 = map_box((w // 2 - 5, h // 2 - 5, 10, 10), cleaned.to_source, 1.0)
    assert (x0 + x1) / 2 == pytest.approx(w / 2, abs=1) and (y0 + y1) / 2 == pytest.approx(h / 2, abs=1)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_quarter_turns_map_pixels_back_exactly(degrees):
    source = np.zeros((4, 6), np.uint8)
    source[1, 4] = 255
    turned, back = rotate_quarter(source, degrees)
    y, x = np.argwhere(turned == 255)[0]
    sx, sy = back @ np.array([x, y, 1.0])
    assert (round(sx), round(sy)) == (4, 1)


def _ink(image) -> np.ndarray:
    return np.asarray(image) < 160


def test_dashed_rules_are_found_and_letters_kept():
    mask = dashed_rule_mask(np.asarray(dashed_table())) > 0
    dashes, letters = _ink(dashed_table(text=False)), _ink(dashed_table(rules=False))
    assert mask[dashes].mean() > 0.9  # all but the corners and crossings
    assert mask[letters].mean() < 0.01


def test_stems_of_i_and_l_stacked_on_lines_are_no_rule():
    lines = ["l" * 3 + " lilla listan", "i" * 3 + " inte illa", "l" * 3 + " lite till"] * 4
    page = np.asarray(binarised(text_image(lines, dpi=300, size_pt=10)))
    assert not dashed_rule_mask(page).any()


def test_clean_page_takes_the_dashed_rules_away():
    cleaned = clean_page(np.asarray(dashed_table()))
    dashes = _ink(dashed_table(text=False)) & ~_ink(dashed_table(rules=False))
    assert cleaned.rules_removed > 0
    assert (cleaned.image[dashes] < 160).mean() < 0.08


def test_shadowed_photo_is_flattened_to_white_paper_and_dark_ink():
    photo = shadowed(text_image(dpi=100), margin=0)
    flat = flatten_light(np.asarray(photo))
    letters = _ink(text_image(dpi=100))
    assert flat is not None
    paper = np.percentile(flat[~letters], 10)
    assert paper > 200 and np.median(flat[letters]) < paper - 40


def test_a_grey_photocopy_keeps_its_text_through_rule_removal():
    """Paper at 210 on a copy of a copy is darker than a light-grey rule: taken for ink, the
    whole page was one rule and came out blank."""
    grey = np.asarray(dashed_table()).astype(np.int16) * 150 // 255 + 60
    cleaned = clean_page(grey.astype(np.uint8))
    letters = _ink(dashed_table(rules=False))
    assert (cleaned.image[letters] < 160).mean() > 0.8
    assert np.median(cleaned.image[~letters]) > 230


def test_evenly_lit_scan_is_not_flattened():
    assert flatten_light(np.asarray(text_image(dpi=100))) is None


def test_dust_goes_and_full_stops_and_dots_stay():
    clean = text_image(LETTER_LINES * 3, dpi=150)
    page = np.asarray(dusty(clean))
    cleaned = clean_page(page, deskew=False)
    letters = _ink(clean)
    assert cleaned.specks_removed > 300
    assert (cleaned.image[letters] < 160).mean() > 0.97  # dots, stops and commas stay
    # dust beside the letters stays too: it cannot be told from a full stop
    assert (cleaned.image[~letters] < 160).mean() < 0.4 * (page[~letters] < 160).mean()


def test_a_few_specks_are_left_alone():
    page = np.asarray(dusty(text_image(dpi=150), share=0.00005))
    cleaned = clean_page(page, deskew=False)
    assert cleaned.specks_removed == 0 and (cleaned.image == page).all()


def _folded_letter() -> tuple[np.ndarray, np.ndarray]:
    """A letter at 300 dpi folded through its amount's line, and where its letters are."""
    lines = ["Till Socialstyrelsen"] * 6 + LETTER_LINES
    clean = text_image(lines, dpi=300)
    amount_line = (1.2 * 300 + 9 * int(12 * 2.0 * 300 / 72)) / clean.height
    return np.asarray(creased(clean, amount_line - 0.004)), _ink(clean)


def test_a_folds_shadow_is_lifted_and_the_text_across_it_kept():
    page, letters = _folded_letter()
    cleaned = clean_page(page, deskew=False)
    assert cleaned.creases_flattened >= 1
    assert np.percentile(cleaned.image[~letters], 1) > 200  # no band, no line
    assert (cleaned.image[letters] < 160).mean() > 0.95


def test_the_amount_across_a_fold_is_read():
    page, _ = _folded_letter()
    text = pytesseract.image_to_string(clean_page(page, deskew=False).image, lang="swe")
    assert "Rekvirerat belopp 834 000 kronor" in text


def test_a_letterhead_band_at_the_top_is_no_fold():
    page = np.asarray(text_image(LETTER_LINES, dpi=150)).copy()
    page[40:140] = np.minimum(page[40:140], 170)
    assert clean_page(page, deskew=False).creases_flattened == 0
