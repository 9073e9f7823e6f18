"""The rendered report: HTML for the mail, the PDF read back as text and pixels, the XLSX."""
from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from reports.figures import collect_figures
from reports.render import CHART_CID, render_report, write_files
from reports.week import IsoWeek
from storage.db import open_database
from tests.reports.conftest import REPORT_TIME
from tests.reports.seed import seed_week


@pytest.fixture(scope="module")
def factory(tmp_path_factory):
    factory = open_database(f"sqlite:///{tmp_path_factory.mktemp('render')}/r.db")
    with factory() as session, session.begin():
        seed_week(session)
    yield factory
    factory.kw["bind"].dispose()


def _report(factory, week: str, scope=None, **options):
    with factory() as session:
        return render_report(collect_figures(session, IsoWeek.parse(week), scope, REPORT_TIME),
                             REPORT_TIME, **options)


@pytest.fixture(scope="module")
def report(factory):
    return _report(factory, "2024-W14")


def _pdf_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in doc)
    return text.replace("\u00a0", " ").replace("\r", "")


def test_mail_html_is_inline_styled_with_the_chart_by_cid(report):
    html = report.mail_html
    assert f'src="cid:{CHART_CID}"' in html
    assert "<style" not in html and "<link" not in html
    assert 'style="' in html
    assert "Veckorapport statsbidrag vecka 14 2024" in html
    for text in ("AMOUNT_EXCEEDS_ALLOCATION", "Region Gotland", "834\u00a0000\u00a0kr",
                 "800\u00a0000\u00a0kr", "Anstånd beviljat", "Okänt program"):
        assert text in html
    assert report.chart_png.startswith(b"\x89PNG")


def test_pdf_carries_the_figures_and_renders(report):
    text = _pdf_text(report.pdf)
    assert "Veckorapport statsbidrag vecka 14 2024" in text
    assert re.search(r"6\s+Inkomna dokument", text)
    assert re.search(r"7\s+Nya avvikelser", text)
    assert re.search(r"7\s+Öppna ärenden", text)
    for figure in ("834 000 kr", "800 000 kr", "−34 000 kr", "1 349 000 kr", "5 000 000 kr",
                   "Region Stockholm", "DECISION_AMOUNT_MISMATCH", "2024-03-20"):
        assert figure in text, figure
    doc = pdfium.PdfDocument(report.pdf)
    assert len(doc) >= 2
    image = doc[0].render(scale=0.5).to_pil().convert("L")
    assert image.getextrema()[0] < 100, "page 1 renders with dark text on it"


def test_xlsx_has_one_row_per_open_flag_and_filters_on(report):
    wb = load_workbook(io.BytesIO(report.xlsx))
    ws = wb.active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("Ärende", "Inkom", "Ålder (dagar)", "Allvarlighet", "Kod")
    assert len(rows) == 1 + 7
    assert rows[1][4] == "MISSING_FIELD" and rows[1][2] == 18
    assert rows[1][1].isoformat().startswith("2024-03-20")
    assert ws.auto_filter.ref == "A1:N8"
    assert ws.freeze_panes == "A2"


def test_empty_week_is_a_short_no_discrepancies_report(factory):
    report = _report(factory, "2023-W40")
    assert report.subject.endswith("inga avvikelser")
    assert "Inga avvikelser" in report.mail_html and "Inga avvikelser" in report.text
    assert "Öppna ärenden" not in report.mail_html
    assert "Inga avvikelser" in _pdf_text(report.pdf)
    rows = list(load_workbook(io.BytesIO(report.xlsx)).active.iter_rows(values_only=True))
    assert len(rows) == 1


def test_files_are_written_with_the_chart_inside_the_html(report, tmp_path):
    paths = write_files(report, tmp_path / "ut")
    assert [p.name for p in paths] == ["veckorapport-2024-W14.html", "veckorapport-2024-W14.pdf",
                                       "veckorapport-2024-W14.xlsx"]
    html = paths[0].read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "cid:" not in html
    assert paths[1].read_bytes().startswith(b"%PDF")


def test_many_open_cases_are_cut_in_the_mail_but_not_in_the_attachments(factory):
    report = _report(factory, "2024-W14", mail_open_limit=3)
    assert "Visar de 3 äldsta av 7 öppna ärenden" in report.mail_html
    assert "och 4 till" in report.text
    assert "DECISION_AMOUNT_MISMATCH" in _pdf_text(report.pdf)
    assert len(list(load_workbook(io.BytesIO(report.xlsx)).active.iter_rows())) == 8
