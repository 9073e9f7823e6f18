"""A fillable PDF's typed values are read as words where a viewer shows them."""
from __future__ import annotations

import ctypes
import io
from datetime import date

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.fields import extract_fields
from extractors.model import DocumentText, PageText
from extractors.reading.pdf_text import page_words

TOP = A4[1]


def _form(fill, labels: list[tuple[float, str]] = ()) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 11)
    for y, label in labels:
        c.drawString(50, y, label)
    fill(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _page(data: bytes) -> PageText:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        return PageText(1, float(page.width), float(page.height), page_words(page, 1), "text")


def _requisition(c: canvas.Canvas) -> None:
    form = c.acroForm
    form.textfield(name="org", value="Region Jämtland Härjedalen", x=200, y=695, width=250,
                   height=18, fontSize=10)
    form.textfield(name="belopp", value="1 250 000", x=200, y=665, width=120, height=18,
                   fontSize=10)
    form.textfield(name="datum", value="2024-03-12", x=200, y=635, width=120, height=18,
                   fontSize=10)


REQUISITION_LABELS = [
    (760, "Rekvisition av statsbidrag för utökade hembesöksprogram 2024"),
    (700, "Organisation:"), (670, "Rekvirerat belopp (kr):"), (640, "Datum:"),
]


def test_a_filled_field_is_read_on_its_label_line() -> None:
    page = _page(_form(_requisition, REQUISITION_LABELS))
    lines = page.text.splitlines()
    assert "Organisation: Region Jämtland Härjedalen" in lines
    assert "Rekvirerat belopp (kr): 1 250 000" in lines


def test_a_filled_fillable_requisition_gives_its_fields() -> None:
    page = _page(_form(_requisition, REQUISITION_LABELS))
    ex = extract_fields(DocumentText([page], "application/pdf"))
    assert ex.document_type == "requisition"
    assert (ex.organisation.kind, ex.organisation.code) == ("region", "23")
    assert ex.amounts["requested"].value == 1_250_000
    assert ex.document_date == date(2024, 3, 12)


def test_tick_boxes_read_as_ticked_or_empty() -> None:
    def fill(c: canvas.Canvas) -> None:
        c.acroForm.checkbox(name="ja", checked=True, x=50, y=700, size=12)
        c.acroForm.checkbox(name="nej", checked=False, x=50, y=680, size=12)

    page = _page(_form(fill, [(702, "       Intygas"), (682, "       Avstår")]))
    assert page.text.splitlines() == ["☒ Intygas", "☐ Avstår"]


def test_a_multiline_field_keeps_its_lines_in_order() -> None:
    def fill(c: canvas.Canvas) -> None:
        c.acroForm.textfield(name="kommuner", value="Krokom\nÅre\nStrömsund", x=200, y=600,
                             width=200, height=60, fieldFlags="multiline", fontSize=10)

    page = _page(_form(fill))
    assert page.text.splitlines() == ["Krokom", "Åre", "Strömsund"]


def test_a_right_aligned_field_ends_at_its_right_edge() -> None:
    def fill(c: canvas.Canvas) -> None:
        c.acroForm.textfield(name="summa", value="412 000", x=300, y=600, width=150, height=18,
                             fontSize=10)

    page = _page(_form(fill).replace(b"/T (summa)", b"/Q 2 /T (summa)"))
    right = max(w.bbox[2] for w in page.words)
    assert 440 <= right <= 450


def test_a_value_the_page_also_prints_is_not_read_twice() -> None:
    def fill(c: canvas.Canvas) -> None:
        c.drawString(202, 670, "1 250 000")
        c.acroForm.textfield(name="belopp", value="1 250 000", x=200, y=665, width=120,
                             height=18, fontSize=10)

    page = _page(_form(fill, [(670, "Belopp:")]))
    assert page.text.splitlines() == ["Belopp: 1 250 000"]


@pytest.mark.parametrize("flag", [b"/F 2", b"/Ff 65536"])
def test_hidden_fields_and_push_buttons_are_not_read(flag: bytes) -> None:
    def fill(c: canvas.Canvas) -> None:
        c.acroForm.textfield(name="dold", value="9 999 999", x=200, y=665, width=120,
                             height=18, fontSize=10)

    data = _form(fill, [(670, "Belopp:")])
    if flag == b"/F 2":
        data = data.replace(b"/F 4", b"/F 6")
    else:
        data = data.replace(b"/FT /Tx", b"/FT /Btn").replace(b"/Ff 0", flag)
    assert _page(data).text == "Belopp:"


def _with_typed_note(data: bytes, text: str, rect: tuple[float, float, float, float]) -> bytes:
    """Add a FreeText note as Acrobat's Fill & Sign or macOS Preview types one."""
    pdf = pdfium.PdfDocument(data)
    page = pdf[0]
    annot = pdfium_raw.FPDFPage_CreateAnnot(page, pdfium_raw.FPDF_ANNOT_FREETEXT)
    left, bottom, right, top = rect
    pdfium_raw.FPDFAnnot_SetRect(annot, pdfium_raw.FS_RECTF(left, top, right, bottom))
    value = (text + "\0").encode("utf-16-le")
    pdfium_raw.FPDFAnnot_SetStringValue(
        annot, b"Contents", ctypes.cast(ctypes.c_char_p(value), ctypes.POINTER(ctypes.c_ushort)))
    pdfium_raw.FPDFAnnot_SetStringValue(
        annot, b"DA", ctypes.cast(ctypes.c_char_p("/Helv 11 Tf 0 g\0".encode("utf-16-le")),
                                  ctypes.POINTER(ctypes.c_ushort)))
    pdfium_raw.FPDFPage_CloseAnnot(annot)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_typed_note_is_read_where_it_stands() -> None:
    data = _with_typed_note(_form(lambda c: None, [(700, "Erhållet belopp:")]),
                            "834 000 kr", (200, 694, 320, 712))
    assert _page(data).text.splitlines() == ["Erhållet belopp: 834 000 kr"]


@pytest.mark.parametrize(("good", "bad"), [
    (b"/Rect [", b"/Rect [ /Bad"),  # the annotation array itself unreadable
    (b"/Ff 0", b"/Ff /Bad"),        # one field's flags a name, not a number
])
def test_a_damaged_annotation_costs_nothing_but_itself(good: bytes, bad: bytes) -> None:
    data = _form(_requisition, REQUISITION_LABELS).replace(good, bad, 1)
    page = _page(data)
    assert "Organisation:" in page.text
