"""The document page, corrections that re-run the checks, closing cases, the originals."""
from __future__ import annotations

from sqlalchemy import select

from storage.models import AuditEntry, Document, FlagRow
from tests.webui.conftest import page_token
from tests.webui.seed import RAW_EML


def _doc_and_flags(factory, doc_id):
    with factory() as s:
        doc = s.get(Document, doc_id)
        return dict(doc.amounts), {f.code: f.status for f in doc.flags}


def test_document_page_shows_box_values_and_flag_with_numbers(as_rita, seeded):
    html = as_rita.get(f"/documents/{seeded.document_id}").text
    assert f'/documents/{seeded.document_id}/pages/1.png' in html
    assert 'class="box" href="#value-amounts.requested"' in html
    assert "left:50.397%" in html  # 300 pt of 595.28
    assert "2 345 000 kr" in html and "99 %" in html
    assert "AMOUNT_EXCEEDS_ALLOCATION" in html
    assert "2 100 000 kr" in html  # the allocation behind the flag
    assert "större än" in html  # the rule explained in Swedish


def test_page_image_is_a_png(as_rita, seeded):
    response = as_rita.get(f"/documents/{seeded.document_id}/pages/1.png")
    assert response.status_code == 200
    assert response.content.startswith(b"\x89PNG")
    assert as_rita.get(f"/documents/{seeded.document_id}/pages/7.png").status_code == 404


def test_correcting_the_amount_reruns_the_checks(as_rita, seeded, factory):
    token = page_token(as_rita, f"/documents/{seeded.document_id}")
    response = as_rita.post(f"/documents/{seeded.document_id}/corrections",
                            data={"field": "amounts.requested", "value": "2 000 000 kr",
                                  "csrf_token": token})
    assert response.status_code == 303
    amounts, flags = _doc_and_flags(factory, seeded.document_id)
    assert amounts["requested"]["value"] == 2_000_000
    assert flags["AMOUNT_EXCEEDS_ALLOCATION"] == "resolved"
    with factory() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "correct"))
        assert (entry.actor, entry.field, entry.old_value, entry.new_value) == (
            "rita", "amounts.requested", "2 345 000 kr", "2 000 000 kr")
        flag = s.get(FlagRow, seeded.flag_id)
        assert flag.resolved_by == "system"
    page = as_rita.get(response.headers["location"]).text
    assert "rättat av rita" in page and "kontrollerna har körts om" in page


def test_a_correction_that_does_not_parse_changes_nothing(as_rita, seeded, factory):
    before = _doc_and_flags(factory, seeded.document_id)
    token = page_token(as_rita, f"/documents/{seeded.document_id}")
    for field, value, words in [("amounts.requested", "två miljoner", "belopp"),
                                ("document_date", "32 mars", "datum"),
                                ("grant_year", "tjugo", "bidragsår"),
                                ("municipal_share_percent", "mycket", "procentsats"),
                                ("org_code", "09", "går inte att rätta")]:
        response = as_rita.post(f"/documents/{seeded.document_id}/corrections",
                                data={"field": field, "value": value, "csrf_token": token})
        assert response.status_code == 422, field
        assert words in response.text, field
    assert _doc_and_flags(factory, seeded.document_id) == before
    with factory() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "correct")) is None


def test_correction_without_csrf_is_refused(as_rita, seeded, factory):
    before = _doc_and_flags(factory, seeded.document_id)
    response = as_rita.post(f"/documents/{seeded.document_id}/corrections",
                            data={"field": "amounts.requested", "value": "1 kr"})
    assert response.status_code == 403
    assert _doc_and_flags(factory, seeded.document_id) == before


