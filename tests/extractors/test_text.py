"""Text helpers shared by the field readers."""
from __future__ import annotations

from extractors.fields.text import outside


def test_outside_cuts_spans_clipped_to_the_range() -> None:
    text = "Umeå kommun, Järfälla\nkommun och Nynäshamns kommun"
    line = text.index("\n") + 1
    spans = [(13, 28), (line + 11, len(text))]  # "Järfälla\nkommun" wraps into the line
    assert outside(text, line, len(text), spans) == " och "


def test_outside_without_spans_is_the_range() -> None:
    assert outside("abc def", 4, 7, []) == "def"
