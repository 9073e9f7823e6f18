"""Image clean-up before OCR, each step only where it pays: uneven light, deskew, rule removal,
orientation.

Every step returns the cleaned image and the affine map from its pixels back to the input's,
so word boxes read on the cleaned image land where the words are on the page.
Images are 8-bit grayscale numpy arrays (0 black, 255 white).
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

SKEW_WORK_WIDTH = 800
"""The skew is estimated on a copy this wide: plenty for 0.1° and 20× cheaper than 300 dpi."""
LIGHT_WORK_WIDTH = 400
"""The paper's brightness is estimated on a copy this wide (about 1.3 mm a pixel on A4)."""
LIGHT_KERNEL = 1 / 40
"""Share of the page's width over which the brightest pixel is the paper: wider than a letter
(so text drops out), narrower than a shadow's edge."""
UNEVEN_LIGHT = 40
"""Gray levels between the 2nd and 98th percentile of the paper's brightness at which the
page is flattened: a scanner's paper varies by a few levels, a photo's by a hundred."""
DIM_PAPER = 235
"""...or a median paper brightness under this: a grey photo whose text Otsu cannot part from
it, or a grey copy of a copy whose paper (about 210) the rule finder (RULE_INK) would take for
ink — the whole page one rule, painted white."""
TEXT_MAX_HEIGHT = 0.04
TEXT_MAX_WIDTH = 0.3
"""Ink larger than these shares of the page is no text, for the skew (a page's edge, a rule)."""
MAX_SKEW_DEGREES = 6.0
MIN_SKEW_DEGREES = 0.25
"""Below this Tesseract reads as well as after rotating, and rotating costs ~40 ms a page."""
RULE_MIN_LENGTH = 0.08
"""A run of ink at least this share of the page's width (or height) is a table rule."""
RULE_MIN_HEIGHT = 0.03
"""A vertical rule: a run of ink at least this share of the page's height (three text lines)."""
RULE_INK = 215
"""Gray levels under this count as ink when looking for rules."""
DASH_THICKNESS = 0.0025
"""A dash of a dashed or dotted rule is at most this share of the page's width thick (6 px at
300 dpi); letters are thicker in both directions, save i-dots, commas and the stems of l and i."""
DASH_LENGTH = 0.05
"""...and at most this share of the page long."""
DASH_GAP = 0.015
"""Dashes this close (a share of the page) along a line are bridged into one rule."""
MIN_DASHES = 4
"""Upright dashes a vertical run needs to be a rule."""
MIN_DOTS = 8
"""Dashes or dots a horizontal run needs to be a rule (more: i-dots and umlauts share a line)."""
SPECK_AREA = 0.00001
"""Largest blot, as a share of the page's area, that may be dust (87 px at 300 dpi on A4,
a square of 2 points): twice a full stop in 12 pt text."""
SPECK_REACH = 0.012
"""A blot with no other ink within this share of the page's width (2.5 mm) is dust; a full
stop, a comma, an i's dot or an umlaut always has its letters this close."""
SPECK_SLICE = 512
"""Specks measured against every letter at once (memory: this × letters × a few arrays)."""
MIN_SPECKS = 300
"""Isolated blots a page needs to count as dusty and be cleaned: a clean scan has a few dozen
(the remnants of a dotted rule), and taking those away changes how Tesseract reads the
figures beside them, seldom for the better; a dusty page has thousands."""


CREASE_PAPER = 0.95
"""A line's paper is the brightness this share of its pixels reach: text covers less."""
CREASE_DIP = 12
"""Gray levels under the page's paper at which a line of pixels is shaded."""
CREASE_MAX_WIDTH = 0.03
"""A fold's shadow is at most this share of the page wide (a letterhead band is wider)..."""
CREASE_MARGIN = 0.1
"""...and lies this share of the page away from its edges: a fold is at a half or a third,
a scanner lid's edge or a coloured letterhead at the top."""
CREASE_INK = 80
"""Lines darker than this are ink (a black band), not shade: left as they are."""


@dataclass(frozen=True)
class Cleaned:
    image: np.ndarray
    to_source: np.ndarray
    """2×3 affine map from ``image`` pixels to the input image's pixels."""
    skew: float = 0.0
    rules_removed: int = 0
    specks_removed: int = 0
    creases_flattened: int = 0


