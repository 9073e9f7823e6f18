"""Tesseract's words on a grayscale image: text, pixel box, confidence, line, as plain data.

The one place page text is asked of Tesseract (pytesseract runs the binary on a temp file);
extractors.reading.ocr reads pages with it, extractors.reading.reread single numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image

PAGE_MODE = "--psm 3"
"""Fully automatic page segmentation."""


def to_pil(gray: np.ndarray) -> Image.Image:
    image = Image.fromarray(gray)
    image.format = "BMP"  # pytesseract hands Tesseract a temp file; BMP skips PNG's deflate
    return image


@dataclass(frozen=True)
class RawWord:
    text: str
    box: tuple[int, int, int, int]
    """(left, top, width, height) in pixels of the image Tesseract read."""
    confidence: float
    line_key: tuple[int, int, int]
    """Tesseract's (block, paragraph, line)."""
    order: int


def tesseract_words(gray: np.ndarray, *, languages: str, timeout: float = 0,
                    mode: str = PAGE_MODE) -> list[RawWord]:
    """Tesseract's words on ``gray`` in page segmentation ``mode``, confidences 0..1."""
    data = pytesseract.image_to_data(
        to_pil(gray), lang=languages, config=f"--oem 1 {mode}",
        output_type=pytesseract.Output.DICT, timeout=timeout,
    )
    out = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        box = (data["left"][i], data["top"][i], data["width"][i], data["height"][i])
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        out.append(RawWord(text, box, max(0.0, min(1.0, conf / 100)), key, i))
    return out
