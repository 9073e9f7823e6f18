"""The queue of cases: one per document, by age and severity, with counts and pages."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.cases import CaseFilter, case_page, next_case
from storage.models import Document, FlagRow, Message

T0 = datetime(2024, 3, 25, 8, 0, tzinfo=UTC)


def _doc(session, n: int, flags: list[tuple[str, str, str]], org: str = "09") -> Document:
    msg = Message(source_kind="eml", raw_sha256=f"{n:064d}", raw_size=1,
                  received_at=T0 + timedelta(hours=n))
    doc = Document(sha256=f"{n:064d}", media_type="application/pdf", size=1,
                   received_at=T0 + timedelta(hours=n), document_type="requisition",
                   program="hembesok", grant_year=2024, org_code=org, org_kind="region",
                   org_name="Region", amounts={})
    doc.flags = [FlagRow(code=c, severity=sev, message=c, status=st) for c, sev, st in flags]
    msg.documents.append(doc)
    session.add(msg)
    session.flush()
    return doc


def _seed(session) -> list[Document]:
    return [
        _doc(session, 1, [("LATE_REQUISITION", "warning", "open"),
                          ("NO_ALLOCATION", "error", "resolved")]),
        _doc(session, 2, [("AMOUNT_EXCEEDS_ALLOCATION", "error", "open"),
                          ("LOW_CONFIDENCE", "review", "open"),
                          ("MISSING_FIELD", "warning", "open")], org="01"),
        _doc(session, 3, [("DUPLICATE_DOCUMENT", "info", "dismissed")]),
        _doc(session, 4, [("LOW_CONFIDENCE", "review", "resolved"),
                          ("DUPLICATE_DOCUMENT", "info", "dismissed")]),
        _doc(session, 5, [("MISSING_FIELD", "warning", "open")]),
    ]


def test_one_case_per_document_oldest_first_with_counts(session_factory):
    with session_factory() as s:
        docs = _seed(s)
        page = case_page(s)
        assert [c.document.id for c in page.cases] == [docs[0].id, docs[1].id, docs[4].id]
        assert page.counts == {"open": 3, "resolved": 1, "dismissed": 1}
        assert page.severity_counts == {"warning": 2, "error": 1}
        second = page.cases[1]
        assert (second.status, second.severity) == ("open", "error")
        assert [f.code for f in second.flags] == [
            "AMOUNT_EXCEEDS_ALLOCATION", "MISSING_FIELD", "LOW_CONFIDENCE"]
        assert page.cases[0].severity == "warning"  # the open flag, not the resolved error


def test_most_serious_first_and_statuses(session_factory):
    with session_factory() as s:
        docs = _seed(s)
        assert [c.document.id for c in case_page(s, sort="severity").cases] == [
            docs[1].id, docs[0].id, docs[4].id]
        assert [c.document.id for c in case_page(s, CaseFilter(status="resolved")).cases] == [
            docs[3].id]
        assert [c.document.id for c in case_page(s, CaseFilter(status="dismissed")).cases] == [
            docs[2].id]
        everything = case_page(s, CaseFilter(status=None))
        assert everything.total == 5
        coded = case_page(s, CaseFilter(code="MISSING_FIELD"))
        assert [c.document.id for c in coded.cases] == [docs[1].id, docs[4].id]
        assert case_page(s, CaseFilter(org_codes=("01",))).total == 1


def test_pages(session_factory):
    with session_factory() as s:
        docs = _seed(s)
        first = case_page(s, CaseFilter(status=None), per_page=2)
        third = case_page(s, CaseFilter(status=None), per_page=2, page=3)
        beyond = case_page(s, CaseFilter(status=None), per_page=2, page=99)
        assert (first.pages, len(first.cases)) == (3, 2)
        assert [c.document.id for c in third.cases] == [docs[4].id]
        assert beyond.page == 3


def test_the_next_case(session_factory):
    with session_factory() as s:
        docs = _seed(s)
        assert next_case(s, docs[0]) == docs[1].id
        assert next_case(s, docs[2]) == docs[4].id  # closed itself: the next one after it
        assert next_case(s, docs[4]) == docs[0].id  # the last: round to the first
        for flag in docs[0].flags + docs[1].flags:
            flag.status = "resolved"
        s.flush()
        assert next_case(s, docs[4]) is None