IDENTITY = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])


def compose(outer: np.ndarray, inner: np.ndarray) -> np.ndarray:
    """The affine map ``outer ∘ inner`` (apply ``inner`` first)."""
    a = np.vstack([outer, [0, 0, 1]])
    b = np.vstack([inner, [0, 0, 1]])
    return (a @ b)[:2]


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Binary ink mask (255 = ink) by Otsu's threshold."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def paper_light(gray: np.ndarray) -> np.ndarray:
    """The paper's brightness under each pixel of a LIGHT_WORK_WIDTH-wide copy of ``gray``:
    the brightest pixel nearby (text is darker than its paper), smoothed."""
    h, w = gray.shape
    scale = min(1.0, LIGHT_WORK_WIDTH / w)
    # Sampled, not averaged (INTER_AREA costs 20 ms a page): the dilation below keeps only
    # the paper's pixels anyway.
    small = cv2.resize(gray, (max(1, round(w * scale)), max(1, round(h * scale))),
                       interpolation=cv2.INTER_NEAREST)
    size = max(3, round(small.shape[1] * LIGHT_KERNEL)) | 1
    return cv2.medianBlur(cv2.dilate(small, _rect((size, size))), size)


def flatten_light(gray: np.ndarray) -> np.ndarray | None:
    """``gray`` divided by its paper's brightness, or None when the light is even.

    A phone photo has a shadow across the page, a bright corner and a desk around it:
    Tesseract's and the rule finder's global thresholds then call half the page ink, and
    the page reads as nothing. Divided by the paper's own brightness, paper is white and
    ink dark everywhere; the desk turns white but for a band along the page's edge, which
    rule removal takes as a frame.
    """
    light = paper_light(gray)
    low, middle, high = np.percentile(light, [2, 50, 98])
    if high - low < UNEVEN_LIGHT and middle >= DIM_PAPER:
        return None
    light = cv2.resize(light, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(light, 1), scale=255)


def _crease_runs(shaded: np.ndarray) -> list[tuple[int, int]]:
    """Runs of shaded lines narrow enough and far enough from the edges to be a fold."""
    n = len(shaded)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], shaded.astype(np.int8), [0]])))
    return [(a, b) for a, b in zip(edges[::2], edges[1::2])
            if b - a <= CREASE_MAX_WIDTH * n and a >= CREASE_MARGIN * n
            and b <= (1 - CREASE_MARGIN) * n]


def flatten_creases(gray: np.ndarray) -> tuple[np.ndarray, int]:
    """``gray`` with the shadow of a fold across the page lifted, and how many folds.

    A folded letter scans with a grey band along the fold and a dark line at its edge, through
    whatever text lies there: the rule finder took the band for a thick rule and painted the
    line's upper half white, and Tesseract read the rest as noise, so a requisition lost its
    amount ("Rekvirerat belopp 255 000 kr" gone on four of C15's scans). Each line of pixels
    across the fold is divided by its own paper's brightness (CREASE_PAPER, on a half-size
    copy: 20 ms a page): band and line turn paper-white and the text on them stays dark.
    Found along both axes, after deskewing, so the fold runs along rows or columns.
    """
    small = gray[::2, ::2]
    out = gray
    found = 0
    for axis in (1, 0):
        size = small.shape[axis]
        k = min(size - 1, int(CREASE_PAPER * size))
        paper = np.partition(small, k, axis=axis).take(k, axis=axis).astype(np.float32)
        base = float(np.median(paper))
        shaded = (paper < base - CREASE_DIP) & (paper > CREASE_INK)
        runs = _crease_runs(shaded)
        if not runs:
            continue
        gain = np.ones_like(paper)
        for a, b in runs:
            gain[a:b] = np.where(shaded[a:b], base / np.maximum(paper[a:b], 1), 1.0)
        gain = np.repeat(gain, 2)[:gray.shape[1 - axis]]
        shape = (-1, 1) if axis == 1 else (1, -1)
        out = np.clip(out.astype(np.float32) * gain.reshape(shape), 0, 255).astype(np.uint8)
        found += len(runs)
    return out, found


