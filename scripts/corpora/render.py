"""A document spec's page set-up and blocks drawn as a text PDF (reportlab).

The page is drawn top-down: a cursor counts points from the top edge, each block draws at the
cursor and moves it down. Blocks (one mapping each, the first key names the kind):

- ``line: TEXT`` one line at ``x``; ``size``, ``bold``, ``gap`` (advance, in line heights);
  an empty text only advances.
- ``para: TEXT`` wrapped (page set-up ``para.wrap`` in points or ``para.wrap_chars``), then a
  space of ``para.after`` (points, or ``"0.5em"`` of the page's size).
- ``title: TEXT`` bold, wrapped at ``title.wrap_chars``, ``title.size``, ``title.after``.
- ``pair: [LABEL, VALUE]`` the value in a column at ``x`` (pushed right of a long label).
- ``field: LABEL`` with ``values: [...]``: a form field, small bold label over its values.
- ``row: [CELLS]`` with ``at: [x, ...]`` and ``align: [l|r, ...]`` (right cells end at x;
  both default to the page set-up's ``row``), ``size``, ``bold``, ``advance`` (points) or
  ``gap``.
- ``table: [[CELLS], ...]`` with ``widths``, ``x``, ``grid`` (cell rules), ``header_bold``.
- ``space: POINTS``; ``mark: NAME`` and ``back: NAME`` (the cursor back to a mark: columns);
  ``rule`` (a horizontal rule); ``newpage``.
"""
from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4
FONTS = Path("/usr/share/fonts/truetype/dejavu")
TRUETYPE = {"DejaVu": "DejaVuSans", "DejaVuSerif": "DejaVuSerif"}
"""Fonts beyond the PDF standard ones, by the name a spec uses: file stems in ``FONTS``."""
BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "DejaVu": "DejaVu-Bold",
        "DejaVuSerif": "DejaVuSerif-Bold"}

PAGE_DEFAULTS: dict[str, Any] = {
    "font": "Helvetica",
    "size": 11,
    "top": 70,
    "bottom": None,
    "left": 60,
    "right": 535,
    "line_gap": 1.55,
    "para": {"wrap": 470, "after": "0.5em"},
    "title": {"wrap_chars": 62, "size": 14, "after": 6},
    "pair": {"x": 250, "size": 10.5, "gap": 1.55},
    "field": {"label_size": 8.5, "label_gap": 1.3, "value_size": 10.5, "value_gap": 1.5,
              "after": 5},
    "row": {"gap": 1.6, "at": None, "align": None},
    "table": {"row_height": 1.9, "rules": None, "gray": 0.0},
}
"""The page set-up a spec's ``page`` (and its corpus') overrides, key by key."""


def page_setup(*layers: Mapping[str, Any] | None) -> dict[str, Any]:
    """``PAGE_DEFAULTS`` overridden by each layer in turn (nested mappings merged)."""
    out: dict[str, Any] = {}
    for layer in (PAGE_DEFAULTS, *layers):
        out = merged(out, layer or {})
    return out


def merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def register_fonts() -> None:
    for name, stem in TRUETYPE.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{stem}.ttf")))
            pdfmetrics.registerFont(TTFont(BOLD[name], str(FONTS / f"{stem}-Bold.ttf")))


