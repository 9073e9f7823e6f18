"""Documents found by words of their pages, sender, subject, diarienummer and organisation,
with the list's filters, on SQLite (FTS5) and PostgreSQL ('swedish' full-text search)."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from storage.models import Document, FlagRow, Message, PageTextRow
from storage.search import (
    DocumentFilter,
    count_documents,
    documents_without_text,
    query_terms,
    search_documents,
    snippet_of,
    store_page_texts,
)

PAGES = {
    "gotland": ["Rekvisition av statsbidrag för utökade hembesöksprogram.",
                "Region Gotland rekvirerar 834 000 kronor för verksamhetsåret."],
    "orebro": ["Återrapport: förbrukade medel 400 000 kr, ej förbrukade 34 000 kr."],
    "malmo": ["Beslut i protokollsutdrag om fördelning av statsbidraget."],
}


def _add(session, key: str, *, sender: str, subject: str, org: tuple[str, str] | None,
         reference: str | None, doc_type: str, received: datetime, status: str = "processed",
         flag: bool = False) -> Document:
    msg = Message(source_kind="eml", raw_sha256=key.ljust(64, "0"), raw_size=1, sender=sender,
                  subject=subject, received_at=received)
    doc = Document(sha256=key.ljust(64, "1"), filename=f"{key}.pdf", media_type="application/pdf",
                   size=1, pages=len(PAGES[key]), status=status, received_at=received,
                   document_type=doc_type, program="hembesok", grant_year=received.year,
                   org_code=org[0] if org else None, org_name=org[1] if org else None,
                   reference=reference)
    msg.documents.append(doc)
    session.add(msg)
    session.flush()
    store_page_texts(session, doc, enumerate(PAGES[key], start=1))
    if flag:
        session.add(FlagRow(document_pk=doc.id, code="MISSING_FIELD", severity="error",
                            message="Saknas"))
    return doc


@pytest.fixture
def docs(session_factory):
    with session_factory() as session:
        ids = {
            "gotland": _add(session, "gotland", sender="registrator@gotland.se",
                            subject="Rekvisition hembesök", org=("09", "Region Gotland"),
                            reference="RS 2024/863", doc_type="requisition",
                            received=datetime(2024, 3, 25, 9, tzinfo=UTC), flag=True).id,
            "orebro": _add(session, "orebro", sender="ekonomi@regionorebrolan.se",
                           subject="Återrapport 2023", org=("18", "Region Örebro län"),
                           reference=None, doc_type="return_report",
                           received=datetime(2024, 4, 2, 9, tzinfo=UTC)).id,
            "malmo": _add(session, "malmo", sender="kansli@malmo.se", subject="Protokoll",
                          org=("1280", "Malmö stad"), reference="SN-2023-117",
                          doc_type="decision", received=datetime(2023, 11, 7, 9, tzinfo=UTC)).id,
        }
        session.commit()
    return ids


def _found(session_factory, **filters) -> list[int]:
    with session_factory() as session:
        f = DocumentFilter(**filters)
        hits = search_documents(session, f)
        assert count_documents(session, f) == len(hits)
        return [h.document.id for h in hits]


def test_page_text_is_searched_with_swedish_words(session_factory, docs):
    assert _found(session_factory, query="hembesöksprogram") == [docs["gotland"]]
    assert _found(session_factory, query="förbrukade") == [docs["orebro"]]
    # An inflected form: a prefix on SQLite, the Swedish stem on PostgreSQL.
    assert _found(session_factory, query="protokollsutdrag") == [docs["malmo"]]
    assert _found(session_factory, query="statsbidrag") == [docs["gotland"], docs["malmo"]]
    assert _found(session_factory, query="kronor Gotland") == [docs["gotland"]]
    assert _found(session_factory, query="bananer") == []
    assert _found(session_factory, query="Region och Gotland") == [docs["gotland"]]
    assert _found(session_factory, query="beslut om") == [docs["malmo"]]


def test_fields_are_searched_case_insensitively(session_factory, docs):
    assert _found(session_factory, query="RS 2024/863") == [docs["gotland"]]
    assert _found(session_factory, query="sn-2023-117") == [docs["malmo"]]
    assert _found(session_factory, query="ÖREBRO") == [docs["orebro"]]
    assert _found(session_factory, query="malmö stad") == [docs["malmo"]]
    assert _found(session_factory, query="ekonomi@regionorebrolan.se") == [docs["orebro"]]
    assert _found(session_factory, query="återrapport 2023") == [docs["orebro"]]


def test_hostile_queries_are_words_not_syntax(session_factory, docs):
    for query in ['"', "NEAR(", "a OR", "*", "100%", "x_y", "'; drop table documents; --",
                  "Gotland AND NOT", ":* & !"]:
        _found(session_factory, query=query)
    assert _found(session_factory, query="100%") == []


def test_filters(session_factory, docs):
    assert _found(session_factory, organisation="Gotland") == [docs["gotland"]]
    assert _found(session_factory, organisation="örebro") == [docs["orebro"]]
    assert _found(session_factory, organisation="1280") == [docs["malmo"]]
    assert _found(session_factory, document_type="decision") == [docs["malmo"]]
    assert _found(session_factory, grant_year=2023) == [docs["malmo"]]
    assert _found(session_factory, status="flagged") == [docs["gotland"]]
    assert _found(session_factory, status="unreadable") == []
    assert _found(session_factory, received_from=date(2024, 3, 25),
                  received_to=date(2024, 3, 25)) == [docs["gotland"]]
    assert _found(session_factory) == [docs["orebro"], docs["gotland"], docs["malmo"]]


def test_hits_say_where_the_words_are(session_factory, docs):
    with session_factory() as session:
        [hit] = search_documents(session, DocumentFilter(query="834 000"))
    assert hit.page == 2
    assert "834 000 kronor" in hit.snippet
    assert hit.open_flags == 1
    with session_factory() as session:
        [hit] = search_documents(session, DocumentFilter(query="Örebro"))
    assert (hit.open_flags, hit.page, hit.snippet) == (0, None, None)


def test_page_text_is_replaced_and_follows_its_document(session_factory, docs):
    with session_factory() as session:
        doc = session.get(Document, docs["malmo"])
        store_page_texts(session, doc, [(1, "Ny text om bananer")])
        session.commit()
    assert _found(session_factory, query="bananer") == [docs["malmo"]]
    assert _found(session_factory, query="protokollsutdrag") == []
    with session_factory() as session:
        session.delete(session.get(Document, docs["malmo"]))
        session.commit()
        assert session.scalars(select(PageTextRow).where(
            PageTextRow.document_pk == docs["malmo"])).all() == []
    assert _found(session_factory, query="bananer") == []


def test_documents_without_text_are_the_ones_to_read_again(session_factory, docs):
    with session_factory() as session:
        session.execute(PageTextRow.__table__.delete().where(
            PageTextRow.document_pk == docs["orebro"]))
        session.commit()
        assert documents_without_text(session) == [docs["orebro"]]


def test_query_words_and_snippets():
    assert query_terms("RS 2024/863, Malmö!") == ["rs", "2024/863", "malmö"]
    assert query_terms('"; --') == []
    assert query_terms("Region och Gotland") == ["region", "gotland"]
    assert query_terms("och") == ["och"]
    text = "Början. " + "fyll " * 40 + "Region Gotland rekvirerar 834 000 kronor. " + "slut " * 40
    snippet = snippet_of(text, ["834"])
    assert "834 000 kronor" in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert snippet_of(text, ["saknas"]) is None