def estimate_skew(gray: np.ndarray) -> float:
    """The text's skew in degrees (positive: lines rise to the right), by projection profile.

    Ink pixels of a downscaled copy are projected onto the vertical axis at candidate angles;
    the angle whose row histogram is sharpest (largest sum of squares) is the skew.
    """
    h, w = gray.shape
    scale = min(1.0, SKEW_WORK_WIDTH / w)
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))),
                       interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(_text_sized(ink_mask(small)))
    if len(xs) < 200:
        return 0.0
    if len(xs) > 60_000:
        pick = np.random.default_rng(0).choice(len(xs), 60_000, replace=False)
        xs, ys = xs[pick], ys[pick]
    xs = xs.astype(np.float64) - small.shape[1] / 2
    ys = ys.astype(np.float64)
    bins = small.shape[0] * 2

    def sharpness(deg: float) -> float:
        t = np.deg2rad(deg)
        proj = ys + xs * np.tan(t)
        hist, _ = np.histogram(proj, bins=bins, range=(-small.shape[0], 2 * small.shape[0]))
        return float(np.dot(hist, hist))

    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return float(round(max(fine, key=sharpness), 2))


def _text_sized(mask: np.ndarray) -> np.ndarray:
    """``mask`` without ink too large to be letters or words: a photographed page's dark
    edges and the desk beside them, frames and long rules, which lie at their own angle."""
    h, w = mask.shape
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    large = (stats[:, cv2.CC_STAT_HEIGHT] > TEXT_MAX_HEIGHT * h) | \
        (stats[:, cv2.CC_STAT_WIDTH] > TEXT_MAX_WIDTH * w)
    large[0] = True  # the background
    return np.where(large[labels], 0, mask).astype(np.uint8)


def rotate(gray: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """``gray`` rotated by ``degrees`` counter-clockwise about its centre, white corners.

    Returns the image and the map from its pixels back to ``gray``'s.
    """
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    out = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return out, cv2.invertAffineTransform(m)


def rotate_quarter(gray: np.ndarray, degrees: int) -> tuple[np.ndarray, np.ndarray]:
    """Rotate by a multiple of 90° clockwise (as Tesseract OSD's "Rotate" asks), exactly."""
    h, w = gray.shape
    turns = (degrees // 90) % 4
    if turns == 0:
        return gray, IDENTITY.copy()
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    out = cv2.rotate(gray, codes[turns])
    if turns == 1:  # out (x, y) came from source (y, h - 1 - x)
        back = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, h - 1.0]])
    elif turns == 2:
        back = np.array([[-1.0, 0.0, w - 1.0], [0.0, -1.0, h - 1.0]])
    else:  # out (x, y) came from source (w - 1 - y, x)
        back = np.array([[0.0, -1.0, w - 1.0], [1.0, 0.0, 0.0]])
    return out, back


def _rect(size: tuple[int, int]) -> np.ndarray:
    """A rectangular structuring element ``size`` = (width, height)."""
    return cv2.getStructuringElement(cv2.MORPH_RECT, size)


def rule_mask(gray: np.ndarray) -> np.ndarray:
    """Mask (255) of long horizontal and vertical rules: table lines, underlines, frames.

    Rules are often printed light grey, which Otsu's threshold calls paper; RULE_INK is lighter.
    """
    ink = np.where(gray < RULE_INK, 255, 0).astype(np.uint8)
    h, w = gray.shape

    def runs(size: tuple[int, int]) -> np.ndarray:
        return cv2.morphologyEx(ink, cv2.MORPH_OPEN, _rect(size))

    return cv2.bitwise_or(runs((max(10, int(w * RULE_MIN_LENGTH)), 1)),
                          runs((1, max(10, int(h * RULE_MIN_HEIGHT)))))


def _neighboured(labels: np.ndarray, count: int, reach: int, axis: int,
                 ignore: np.ndarray) -> np.ndarray:
    """Which components have another one, not ``ignore``d, within ``reach`` pixels along
    ``axis`` (0: above or below, 1: left or right): the stem of an l beside its neighbour
    letters, the dot of an i over its stem. A rule's dashes stand alone across the rule, save
    where another rule crosses it.

    A max and a min filter of the labels along ``axis``: a pixel sees another component when
    either differs from its own label.
    """
    seen = np.where(ignore[labels], 0, labels).astype(np.float32)
    size = (1, 2 * reach + 1) if axis == 1 else (2 * reach + 1, 1)
    window = np.ones(size, np.uint8)
    highest = cv2.dilate(seen, window)
    lowest = cv2.erode(np.where(seen > 0, seen, np.float32(count)), window)
    own = labels.astype(np.float32)
    near = (labels > 0) & ((highest > own) | (lowest < own))
    out = np.zeros(count, bool)
    out[labels[near]] = True
    return out


