"""Values typed into a PDF's form: fillable fields (AcroForm widgets) and typed-on notes.

A fillable requisition filled in Acrobat or Word keeps its values in widget annotations, not
in the page's content: pdfplumber's words hold the labels ("Belopp (kr):") but not what was
typed beside them. Each field's value becomes words placed inside the field's box, as a
viewer shows it (left, centred or right as the field's quadding says; one line per line of a
multi-line field), so the field stage reads a form the same whether it was flattened or not.
A tick box becomes ☒ or ☐, as ticked boxes on scans do (extractors.reading.checkboxes).
A "typewriter" note (FreeText, Acrobat's Fill & Sign, macOS Preview) is text on the page too.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from extractors.model import BBox, Word, centre_inside
from extractors.reading.checkboxes import EMPTY, TICKED

log = logging.getLogger(__name__)

CHAR_WIDTH = 0.5
"""Average glyph width as a share of the font size (Helvetica's lowercase and digits)."""
SPACE_WIDTH = 0.28
LINE_HEIGHT = 1.15
DEFAULT_SIZE = 10.0
"""A field's font size of 0 means auto-fit; a field as tall as a text line shows about 10 pt."""
PADDING = 2.0
"""Points between a field's border and its text."""
HIDDEN = 2
"""Annotation flag bit: not shown nor printed."""
PUSHBUTTON = 1 << 16
MULTILINE = 1 << 12
INHERITABLE = ("FT", "V", "DA", "Ff", "Q")
_FONT_SIZE = re.compile(rb"(\d+(?:\.\d+)?)\s+Tf")


@dataclass(frozen=True)
class _Field:
    kind: str
    value: object
    style: bytes
    flags: int
    quadding: int


def _name(value: object) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        return str(value.name)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return "" if value is None else str(value)


def _text(value: object) -> str:
    value = resolve1(value)
    if isinstance(value, bytes):
        return decode_text(value)
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    if isinstance(value, PSLiteral):
        return str(value.name)
    return "" if value is None else str(value)


def _field(data: dict) -> _Field:
    """The widget's field attributes, inherited from its parents where it has none."""
    found: dict[str, object] = {}
    node, depth = data, 0
    while isinstance(node, dict) and depth < 32:
        for key in INHERITABLE:
            if key not in found and key in node:
                found[key] = resolve1(node[key])
        node, depth = resolve1(node.get("Parent")), depth + 1
    return _Field(_name(found.get("FT")), found.get("V"), _text_bytes(found.get("DA")),
                  int(found.get("Ff") or 0), int(found.get("Q") or 0))


def _text_bytes(value: object) -> bytes:
    value = resolve1(value)
    return value if isinstance(value, bytes) else b""


def _font_size(style: bytes, box_height: float, lines: int) -> float:
    match = _FONT_SIZE.search(style)
    size = float(match.group(1)) if match else 0.0
    if size <= 0:
        size = min(DEFAULT_SIZE, max(4.0, (box_height - 2 * PADDING) / (LINE_HEIGHT * lines)))
    return size


def _text_width(text: str, size: float) -> float:
    return len(text) * CHAR_WIDTH * size


def _line_words(line: str, box: BBox, top: float, size: float, quadding: int,
                page: int) -> Iterator[Word]:
    x0, _, x1, _ = box
    words = line.split()
    width = sum(_text_width(w, size) for w in words) + SPACE_WIDTH * size * (len(words) - 1)
    if quadding == 1:
        x = (x0 + x1 - width) / 2
    elif quadding == 2:
        x = x1 - PADDING - width
    else:
        x = x0 + PADDING
    x = max(x, x0)
    for text in words:
        right = x + _text_width(text, size)
        yield Word(text, page, (x, top, right, top + size))
        x = right + SPACE_WIDTH * size


def _value_words(text: str, box: BBox, field: _Field, page: int) -> list[Word]:
    lines = [line for line in re.split(r"\r\n|\r|\n", text) if line.strip()]
    if not lines:
        return []
    _, top, _, bottom = box
    size = _font_size(field.style, bottom - top, len(lines))
    if field.flags & MULTILINE:
        first = top + PADDING
    else:
        first = (top + bottom) / 2 - size * LINE_HEIGHT * len(lines) / 2
    out: list[Word] = []
    for i, line in enumerate(lines):
        out.extend(_line_words(line, box, first + i * size * LINE_HEIGHT, size,
                               field.quadding, page))
    return out


def _tick(data: dict, field: _Field) -> str | None:
    if field.flags & PUSHBUTTON:
        return None
    state = _name(data.get("AS")) or _name(field.value)
    return TICKED if state and state != "Off" else EMPTY


def _box(annot: dict) -> BBox:
    return (float(annot["x0"]), float(annot["top"]), float(annot["x1"]), float(annot["bottom"]))


def _already_printed(words: list[Word], box: BBox, printed: list[Word]) -> bool:
    shown = "".join(w.text for w in printed if centre_inside(w.bbox, box))
    return bool(shown) and shown == "".join(w.text for w in words)


def annotation_words(page, number: int, printed: list[Word]) -> list[Word]:
    """Words of the form values and typed notes on a pdfplumber page. A value the page's
    content already prints inside the field's box (a flattened copy that kept its fields) is
    not added twice."""
    try:
        annots = page.annots
    except Exception as exc:  # a damaged annotation array must not cost the page's text
        log.info("annotations unreadable page=%s error=%r", number, exc)
        return []
    out: list[Word] = []
    for annot in annots:
        try:
            words, box = _annotation_words(annot, number)
        except (TypeError, ValueError, KeyError) as exc:  # one bad field costs only itself
            log.info("annotation unreadable page=%s error=%r", number, exc)
            continue
        if not _already_printed(words, box, printed):
            out.extend(words)
    return out


def _annotation_words(annot: dict, number: int) -> tuple[list[Word], BBox]:
    """The words one annotation shows, and its box; none for other kinds of annotation."""
    box = _box(annot)
    data = resolve1(annot.get("data")) or {}
    if not isinstance(data, dict) or int(resolve1(data.get("F")) or 0) & HIDDEN:
        return [], box
    subtype = _name(data.get("Subtype"))
    if subtype == "FreeText":
        field = _Field("Tx", None, _text_bytes(data.get("DA")), MULTILINE, 0)
        return _value_words(_text(data.get("Contents")), box, field, number), box
    if subtype != "Widget":
        return [], box
    field = _field(data)
    if field.kind == "Btn":
        tick = _tick(data, field)
        return ([Word(tick, number, box)] if tick else []), box
    if field.kind in ("Tx", "Ch"):
        return _value_words(_text(field.value), box, field, number), box
    return [], box
