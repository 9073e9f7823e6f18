"""The case desk: flags that follow corrections and allocation imports, what was read kept
beside a correction, the queue of cases, several closed at once, reopening, the next case,
Swedish words where staff look."""
from __future__ import annotations

import re

from sqlalchemy import select

from intake.recheck import background
from storage.models import AuditEntry, ExtractedValue, FlagRow, RecheckRun
from tests.webui.cases_seed import add_cases
from tests.webui.conftest import login, page_token


def _correct(client, doc_id: int, field: str, value: str):
    token = page_token(client, f"/documents/{doc_id}")
    response = client.post(f"/documents/{doc_id}/corrections",
                           data={"field": field, "value": value, "csrf_token": token})
    assert response.status_code == 303, response.text[-1500:]
    return response


def _flag(factory, doc_id: int, code: str) -> FlagRow:
    with factory() as s:
        (row,) = s.scalars(select(FlagRow).where(FlagRow.document_pk == doc_id,
                                                 FlagRow.code == code))
        return row


def _api_codes(client, doc_id: int) -> set[str]:
    return {f["code"] for f in client.get(f"/api/documents/{doc_id}").json()["flags"]}


def test_a_corrected_requisition_is_flagged_again_when_it_exceeds_again(as_rita, desk):
    _, _, factory = desk
    more = add_cases(factory, desk[0].state.store)
    doc = more.requisition_id
    assert _flag(factory, doc, "AMOUNT_EXCEEDS_ALLOCATION").status == "open"
    _correct(as_rita, doc, "amounts.requested", "800 000 kr")
    assert _flag(factory, doc, "AMOUNT_EXCEEDS_ALLOCATION").status == "resolved"
    assert "AMOUNT_EXCEEDS_ALLOCATION" not in _api_codes(as_rita, doc)
    _correct(as_rita, doc, "amounts.requested", "950 000 kr")
    flag = _flag(factory, doc, "AMOUNT_EXCEEDS_ALLOCATION")
    assert (flag.status, flag.resolved_by) == ("open", None)
    assert "950 000 kr" in flag.message and "834 000 kr" in flag.message
    assert "AMOUNT_EXCEEDS_ALLOCATION" in _api_codes(as_rita, doc)


def test_a_return_reports_unused_amount_is_flagged_again(as_rita, desk):
    _, _, factory = desk
    doc = add_cases(factory).report_id
    assert _flag(factory, doc, "UNUSED_MISMATCH").status == "open"
    _correct(as_rita, doc, "amounts.unused", "134 000")
    assert _flag(factory, doc, "UNUSED_MISMATCH").status == "resolved"
    _correct(as_rita, doc, "amounts.unused", "150 000 kr")
    assert _flag(factory, doc, "UNUSED_MISMATCH").status == "open"


def test_what_was_read_stays_as_read_beside_the_correction(as_rita, desk):
    _, _, factory = desk
    doc = add_cases(factory).requisition_id
    _correct(as_rita, doc, "amounts.requested", "950 000 kr")
    with factory() as s:
        (value,) = s.scalars(select(ExtractedValue).where(ExtractedValue.document_pk == doc))
        assert (value.text, value.page, value.bbox, value.confidence) == (
            "900 000 kr", 1, [300.0, 300.0, 380.0, 315.0], 0.97)
    record = as_rita.get(f"/api/documents/{doc}").json()
    assert record["evidence"] == [{"field": "amounts.requested", "text": "900 000 kr", "page": 1,
                                   "bbox": [300.0, 300.0, 380.0, 315.0], "confidence": 0.97}]
    assert record["amounts"]["requested"] == 950_000
    (correction,) = record["corrections"]
    assert (correction["field"], correction["value"], correction["by"]) == (
        "amounts.requested", "950 000 kr", "rita")
    html = as_rita.get(f"/documents/{doc}").text
    row = re.search(r'<tr id="value-amounts.requested".*?</tr>', html, re.S).group(0)
    assert "950 000 kr" in row and "900 000 kr" in row and "rättat av rita" in row


