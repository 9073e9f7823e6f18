"""The rendered report: HTML for the mail, the PDF/A read back, the XLSX sheet by sheet."""
from __future__ import annotations

import io
import re
import zipfile

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from reports.figures import collect_figures
from reports.render import CHART_CID, render_report, write_files
from reports.week import IsoWeek
from storage.db import open_database
from tests.reports.conftest import REPORT_TIME
from tests.reports.seed import GOTLAND, add_document, add_flag, seed_week

DESK = "https://granskning.region.example.se"
INJECTED = '=HYPERLINK("mailto:angripare@example.com","Klicka här")'
SHEETS = ["Inkommet", "Ändringar", "Förväntade handlingar", "Kommande sista dagar", "Ekonomi",
          "Ekonomi per organisation", "Öppna ärenden"]


@pytest.fixture(scope="module")
def factory(tmp_path_factory):
    factory = open_database(f"sqlite:///{tmp_path_factory.mktemp('render')}/r.db")
    with factory() as session, session.begin():
        seed_week(session)
        doc = add_document(session, "2024-04-03 15:00", org=GOTLAND, filename=INJECTED)
        doc.message.subject = "=1+2"
        doc.message.sender = "@SUM(1)"
        add_flag(session, doc, "MISSING_FIELD", "warning", "2024-04-03 15:01")
    yield factory
    factory.kw["bind"].dispose()


def _report(factory, week: str, scope=None, **options):
    with factory() as session:
        figures = collect_figures(session, IsoWeek.parse(week), scope, REPORT_TIME,
                                  desk_url=DESK)
    return render_report(figures, REPORT_TIME, **options)


@pytest.fixture(scope="module")
def report(factory):
    return _report(factory, "2024-W14")


def _pdf_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in doc)
    return text.replace("\u00a0", " ").replace("\r", "")


def test_mail_html_is_inline_styled_with_the_chart_by_cid_and_desk_links(report):
    html = report.mail_html
    assert f'src="cid:{CHART_CID}"' in html
    assert "<style" not in html and "<link" not in html
    assert "Veckorapport statsbidrag vecka 14 2024" in html
    for text in ("AMOUNT_EXCEEDS_ALLOCATION", "Region Gotland", "834\u00a0000\u00a0kr",
                 "800\u00a0000\u00a0kr", "Anstånd beviljat", "registrator@region.example.se",
                 f'href="{DESK}/documents/', "Sista dagar de närmaste 30 dagarna",
                 "Ekonomi per statsbidrag och år", "Öppna ärenden efter ålder"):
        assert text in html, text
    assert report.chart_png.startswith(b"\x89PNG")


def test_counts_in_the_subject_agree_in_number(factory):
    from reports.render import subject

    with factory() as session:
        figures = collect_figures(session, IsoWeek(2024, 13), None, REPORT_TIME)
    assert subject(figures).endswith(": 2 inkomna handlingar, 1 ny avvikelse, 1 öppet ärende")


def test_the_words_are_the_desks(report):
    assert "Löst" in report.mail_html and "Åtgärdad" not in report.mail_html
    assert "Åtgärdad" not in report.text and "Löst" in report.text


def test_pdf_carries_the_figures_and_renders(report):
    text = _pdf_text(report.pdf)
    assert "Veckorapport statsbidrag vecka 14 2024" in text
    assert re.search(r"7\s+Inkomna handlingar", text)
    for figure in ("834 000 kr", "800 000 kr", "1 349 000 kr", "5 000 000 kr",
                   "Region Stockholm", "DECISION_AMOUNT_MISMATCH", "2024-03-20"):
        assert figure in text, figure
    doc = pdfium.PdfDocument(report.pdf)
    image = doc[0].render(scale=0.5).to_pil().convert("L")
    assert image.getextrema()[0] < 100, "page 1 renders with dark text on it"


def _font_descriptor(font: dict) -> dict:
    if "DescendantFonts" in font:
        font = resolve1(resolve1(font["DescendantFonts"])[0])
    return resolve1(font["FontDescriptor"])


