"""The mail body is a document too: a message without attachment whose body is the
requisition or report is read like any document; a covering note is not."""
from __future__ import annotations

from email.message import EmailMessage

from intake.body import body_document, html_to_text
from intake.message import parse_message
from intake.pipeline import Incoming
from tests.documents import requisition_lines, text_pdf

REQUISITION_BODY = """Hej,

Härmed rekvirerar Ljusnarsbergs kommun 255 000 kr i statsbidrag för pilotverksamhet i
barnhälsovården i socioekonomiskt utsatta områden 2023.

Med vänlig hälsning
Anna Andersson
Ljusnarsbergs kommun
"""

REPORT_HTML = """<html><head><style>p {color: red}</style><title>Rapport</title></head><body>
<h1>Återrapportering av statsbidrag för utökade hembesöksprogram 2024</h1>
<p>Region Gotland</p>
<table>
<tr><td>Erhållet bidrag</td><td>834&nbsp;000 kr</td></tr>
<tr><td>Förbrukat</td><td>800 000 kr</td></tr>
<tr><td>Ej förbrukat</td><td>34 000 kr</td></tr>
</table>
<script>document.write('1 000 000 kr')</script>
</body></html>"""


def _mail(body: str | None, *, html: bool = False, attachments=(), charset: str = "utf-8",
          message_id: str = "<body@test.example>") -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "ekonomi@kommun.example.se", "statsbidrag@example.se", "Rekv"
    m["Date"] = "Wed, 20 Mar 2024 09:00:00 +0100"
    m["Message-ID"] = message_id
    if body is not None:
        m.set_content(body, subtype="html" if html else "plain", charset=charset)
    for name, data in attachments:
        m.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return bytes(m)


def _eml(raw: bytes) -> Incoming:
    return Incoming(raw=raw, kind="eml", source_kind="eml", source_key="mail/b.eml", path="mail/b.eml")


def _codes(record: dict) -> set[str]:
    return {f["code"] for f in record["flags"]}


def test_a_plain_text_requisition_body_is_read_with_evidence_in_the_body(pipeline, store):
    (rec,) = pipeline.process(_eml(_mail(REQUISITION_BODY))).records
    assert rec["status"] == "processed"
    assert rec["document_type"] == "requisition"
    assert rec["organisation"]["code"] == "1864"
    assert rec["amounts"] == {"requested": 255_000}
    assert (rec["program"], rec["grant_year"]) == ("bhv-pilot", 2023)
    assert "NO_DOCUMENT" not in _codes(rec)
    (ev,) = [e for e in rec["evidence"] if e["field"] == "amounts.requested"]
    assert ev["text"] == "255 000 kr" and ev["page"] == 1
    assert rec["source"]["attachment"] == "meddelandetext.txt"
    assert rec["media_type"] == "text/plain"
    assert "Härmed rekvirerar" in store.get(rec["sha256"]).decode("utf-8")


def test_an_html_return_report_body_is_read_as_text(pipeline, store):
    (rec,) = pipeline.process(_eml(_mail(REPORT_HTML, html=True))).records
    assert rec["document_type"] == "return_report"
    assert rec["organisation"]["code"] == "09"
    assert rec["amounts"] == {"received": 834_000, "used": 800_000, "unused": 34_000}
    assert rec["source"]["attachment"] == "meddelandetext.html"
    assert rec["media_type"] == "text/html"
    assert b"<table>" in store.get(rec["sha256"])
    assert "NO_DOCUMENT" not in _codes(rec)


def test_a_cover_note_with_an_attachment_is_not_a_document(pipeline):
    raw = _mail("Hej,\n\nHär kommer vår rekvisition, se bifogad fil.\n\nMvh Region Gotland\n",
                attachments=[("rek.pdf", text_pdf(requisition_lines()))])
    (rec,) = pipeline.process(_eml(raw)).records
    assert rec["source"]["attachment"] == "rek.pdf"
    assert rec["document_type"] == "requisition" and rec["amounts"] == {"requested": 834_000}


def test_a_cover_note_without_attachment_is_no_document(pipeline, store):
    note = "Hej,\n\nHär kommer vår rekvisition för 2024.\n\nMed vänlig hälsning\nRegion Gotland\n"
    (rec,) = pipeline.process(_eml(_mail(note))).records
    assert _codes(rec) == {"NO_DOCUMENT"}
    assert rec["status"] == "no_document"
    assert rec["document_type"] == "other" and rec["amounts"] == {} and rec["evidence"] == []
    assert rec["source"]["attachment"] == "meddelandetext.txt"
    assert "Här kommer vår rekvisition" in store.get(rec["sha256"]).decode("utf-8")


def test_an_empty_body_is_no_document(pipeline):
    (rec,) = pipeline.process(_eml(_mail(None, message_id="<empty@test.example>"))).records
    assert _codes(rec) == {"NO_DOCUMENT"}
    assert rec["status"] == "no_document"


def test_a_windows_1252_body_is_read():
    raw = _mail(REQUISITION_BODY, charset="windows-1252")
    body = body_document(parse_message(raw))
    assert "Härmed rekvirerar Ljusnarsbergs kommun" in body.text.text


def test_html_to_text_keeps_blocks_and_cells_apart_and_drops_scripts():
    text = html_to_text(REPORT_HTML)
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0] == "Återrapportering av statsbidrag för utökade hembesöksprogram 2024"
    assert "Erhållet bidrag\t834 000 kr" in lines
    assert "document.write" not in text and "color" not in text and "Rapport" not in text
    assert html_to_text("rad ett<br>rad två") == "rad ett\nrad två"


def test_body_words_carry_positions_on_one_page():
    body = body_document(parse_message(_mail("Rekvirerat belopp 834 000 kr\nRegion Gotland\n")))
    (page,) = body.text.pages
    first, *_ = page.words
    assert first.text == "Rekvirerat" and first.line == 0 and first.page == 1
    assert all(w.bbox[2] <= page.width and w.bbox[3] <= page.height for w in page.words)
    assert body.filename == "meddelandetext.txt" and body.media_type == "text/plain"