class Renderer:
    """Draws blocks on a canvas; ``y`` is the cursor in points from the top edge."""

    def __init__(self, c: canvas.Canvas, page: dict[str, Any]) -> None:
        self.c, self.page = c, page
        self.font, self.size = page["font"], page["size"]
        self.y = float(page["top"])
        self.marks: dict[str, float] = {}

    def length(self, value: float | str) -> float:
        """Points, or ``"Nem"``: N times the page's type size."""
        if isinstance(value, str) and value.endswith("em"):
            return float(value[:-2]) * self.size
        return float(value)

    def room(self) -> None:
        """A new page when the cursor has passed the bottom margin (if the set-up has one)."""
        bottom = self.page["bottom"]
        if bottom is not None and self.y > HEIGHT - bottom:
            self.newpage()

    def newpage(self) -> None:
        self.c.showPage()
        self.y = float(self.page["top"])

    def draw(self, x: float, s: str, size: float, bold: bool = False, right: bool = False,
             y: float | None = None) -> None:
        self.c.setFont(BOLD[self.font] if bold else self.font, size)
        baseline = HEIGHT - (self.y if y is None else y)
        (self.c.drawRightString if right else self.c.drawString)(x, baseline, s)

    def line(self, s: str, x: float | None = None, size: float | None = None,
             bold: bool = False, gap: float | None = None) -> None:
        self.room()
        size = size or self.size
        if s:
            self.draw(self.page["left"] if x is None else x, s, size, bold)
        self.y += size * (gap or self.page["line_gap"])

    def para(self, s: str, x: float | None = None, size: float | None = None,
             bold: bool = False) -> None:
        setup, size = self.page["para"], size or self.size
        if "wrap_chars" in setup:
            lines = textwrap.wrap(s, setup["wrap_chars"])
        else:
            lines = simpleSplit(s, self.font, size, setup["wrap"])
        for part in lines:
            self.line(part, x, size, bold)
        self.space(self.length(setup["after"]))

    def title(self, s: str, size: float | None = None) -> None:
        setup = self.page["title"]
        for part in textwrap.wrap(s, setup["wrap_chars"]):
            self.line(part, size=size or setup["size"], bold=True)
        self.space(setup["after"])

    def pair(self, label: str, value: str, x: float | None = None,
             bold_label: bool = False) -> None:
        self.room()
        setup, left = self.page["pair"], self.page["left"]
        size = setup["size"]
        self.draw(left, label, size, bold_label)
        font = BOLD[self.font] if bold_label else self.font
        self.draw(max(setup["x"] if x is None else x, left + stringWidth(label, font, size) + 12),
                  value, size)
        self.y += size * setup["gap"]

    def field(self, label: str, values: list[str]) -> None:
        setup = self.page["field"]
        self.line(label, size=setup["label_size"], bold=True, gap=setup["label_gap"])
        for value in values:
            self.line(value, size=setup["value_size"], gap=setup["value_gap"])
        self.space(setup["after"])

    def row(self, cells: list[str], at: list[float] | None = None,
            align: list[str] | None = None, size: float | None = None, bold: bool = False,
            advance: float | None = None, gap: float | None = None) -> None:
        self.room()
        setup = self.page["row"]
        size = size or setup.get("size") or self.size
        if at is None:
            at, align = setup["at"], align or setup.get("align")
        for cell, x, side in zip(cells, at, align or ["l"] * len(at)):
            self.draw(x, cell, size, bold, right=side == "r")
        self.y += advance if advance is not None else size * (gap or self.page["row"]["gap"])

    def table(self, rows: list[list[str]], widths: list[float], x: float | None = None,
              grid: bool = True, header_bold: bool = False) -> None:
        setup = self.page["table"]
        x = self.page["left"] if x is None else x
        height = self.size * setup["row_height"]
        self.c.saveState()
        if setup["rules"]:
            grid = True
            self.c.setStrokeGray(setup["gray"])
            if setup["rules"] == "dashed":
                self.c.setDash([4, 3])
            elif setup["rules"] == "dotted":
                self.c.setLineCap(1)
                self.c.setDash([0.1, 2.4])
        for r, cells in enumerate(rows):
            cx = x
            for value, w in zip(cells, widths):
                self.draw(cx + 5, value, self.size, header_bold and r == 0, y=self.y + height * 0.68)
                if grid:
                    self.c.setLineWidth(0.6)
                    self.c.rect(cx, HEIGHT - self.y - height, w, height)
                cx += w
            self.y += height
        self.c.restoreState()
        self.y += self.size

    def rule(self) -> None:
        self.room()
        self.c.setLineWidth(0.5)
        baseline = HEIGHT - self.y
        self.c.line(self.page["left"], baseline + 7, self.page["right"], baseline + 7)
        self.y += 4

    def space(self, points: float) -> None:
        self.room()
        self.y += points

    def block(self, block: str | Mapping[str, Any]) -> None:
        if block == "newpage":
            self.newpage()
        elif block == "rule":
            self.rule()
        elif not isinstance(block, Mapping):
            raise ValueError(f"unknown block: {block!r}")
        elif "mark" in block:
            self.marks[block["mark"]] = self.y
        elif "back" in block:
            self.y = self.marks[block["back"]]
        elif "space" in block:
            self.space(block["space"])
        else:
            kind = next(iter(block))
            options = {k: v for k, v in block.items() if k != kind}
            if kind not in ("line", "para", "title", "pair", "field", "row", "table"):
                raise ValueError(f"unknown block: {kind!r}")
            try:
                if kind == "pair":
                    self.pair(*block["pair"], **options)
                else:
                    getattr(self, kind)(block[kind], **options)
            except TypeError as exc:
                raise ValueError(f"block {dict(block)!r}: {exc}") from exc


def render_pdf(page: dict[str, Any], blocks: list[Any]) -> bytes:
    """The blocks drawn as a PDF (A4, byte-stable: reportlab's invariant mode)."""
    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    renderer = Renderer(c, page)
    for block in blocks:
        renderer.block(block)
    c.showPage()
    c.save()
    return buf.getvalue()