def test_pdf_is_pdf_a_with_xmp_output_intent_and_embedded_fonts(report):
    doc = PDFDocument(PDFParser(io.BytesIO(report.pdf)))
    xmp = resolve1(doc.catalog["Metadata"]).get_data().decode("utf-8")
    assert re.search(r'pdfaid:part(="|>)2', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    [intent] = resolve1(doc.catalog["OutputIntents"])
    intent = resolve1(intent)
    assert intent["S"].name == "GTS_PDFA1"
    assert resolve1(intent["DestOutputProfile"]).get_data()[36:40] == b"acsp", "an ICC profile"
    fonts = {}
    for page in PDFPage.create_pages(doc):
        for ref in resolve1(resolve1(page.resources)["Font"]).values():
            font = resolve1(ref)
            fonts[font["BaseFont"].name] = _font_descriptor(font)
    assert fonts
    for name, descriptor in fonts.items():
        assert {"FontFile", "FontFile2", "FontFile3"} & set(descriptor), f"{name} not embedded"


def _sheets(xlsx: bytes):
    return load_workbook(io.BytesIO(xlsx))


def test_xlsx_has_a_sheet_per_table_with_frozen_headers_and_filters(report):
    wb = _sheets(report.xlsx)
    assert wb.sheetnames == SHEETS
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
    intake = list(wb["Inkommet"].iter_rows(values_only=True))
    assert intake[0][:3] == ("Inkom", "Avsändare", "Ämne")
    assert len(intake) == 1 + 7
    assert intake[1][1] == "registrator@region.example.se"
    assert intake[1][0].isoformat() == "2024-04-02T09:03:00"
    open_rows = list(wb["Öppna ärenden"].iter_rows(values_only=True))
    assert open_rows[0][:5] == ("Ärende", "Inkom", "Ålder (dagar)", "Allvarlighet", "Kod")
    assert open_rows[1][4] == "MISSING_FIELD" and open_rows[1][2] == 18
    assert "Avsändare" in open_rows[0]


def test_xlsx_links_go_into_the_desk(report):
    ws = _sheets(report.xlsx)["Öppna ärenden"]
    link = ws.cell(row=2, column=ws.max_column)
    assert link.value == "Öppna"
    assert link.hyperlink.target.startswith(f"{DESK}/documents/")
    assert "#case-" in link.hyperlink.target


def test_xlsx_text_is_never_a_formula(report):
    """Issue 13, point 3: an attachment named =HYPERLINK(...) stays text, in every sheet."""
    wb = _sheets(report.xlsx)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    injected = [c for c in cells if c.value == INJECTED]
    assert injected, "the attachment's name is in the workbook"
    assert all(c.data_type == "s" for c in cells)
    assert any(c.value == "=1+2" for c in cells) and any(c.value == "@SUM(1)" for c in cells)
    with zipfile.ZipFile(io.BytesIO(report.xlsx)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_a_week_with_nothing_new_says_so_in_one_line_and_keeps_the_rest(factory):
    report = _report(factory, "2023-W40")
    line = "Inget nytt vecka 40: inga handlingar kom in och inga ärenden ändrades."
    assert report.subject.endswith("inget nytt")
    assert line in report.mail_html and line in report.text and line in _pdf_text(report.pdf)
    assert "Ekonomi per statsbidrag och år" in report.mail_html
    assert "Inga avvikelser på handlingar som kom in vecka" in report.mail_html
    assert _sheets(report.xlsx).sheetnames == SHEETS


def test_files_are_written_with_the_chart_inside_the_html(report, tmp_path):
    paths = write_files(report, tmp_path / "ut")
    assert [p.name for p in paths] == ["veckorapport-2024-W14.html", "veckorapport-2024-W14.pdf",
                                       "veckorapport-2024-W14.xlsx"]
    html = paths[0].read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "cid:" not in html
    assert paths[1].read_bytes().startswith(b"%PDF")


def test_long_lists_are_cut_in_the_mail_but_not_in_the_attachments(factory):
    report = _report(factory, "2024-W14", mail_limit=3)
    assert "Visar de 3 äldsta av 8 öppna ärenden" in report.mail_html
    assert "och 5 till" in report.text
    assert "DECISION_AMOUNT_MISMATCH" in _pdf_text(report.pdf)
    assert _sheets(report.xlsx)["Öppna ärenden"].max_row == 9


def test_an_empty_chart_says_so_in_words():
    from reports.chart import empty_text, flags_chart_png
    from reports.figures import WeekBar

    bars = [WeekBar(w, {}) for w in IsoWeek(2024, 14).back(12)]
    assert empty_text(bars) == ("Inga avvikelser på handlingar som kom in vecka 3 2024 – "
                                "vecka 14 2024")
    assert flags_chart_png(bars).startswith(b"\x89PNG")


def test_week_labels_carry_the_year_where_it_starts():
    from reports.chart import week_label
    from reports.figures import WeekBar

    bars = [WeekBar(w, {}) for w in IsoWeek(2024, 2).back(4)]
    assert [week_label(b, bars[i - 1] if i else None) for i, b in enumerate(bars)] == [
        "v51\n2023", "v52", "v1\n2024", "v2"]
