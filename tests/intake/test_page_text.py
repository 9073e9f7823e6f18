"""Page text kept for search: by the pipeline as a document is stored, and read again for
documents stored before it was kept."""
from __future__ import annotations

from sqlalchemy import delete, select

from intake.page_text import backfill_page_texts
from intake.pipeline import Incoming
from storage.models import PageTextRow
from storage.search import DocumentFilter, search_documents
from tests.documents import message, requisition_lines, text_pdf


def _eml(raw: bytes) -> Incoming:
    return Incoming(raw=raw, kind="eml", source_kind="eml", source_key="mail/1.eml")


def _found(session_factory, query: str) -> list[int]:
    with session_factory() as session:
        return [h.document.id for h in search_documents(session, DocumentFilter(query=query))]


def test_pipeline_keeps_page_text_and_backfill_restores_it(pipeline, session_factory, store,
                                                             reader):
    pages = requisition_lines() + ["Övriga upplysningar"] * 60 + ["Sista sidan: barnavårdscentral"]
    pipeline.process(_eml(message([("rek.pdf", text_pdf(pages))])))
    with session_factory() as session:
        rows = session.execute(select(PageTextRow.document_pk, PageTextRow.page, PageTextRow.text)
                               .order_by(PageTextRow.page)).all()
    assert len({r.page for r in rows}) >= 2
    doc_pk = rows[0].document_pk
    assert "Rekvirerat belopp 834 000 kr" in rows[0].text
    assert _found(session_factory, "barnavårdscentral") == [doc_pk]

    with session_factory() as session:
        session.execute(delete(PageTextRow))
        session.commit()
    assert _found(session_factory, "barnavårdscentral") == []
    assert backfill_page_texts(session_factory, store, reader) == 1
    assert _found(session_factory, "barnavårdscentral") == [doc_pk]
    assert backfill_page_texts(session_factory, store, reader) == 0


def test_a_mail_without_attachment_is_found_by_its_text(pipeline, session_factory):
    pipeline.process(_eml(message([], subject="Fråga")))
    assert len(_found(session_factory, "bifogar")) == 1