def dashed_rule_mask(gray: np.ndarray) -> np.ndarray:
    """Mask (255) of the dashes and dots of dashed or dotted rules, each piece whole.

    Only pieces thin enough to be a dash or a dot are bridged, so letters never join a rule
    (bridging all ink took the crossbars of t and f and the stems of h and b with it). A rule
    is a run of bridged pieces as long as a solid rule with enough dashes in it: along a
    vertical run only upright pieces count, since dots and the stems of i and l stacked on
    consecutive lines would otherwise make one.
    """
    h, w = gray.shape
    ink = ink_mask(gray)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    thick = max(2, round(w * DASH_THICKNESS))
    widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    flat = (heights <= thick) & (widths <= DASH_LENGTH * w)
    slim = (widths <= thick) & (heights <= DASH_LENGTH * h)
    upright = slim & (heights > widths)
    flat[0] = slim[0] = False
    on_rule = np.zeros(count, bool)
    beside = 2 * thick + 1  # pieces this close across a rule belong to it: dots wobble
    nothing = np.zeros(count, bool)
    found: list[np.ndarray] = []
    for pieces_of, counted, needed, gap, length, across, axis, ignored in (
        (flat, flat, MIN_DOTS, (max(3, round(DASH_GAP * w)), 3),
         (max(10, round(RULE_MIN_LENGTH * w)), 1), (1, beside), 0, nothing),
        (slim, upright, MIN_DASHES, (3, max(3, round(DASH_GAP * h))),
         (1, max(10, round(RULE_MIN_HEIGHT * h))), (beside, 1), 1, flat),
    ):
        crowded = _neighboured(labels, count, 2 * thick, axis, ignore=ignored)
        counted = counted & ~crowded
        if not counted.any():
            continue
        pieces = np.where((pieces_of & ~crowded)[labels], 255, 0).astype(np.uint8)
        bridged = cv2.morphologyEx(pieces, cv2.MORPH_CLOSE, _rect(gap))
        runs = cv2.dilate(cv2.morphologyEx(bridged, cv2.MORPH_OPEN, _rect(length)), _rect(across))
        _, run_labels = cv2.connectedComponents(runs)
        hits = (runs > 0) & (pieces > 0)
        run_of, piece = np.unique(np.stack([run_labels[hits], labels[hits]]), axis=1)
        tally = np.bincount(run_of[counted[piece]], minlength=run_labels.max() + 1)
        on_rule[piece[tally[run_of] >= needed]] = True
        rules = tally >= needed
        rules[0] = False
        found.append(rules[run_labels])
    if len(found) == 2:
        # Where rules cross, their dashes join into a small blot that is neither: OCR reads
        # it as "r", "F" or "L", or as part of the figure beside it.
        crossing = np.zeros(count, bool)
        crossing[np.unique(labels[found[0] & found[1]])] = True
        on_rule |= crossing & (widths <= 4 * thick) & (heights <= 4 * thick)
    on_rule[0] = False
    return np.where(on_rule[labels], 255, 0).astype(np.uint8)


def _half(gray: np.ndarray) -> np.ndarray:
    """``gray`` at half size, each pixel the darkest of its 2×2 block: thin rules and dots
    survive, and finding rules costs a quarter."""
    h, w = gray.shape[0] // 2 * 2, gray.shape[1] // 2 * 2
    return np.minimum.reduce([gray[0:h:2, 0:w:2], gray[1:h:2, 0:w:2],
                              gray[0:h:2, 1:w:2], gray[1:h:2, 1:w:2]])