def test_an_allocation_import_rechecks_every_document_in_the_background(client, desk):
    _, _, factory = desk
    doc = add_cases(factory, with_allocation=False).requisition_id
    assert _flag(factory, doc, "NO_ALLOCATION").status == "open"
    login(client, "hanna")
    token = page_token(client, "/allocations")
    csv = ("program,grant_year,recipient_code,recipient_name,amount_sek\n"
           "hembesok,2024,03,Region Uppsala,834000\n")
    preview = client.post("/allocations/preview", data={"csrf_token": token},
                          files={"file": ("f.csv", csv.encode(), "text/csv")})
    pending = re.search(r'name="upload" value="([^"]+)"', preview.text).group(1)
    assert client.post("/allocations/import",
                       data={"csrf_token": token, "upload": pending}).status_code == 303
    background.join(30)
    assert _flag(factory, doc, "NO_ALLOCATION").status == "resolved"
    assert _flag(factory, doc, "AMOUNT_EXCEEDS_ALLOCATION").status == "open"
    with factory() as s:
        run = s.scalar(select(RecheckRun))
        # The requisition and the return report from Region Uppsala had no allocation.
        assert (run.reason, run.actor, run.changed) == ("allocation_import", "hanna", 2)
    page = client.get("/cases").text
    assert "Kontrollerna har körts om efter en ny fördelningslista" in page
    audit = client.get("/audit").text
    assert "Läste in fördelning" in audit and "834 000 kr" in audit
    assert "(None)" not in audit and "allocation_import" not in audit


def test_the_queue_lists_cases_not_flags(as_rita, desk, seeded):
    _, _, factory = desk
    more = add_cases(factory)
    html = as_rita.get("/cases").text
    rows = re.findall(r'<tr class="sev-\w+" data-document="(\d+)">', html)
    assert rows == [str(seeded.document_id), str(more.requisition_id), str(more.report_id),
                    str(more.body_id), str(more.other_id)]
    assert html.count(f'href="/documents/{seeded.document_id}#case-') == 2  # two flags, one row
    assert "Belopp över tilldelningen" in html and "Osäker avläsning" in html
    by_severity = as_rita.get("/cases?sort=severity").text
    severities = re.findall(r'<tr class="sev-(\w+)" data-document', by_severity)
    assert severities == ["error", "error", "error", "warning", "warning"]
    assert re.findall(r'data-document="(\d+)"', as_rita.get("/cases?org_code=Uppsala").text) == [
        str(more.requisition_id), str(more.report_id)]
    assert "Ingen region eller kommun heter" in as_rita.get("/cases?org_code=Atlantis").text


def test_pages_of_cases(as_rita, desk, monkeypatch):
    _, _, factory = desk
    add_cases(factory)
    monkeypatch.setattr("storage.cases.PER_PAGE", 2)
    first = as_rita.get("/cases").text
    assert len(re.findall(r'data-document="', first)) == 2 and "sida 1 av 3" in first
    third = as_rita.get("/cases?page=3").text
    assert len(re.findall(r'data-document="', third)) == 1
    assert 'rel="prev"' in third and 'rel="next"' not in third


def test_several_cases_closed_with_one_comment(as_rita, desk, seeded):
    _, _, factory = desk
    more = add_cases(factory)
    token = page_token(as_rita, "/cases")
    response = as_rita.post("/cases/close", data={
        "csrf_token": token, "action": "dismiss", "comment": "Kontrollerat i diariet",
        "document": [str(more.requisition_id), str(more.report_id)], "back": "/cases"})
    assert response.status_code == 303 and response.headers["location"] == "/cases"
    with factory() as s:
        closed = list(s.scalars(select(FlagRow).where(
            FlagRow.document_pk.in_([more.requisition_id, more.report_id]))))
        assert closed and {(f.status, f.comment, f.resolved_by) for f in closed} == {
            ("dismissed", "Kontrollerat i diariet", "rita")}
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "flag_dismiss")))
        assert len(entries) == len(closed)
    page = as_rita.get("/cases").text
    assert "avvikelser i 2 ärenden är avfärdade" in page
    assert f'data-document="{more.requisition_id}"' not in page
    no_comment = as_rita.post("/cases/close", data={
        "csrf_token": token, "action": "resolve", "comment": " ",
        "document": [str(seeded.document_id)], "back": "/cases"})
    assert no_comment.status_code == 303
    assert "Skriv en kommentar" in as_rita.get("/cases").text
    assert _flag(factory, seeded.document_id, "LOW_CONFIDENCE").status == "open"


