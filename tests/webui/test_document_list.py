"""The document list with its filters and search, and an organisation's page."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.models import Allocation, Document, Message
from storage.search import store_page_texts


@pytest.fixture
def more(desk, seeded):
    """Beside the seeded Gotland requisition: a Gotland decision and return report for 2024,
    an unreadable file from Malmö stad, and a copy of the decision."""
    _, _, factory = desk
    received = datetime(2024, 5, 6, 10, tzinfo=UTC)
    with factory() as session:
        msg = Message(source_kind="eml", raw_sha256="a" * 64, raw_size=1, received_at=received,
                      sender="kansli@gotland.se", subject="Beslut och återrapport")
        decision = Document(sha256="b" * 64, filename="beslut.pdf", media_type="application/pdf",
                            size=1, pages=1, received_at=received, document_type="decision",
                            program="hembesok", grant_year=2024, org_code="09",
                            org_name="Region Gotland", reference="RS 2024/999",
                            amounts={"decided": {"value": 2_000_000, "unit": 1}})
        report = Document(sha256="c" * 64, filename="rapport.pdf", media_type="application/pdf",
                          size=1, pages=2, received_at=received, document_type="return_report",
                          program="hembesok", grant_year=2023, org_code="09",
                          org_name="Region Gotland",
                          amounts={"received": {"value": 900_000, "unit": 1},
                                   "used": {"value": 850_000, "unit": 1},
                                   "unused": {"value": 50_000, "unit": 1}})
        copy = Document(sha256="b" * 64, filename="beslut (2).pdf", media_type="application/pdf",
                        size=1, pages=1, received_at=received, document_type="decision",
                        program="hembesok", grant_year=2024, org_code="09",
                        org_name="Region Gotland", amounts={"decided": {"value": 2_000_000, "unit": 1}})
        broken = Document(sha256="d" * 64, filename="trasig.pdf", media_type="application/pdf",
                          size=1, pages=0, status="unreadable", received_at=received,
                          org_code="1280", org_name="Malmö stad", error="Filen är skadad")
        msg.documents.extend([decision, report, copy, broken])
        session.add(msg)
        session.add(Allocation(program="hembesok", grant_year=2023, recipient_code="09",
                               recipient_name="Region Gotland", amount_sek=1_000_000))
        session.flush()
        store_page_texts(session, report, [(1, "Ekonomisk redovisning"),
                                           (2, "Förbrukade medel för barnhälsovården 850 000 kr")])
        session.commit()
        return {"decision": decision.id, "report": report.id, "copy": copy.id,
                "broken": broken.id, "requisition": seeded.document_id}


def _ids(html: str) -> set[int]:
    import re
    return {int(n) for n in re.findall(r'<td><a href="/documents/(\d+)">', html)}


def test_every_document_is_listed_newest_first(as_rita, more):
    response = as_rita.get("/documents")
    assert response.status_code == 200
    assert _ids(response.text) == set(more.values())
    assert "5 dokument" in response.text
    assert response.text.index(f'/documents/{more["decision"]}"') < response.text.index(
        f'/documents/{more["requisition"]}"')


@pytest.mark.parametrize("query, expected", [
    ("q=barnhälsovården", {"report"}),
    ("q=RS+2024/863", {"requisition"}),
    ("q=kansli@gotland.se", {"decision", "report", "copy", "broken"}),
    ("q=malmö", {"broken"}),
    ("q=bananer", set()),
    ("document_type=decision", {"decision", "copy"}),
    ("organisation=Gotland&grant_year=2023", {"report"}),
    ("organisation=gotland", {"requisition", "decision", "report", "copy"}),
    ("organisation=1280", {"broken"}),
    ("status=unreadable", {"broken"}),
    ("status=flagged", {"requisition"}),
    ("received_from=2024-05-06&received_to=2024-05-06", {"decision", "report", "copy", "broken"}),
])
def test_filters_and_search(as_rita, more, query, expected):
    response = as_rita.get(f"/documents?{query}")
    assert response.status_code == 200
    assert _ids(response.text) == {more[k] for k in expected}


def test_a_text_hit_links_to_its_page(as_rita, more):
    html = as_rita.get("/documents?q=barnhälsovården").text
    assert f'href="/documents/{more["report"]}?from=2#page-2">s. 2</a>' in html
    assert "Förbrukade medel för <mark>barnhälsovården</mark> 850 000 kr" in html


def test_unicode_digits_are_not_numbers(as_rita, more):
    assert as_rita.get("/documents?grant_year=²⁰²⁴&page=²").status_code == 400
    assert as_rita.get("/documents?organisation=²²").status_code == 400
    assert as_rita.get(f"/documents/{more['report']}?from=²&zoom=³").status_code == 200
    assert as_rita.get("/organisations/²²").status_code == 404


def test_bad_filters_are_explained(as_rita, more):
    response = as_rita.get("/documents?grant_year=20x4&document_type=bogus&organisation=123"
                           "&received_from=igår&status=x&program=nej")
    assert response.status_code == 400
    for text in ("Bidragsåret", "Okänd dokumenttyp", "ingen SCB-kod", "inte ett datum",
                 "Okänd status", "Okänt statsbidrag"):
        assert text in response.text


def test_the_list_is_paginated(as_rita, desk, more):
    _, _, factory = desk
    with factory() as session:
        msg = Message(source_kind="eml", raw_sha256="e" * 64, raw_size=1)
        msg.documents.extend(Document(sha256=f"{i:064x}", media_type="application/pdf", size=1,
                                      received_at=datetime(2020, 1, 1, tzinfo=UTC))
                             for i in range(60))
        session.add(msg)
        session.commit()
    first = as_rita.get("/documents").text
    assert "65 dokument, visar 1–50" in first and 'href="?page=2"' in first
    second = as_rita.get("/documents?page=2").text
    assert len(_ids(second)) == 15 and "Sida 2 av 2" in second
    assert len(_ids(as_rita.get("/documents?page=99").text)) == 15


def test_organisation_page_has_figures_per_program_year(as_rita, more):
    response = as_rita.get("/organisations/09")
    assert response.status_code == 200
    html = response.text
    assert "Region Gotland" in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
    [y2024, y2023] = rows
    # 2024: allocated 2 100 000, requisitioned 2 345 000, decided 2 000 000 once (the copy
    # is not counted twice).
    cells_2024 = [c.split("</td>")[0] for c in y2024.split('<td class="num">')[1:]]
    assert cells_2024[:7] == ["2 100 000 kr", "2 345 000 kr", "2 000 000 kr", "–", "–", "–", "–"]
    cells_2023 = [c.split("</td>")[0] for c in y2023.split('<td class="num">')[1:]]
    assert cells_2023[:7] == ["1 000 000 kr", "–", "–", "900 000 kr", "850 000 kr", "50 000 kr", "–"]
    assert 'class="over"' in y2024
    assert "Återbetalt" in html
    assert f'href="/documents/{more["report"]}"' in html
    assert "Beloppet överstiger" in html or "AMOUNT_EXCEEDS_ALLOCATION" in html


def test_organisations_are_found_by_name(as_rita, more):
    html = as_rita.get("/organisations").text
    assert "Region Gotland" in html and "Malmö stad" in html
    response = as_rita.get("/organisations?q=malmö")
    assert response.status_code == 303 and response.headers["location"] == "/organisations/1280"
    assert as_rita.get("/organisations/1280").status_code == 200
    assert as_rita.get("/organisations/0114").status_code == 200, "known, without documents"
    assert as_rita.get("/organisations/77").status_code == 404
    assert as_rita.get("/organisations/x'y").status_code == 404


def test_document_list_needs_login(client):
    assert client.get("/documents").status_code == 303
    assert client.get("/organisations/09").status_code == 303


def test_the_same_as_json(as_rita, more):
    data = as_rita.get("/api/documents?q=barnhälsovården").json()
    assert data["total"] == 1
    [doc] = data["documents"]
    assert doc["match"]["page"] == 2 and "barnhälsovården" in doc["match"]["text"]
    assert as_rita.get("/api/documents?grant_year=x").status_code == 400
    assert as_rita.get("/api/documents").json()["total"] == 5
    org = as_rita.get("/api/organisations/09").json()
    assert org["name"] == "Region Gotland"
    assert {(f["grant_year"], f["allocation"], f["requested"], f["unused"])
            for f in org["figures"]} == {(2024, 2_100_000, 2_345_000, None),
                                         (2023, 1_000_000, None, 50_000)}
    assert as_rita.get("/api/organisations/77").status_code == 404


def test_marked_words_are_escaped():
    from webui.routes.document_list import highlight

    assert str(highlight("<b>Gotland</b> & gotlandsk", ["gotland"])) == (
        "&lt;b&gt;<mark>Gotland</mark>&lt;/b&gt; &amp; <mark>gotland</mark>sk")


def test_organisation_page_shows_repayments_and_expected_documents(as_rita, desk, more):
    from datetime import date

    from storage.models import ExpectationRow

    with desk[2]() as session:
        session.add_all([
            ExpectationRow(code="REPAYMENT_DUE", severity="warning", program="hembesok",
                           grant_year=2023, org_code="09", org_kind="region",
                           org_name="Region Gotland", amount=50_000, repaid_amount=20_000,
                           repaid_on=date(2024, 6, 1), message="Återbetalning 50 000 kr"),
            ExpectationRow(code="MISSING_RETURN_REPORT", severity="warning", program="hembesok",
                           grant_year=2024, org_code="09", org_kind="region",
                           org_name="Region Gotland", deadline=date(2025, 3, 31),
                           message="Återrapporten har inte kommit"),
        ])
        session.commit()
    html = as_rita.get("/organisations/09").text
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
    cells_2023 = [c.split("</td>")[0] for c in rows[1].split('<td class="num">')[1:]]
    assert cells_2023[6] == "20 000 kr"
    assert "Återrapporten har inte kommit" in html and "31 mars 2025" in html
    assert "4 öppna avvikelser" in html
    assert as_rita.get("/api/organisations/09").json()["figures"][1]["repaid"] == 20_000