def speck_mask(gray: np.ndarray) -> tuple[np.ndarray | None, int]:
    """Mask (255) of dust and toner specks, and how many: blots no bigger than SPECK_AREA with
    no other ink within SPECK_REACH. Tesseract reads them as "|", "." or "'", or takes them
    into a word. No mask when there are fewer than MIN_SPECKS."""
    h, w = gray.shape
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink_mask(gray), connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] <= max(2, SPECK_AREA * h * w)
    small[0] = False
    if small.sum() < MIN_SPECKS:  # too few to be a dusty page, isolated or not
        return None, 0
    reach = max(3, round(SPECK_REACH * w))
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right, bottom = left + stats[:, cv2.CC_STAT_WIDTH], top + stats[:, cv2.CC_STAT_HEIGHT]
    b = np.flatnonzero(~small)[1:]
    b_left, b_top, b_right, b_bottom = left[b][None, :], top[b][None, :], right[b][None, :], \
        bottom[b][None, :]
    crowded = np.zeros(count, bool)
    # Box to box gaps, every speck against every letter: cheaper than dilating the page. In
    # slices of specks, so a page of dust cannot take the worker's memory.
    for s in np.array_split(np.flatnonzero(small), max(1, int(small.sum()) // SPECK_SLICE)):
        gap_x = np.maximum(b_left - right[s][:, None], left[s][:, None] - b_right)
        gap_y = np.maximum(b_top - bottom[s][:, None], top[s][:, None] - b_bottom)
        crowded[s] = ((gap_x <= reach) & (gap_y <= reach)).any(axis=1)
    dust = small & ~crowded
    found = int(dust.sum())
    if found < MIN_SPECKS:
        return None, found
    return np.where(dust[labels], 255, 0).astype(np.uint8), found


def _paint_white(gray: np.ndarray, half_mask: np.ndarray) -> np.ndarray:
    """``gray`` with the pixels under a half-size mask white, the mask widened by a pixel."""
    mask = cv2.resize(half_mask, (half_mask.shape[1] * 2, half_mask.shape[0] * 2),
                      interpolation=cv2.INTER_NEAREST)
    mask = cv2.copyMakeBorder(mask, 0, gray.shape[0] - mask.shape[0], 0,
                              gray.shape[1] - mask.shape[1], cv2.BORDER_CONSTANT, value=0)
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[mask > 0] = 255
    return out


def remove_specks(gray: np.ndarray) -> tuple[np.ndarray, int]:
    """``gray`` without dust (speck_mask, found on a half-size copy) if it is dusty, and how
    many specks went."""
    mask, found = speck_mask(_half(gray))
    if mask is None:
        return gray, 0
    return _paint_white(gray, mask), found


def remove_rules(gray: np.ndarray) -> tuple[np.ndarray, int]:
    """``gray`` with long rules, solid, dashed or dotted, painted white, and how many rule
    pieces were found.

    Rules are found on a half-size copy (_half). The mask is widened by a pixel so the grey
    rim of a scanned rule goes too; glyph strokes crossing a rule lose only that band.
    """
    half = _half(gray)
    mask = cv2.bitwise_or(rule_mask(half), dashed_rule_mask(half))
    count, _ = cv2.connectedComponents(mask)
    if count <= 1:
        return gray, 0
    return _paint_white(gray, mask), count - 1


def clean_page(gray: np.ndarray, *, deskew: bool = True, rules: bool = True,
               specks: bool = True) -> Cleaned:
    """Even out the light (photos), deskew (when skewed by more than MIN_SKEW_DEGREES), remove
    table rules and dust.

    Measured on the dev set's scans (300 dpi): deskewing pays (A25, skewed 2.2°, goes from
    broken dates and amounts to clean ones; 30 ms). Removing solid rules pays most: A13's
    labels and "400 000" (read "1400 000" with the rule) come back, A21/A28 go from quality
    0.86/0.75 to 0.95 (100 ms). Removing dashed and dotted rules brings A12's "580 000"
    (read "1580000" with the rule) and A25's "1 505 000" (read "4 505 000") back. Removing
    dust brings speckled scans' figures back ("1-100 000" for "1 100 000").
    """
    image, to_source, skew = gray, IDENTITY.copy(), 0.0
    flat = flatten_light(gray)
    if flat is not None:
        image = gray = flat
    if deskew:
        skew = estimate_skew(gray)
        if abs(skew) >= MIN_SKEW_DEGREES:
            image, to_source = rotate(gray, -skew)
        else:
            skew = 0.0
    image, creases = flatten_creases(image)
    removed = dust = 0
    if rules:
        image, removed = remove_rules(image)
    if specks:
        image, dust = remove_specks(image)
    return Cleaned(image, to_source, skew, removed, dust, creases)