def test_resolving_the_last_flag_goes_on_to_the_next_case_and_reopen(as_rita, desk, seeded):
    _, _, factory = desk
    more = add_cases(factory)
    token = page_token(as_rita, f"/documents/{seeded.document_id}")
    both = as_rita.post("/cases/close", data={
        "csrf_token": token, "action": "resolve", "comment": "Klart",
        "flag": [str(seeded.flag_id), str(seeded.review_flag_id)],
        "back": f"/documents/{seeded.document_id}"})
    assert both.headers["location"] == f"/documents/{more.requisition_id}"
    page = as_rita.get(both.headers["location"]).text
    assert "Här är nästa ärende" in page
    reopened = as_rita.post(f"/cases/{seeded.flag_id}/reopen", data={"csrf_token": token})
    assert reopened.status_code == 303
    assert _flag(factory, seeded.document_id, "AMOUNT_EXCEEDS_ALLOCATION").status == "open"
    with factory() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "flag_reopen"))
        assert (entry.actor, entry.old_value, entry.new_value) == ("rita", "resolved", "open")
    assert as_rita.post(f"/cases/{seeded.flag_id}/reopen",
                        data={"csrf_token": token}).status_code == 409


def test_staff_read_words_not_internal_names(as_rita, desk, seeded):
    _, _, factory = desk
    _correct(as_rita, seeded.document_id, "amounts.requested", "2 000 000 kr")
    html = as_rita.get(f"/documents/{seeded.document_id}").text
    history = re.search(r'<section class="history".*?</section>', html, re.S).group(0)
    for internal in ("flag_auto_resolved", "amounts.requested", "open", "resolved", "→",
                     "AMOUNT_EXCEEDS_ALLOCATION"):
        assert internal not in history, internal
    assert "Löst av systemet" in history and "rekvirerat belopp" in history
    assert "Öppen till Löst" in history
    assert "Belopp över tilldelningen" in html
    assert "Utökade hembesöksprogram inom barnhälsovården" in as_rita.get("/cases?status=all").text


def test_a_message_without_attachment_shows_its_body_and_downloads_as_text(as_rita, desk):
    app, _, factory = desk
    doc = add_cases(factory, app.state.store).body_id
    html = as_rita.get(f"/documents/{doc}").text
    assert "Rekvisitionen kommer i morgon." in html
    original = as_rita.get(f"/documents/{doc}/original")
    assert original.headers["content-disposition"].endswith(f"meddelandetext-{doc}.txt")


def test_an_other_document_offers_only_the_fields_that_fit(as_rita, desk):
    _, _, factory = desk
    more = add_cases(factory)
    other = as_rita.get(f"/documents/{more.other_id}").text
    assert re.findall(r'<tr id="value-([\w.]+)"', other) == ["document_type"]
    report = as_rita.get(f"/documents/{more.report_id}").text
    fields = re.findall(r'<tr id="value-([\w.]+)"', report)
    assert "amounts.unused" in fields and "amounts.requested" not in fields
    assert "collaborating_municipalities" not in fields



def test_a_recheck_under_way_is_shown_with_its_progress(as_rita, desk):
    _, _, factory = desk
    with factory() as s:
        s.add(RecheckRun(reason="programs_changed", actor="system", programs_hash="x",
                         total=40, done=12, changed=0))
        s.commit()
    html = as_rita.get("/cases").text
    assert "Kontrollerna körs om efter ändrade statsbidrag (programs.toml): 12 av 40" in html
    assert '<progress max="40" value="12"' in html