def test_resolving_needs_a_comment_and_is_audited(as_rita, seeded, factory):
    token = page_token(as_rita, f"/documents/{seeded.document_id}")
    empty = as_rita.post(f"/cases/{seeded.flag_id}/close",
                         data={"action": "resolve", "comment": "  ", "csrf_token": token})
    assert empty.status_code == 422 and "Skriv en kommentar" in empty.text
    with factory() as s:
        assert s.get(FlagRow, seeded.flag_id).status == "open"
    done = as_rita.post(f"/cases/{seeded.flag_id}/close",
                        data={"action": "dismiss", "comment": "Ny fördelning på väg",
                              "csrf_token": token})
    assert done.status_code == 303
    with factory() as s:
        flag = s.get(FlagRow, seeded.flag_id)
        assert (flag.status, flag.resolved_by, flag.comment) == (
            "dismissed", "rita", "Ny fördelning på väg")
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "flag_dismiss"))
        assert (entry.old_value, entry.new_value) == ("open", "dismissed")
    again = as_rita.post(f"/cases/{seeded.flag_id}/close",
                         data={"action": "resolve", "comment": "x", "csrf_token": token})
    assert again.status_code == 409


def test_missing_case_and_document_are_swedish_404s(as_rita):
    token = page_token(as_rita, "/cases")
    assert "Ärendet finns inte." in as_rita.get("/cases/9999").text
    response = as_rita.post("/cases/9999/close",
                            data={"action": "resolve", "comment": "x", "csrf_token": token})
    assert response.status_code == 404
    response = as_rita.get("/documents/9999")
    assert response.status_code == 404 and "Dokumentet finns inte." in response.text
    assert as_rita.get("/documents/abc").status_code == 404


def test_originals_are_served_with_disposition_and_media_type(as_rita, seeded):
    pdf = as_rita.get(f"/documents/{seeded.document_id}/original")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''Rekvisition%20Gotland.pdf")
    assert pdf.content.startswith(b"%PDF")
    eml = as_rita.get(f"/documents/{seeded.document_id}/message.eml")
    assert eml.headers["content-type"].startswith("message/rfc822")
    assert eml.content == RAW_EML


def test_case_list_filters_and_counts(as_rita, seeded):
    link = f"#case-{seeded.flag_id}"
    html = as_rita.get("/cases").text
    assert link in html and "Region Gotland" in html
    assert link not in as_rita.get("/cases?severity=warning").text
    assert link not in as_rita.get("/cases?received_from=2024-04-01").text
    assert link not in as_rita.get("/cases?status=resolved").text
    assert link in as_rita.get("/cases?grant_year=2024&org_code=09&received_to=2024-03-25").text
    bad = as_rita.get("/cases?grant_year=tjugo&received_to=igår")
    assert bad.status_code == 400
    assert "inte ett årtal" in bad.text and "inte ett datum" in bad.text


def test_corrections_of_organisation_date_and_municipalities(as_rita, seeded, factory):
    token = page_token(as_rita, f"/documents/{seeded.document_id}")
    for field, value in [("organisation", "Region Gotland"), ("document_date", "21 mars 2024"),
                         ("collaborating_municipalities", "Gotland"),
                         ("municipal_share_percent", "30,5 %"), ("amounts.unused", "")]:
        response = as_rita.post(f"/documents/{seeded.document_id}/corrections",
                                data={"field": field, "value": value, "csrf_token": token})
        assert response.status_code == 303, (field, response.text[-2000:])
    with factory() as s:
        doc = s.get(Document, seeded.document_id)
        assert (doc.org_code, doc.document_date, doc.municipal_share_percent) == (
            "09", "2024-03-21", 30.5)
        assert [m["code"] for m in doc.collaborating_municipalities] == ["0980"]
        flags = {f.code: f.status for f in doc.flags}
        assert flags["LOW_CONFIDENCE"] == "resolved"  # the organisation is now confirmed
    bad = as_rita.post(f"/documents/{seeded.document_id}/corrections",
                       data={"field": "collaborating_municipalities", "value": "Region Skåne",
                             "csrf_token": token})
    assert bad.status_code == 422 and "ingen känd kommun" in bad.text
