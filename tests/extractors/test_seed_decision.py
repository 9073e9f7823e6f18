"""Seed 002 (Region Örebro län's decision on the 2023 grant) as a real PDF through the text layer.

The seed's text is carried as a fixture; the PDF is rendered here with reportlab and read back
with pdfplumber and extractors.reading.pdf_text, the way text PDFs are read in production.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.fields import extract_fields
from extractors.model import Amount, DocumentText, PageText
from extractors.reading.pdf_text import page_words

FIXTURE = Path(__file__).with_name("fixtures") / "seed_002_decision.txt"


def render(text: str, path: Path) -> None:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 60
    for line in text.splitlines():
        if y < 60:
            pdf.showPage()
            y = height - 60
        pdf.setFont("Helvetica", 10)
        pdf.drawString(56, y, line.strip())
        y -= 14
    pdf.save()


def read(path: Path) -> DocumentText:
    with pdfplumber.open(path) as pdf:
        pages = [PageText(i + 1, float(p.width), float(p.height), page_words(p, i + 1), "text")
                 for i, p in enumerate(pdf.pages)]
    return DocumentText(pages, "application/pdf")


def test_seed_decision(tmp_path: Path) -> None:
    path = tmp_path / "seed_002.pdf"
    render(FIXTURE.read_text(encoding="utf-8"), path)
    ex = extract_fields(read(path))
    assert ex.document_type == "decision"
    assert ex.organisation is not None
    assert (ex.organisation.kind, ex.organisation.code) == ("region", "18")
    assert ex.program == "hembesok"
    assert ex.grant_year == 2023
    assert ex.amounts["decided"] == Amount(1_300_000, 100_000)
    assert ex.document_date == date(2023, 11, 21)
    decided = next(e for e in ex.evidence if e.field == "amounts.decided")
    assert decided.text == "1,3 miljoner kronor"
