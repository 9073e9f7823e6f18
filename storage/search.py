"""Documents by filter and full-text search: page text, sender, subject, diarienummer,
organisation and file name.

Page text is searched through the index the migration built: SQLite FTS5 (prefix terms, so
"rekvisition" finds "rekvisitionen") or PostgreSQL full-text search with the 'swedish'
configuration (stemmed, and prefix terms too). The short fields are matched as case-insensitive substrings of the
live columns, so a corrected organisation or diarienummer is found at once. Every word of
the query must be found, each in the page text or in one of the fields.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Select,
    String,
    bindparam,
    delete,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, joinedload

from storage.cases import local_day_start
from storage.models import Document, FlagRow, Message, PageTextRow

DOCUMENT_STATUSES = ("processed", "unreadable", "no_document")
MAX_TERMS = 8
"""Words of a query beyond this are ignored (each is one more index lookup)."""
SNIPPET_CHARS = 90
_WORD = re.compile(r"[^\W_]+(?:[-/.:][^\W_]+)*", re.UNICODE)


@dataclass
class DocumentFilter:
    query: str | None = None
    document_type: str | None = None
    program: str | None = None
    grant_year: int | None = None
    organisation: str | None = None
    """An SCB code (two or four digits) or part of the organisation's name."""
    status: str | None = None
    """processed, unreadable, no_document; "flagged" for documents with an open flag."""
    received_from: date | None = None
    received_to: date | None = None
    """Inclusive, local dates (Europe/Stockholm)."""


@dataclass(frozen=True)
class DocumentHit:
    document: Document
    open_flags: int
    page: int | None = None
    """The first page whose text matched the query, if any did."""
    snippet: str | None = None


_STOP_WORDS = """
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke
mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut
när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt
mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några
deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje vilka
ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
"""PostgreSQL's Swedish stop words: left out of a query on both databases, so that "Region och
Gotland" finds the same documents everywhere."""


def query_terms(query: str | None) -> list[str]:
    """The words of a search, lower case, stop words left out unless there is nothing else:
    "RS 2024/863" → ["rs", "2024/863"]."""
    words = [t.lower() for t in _WORD.findall(query or "")]
    return ([w for w in words if w not in STOP_WORDS] or words)[:MAX_TERMS]


def _fold(session: Session, column) -> ColumnElement:
    return func.fold(column) if session.get_bind().dialect.name == "sqlite" else func.lower(column)


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def organisation_condition(session: Session, organisation: str) -> ColumnElement[bool]:
    """An SCB code matches exactly; anything else is part of the organisation's name."""
    organisation = organisation.strip()
    if organisation.isdigit():
        return Document.org_code == organisation
    return _fold(session, Document.org_name).like(_like(organisation.lower()), escape="\\")


def _page_matches(session: Session, term: str, n: int) -> Select:
    """Ids of the pages whose text holds ``term``."""
    if session.get_bind().dialect.name == "sqlite":
        phrase = '"' + term.replace('"', '""') + '"*'
        return select(text("rowid")).select_from(text("document_pages_fts")).where(
            text(f"document_pages_fts MATCH :fts{n}").bindparams(
                bindparam(f"fts{n}", phrase, type_=String)))
    # query_terms() yields letters, digits and - / . : only, so the quoting below is safe.
    tsquery = func.to_tsquery(text("'swedish'::regconfig"),
                              bindparam(f"fts{n}", f"'{term}':*", type_=String))
    # A query of stop words alone has no lexemes and matches every page, as on SQLite.
    matches = func.to_tsvector(text("'swedish'::regconfig"), PageTextRow.text).op(
        "@@", return_type=Boolean)(tsquery)
    return select(PageTextRow.id).where(or_(matches, func.numnode(tsquery) == 0))


def _term_condition(session: Session, term: str, n: int) -> ColumnElement[bool]:
    like = _like(term)
    fields = [Document.org_name, Document.reference, Document.filename,
              Message.sender, Message.subject]
    in_pages = Document.id.in_(
        select(PageTextRow.document_pk).where(PageTextRow.id.in_(_page_matches(session, term, n))))
    return or_(in_pages, *(_fold(session, c).like(like, escape="\\") for c in fields))


def _filtered(session: Session, stmt: Select, f: DocumentFilter) -> Select:
    stmt = stmt.join(Document.message)
    for n, term in enumerate(query_terms(f.query)):
        stmt = stmt.where(_term_condition(session, term, n))
    if f.document_type:
        stmt = stmt.where(Document.document_type == f.document_type)
    if f.program:
        stmt = stmt.where(Document.program == f.program)
    if f.grant_year:
        stmt = stmt.where(Document.grant_year == f.grant_year)
    if f.organisation and f.organisation.strip():
        stmt = stmt.where(organisation_condition(session, f.organisation))
    if f.status == "flagged":
        stmt = stmt.where(Document.flags.any(FlagRow.status == "open"))
    elif f.status:
        stmt = stmt.where(Document.status == f.status)
    if f.received_from:
        stmt = stmt.where(Document.received_at >= local_day_start(f.received_from))
    if f.received_to:
        stmt = stmt.where(Document.received_at < local_day_start(f.received_to + timedelta(days=1)))
    return stmt


def count_documents(session: Session, f: DocumentFilter) -> int:
    return session.scalar(_filtered(session, select(func.count(Document.id)), f)) or 0


def search_documents(session: Session, f: DocumentFilter, *, offset: int = 0,
                     limit: int = 50) -> list[DocumentHit]:
    """Documents matching ``f``, newest received first, with where the query was found."""
    stmt = _filtered(session, select(Document), f).options(joinedload(Document.message)).order_by(
        Document.received_at.desc(), Document.id.desc()).offset(offset).limit(limit)
    docs = list(session.scalars(stmt).unique())
    ids = [d.id for d in docs]
    open_flags = dict(session.execute(
        select(FlagRow.document_pk, func.count(FlagRow.id))
        .where(FlagRow.document_pk.in_(ids), FlagRow.status == "open")
        .group_by(FlagRow.document_pk)).all()) if ids else {}
    found = _snippets(session, ids, query_terms(f.query))
    return [DocumentHit(d, open_flags.get(d.id, 0), *found.get(d.id, (None, None))) for d in docs]


def _snippets(session: Session, ids: list[int], terms: list[str]) -> dict[int, tuple[int, str]]:
    """Per document, the first page where a query word occurs and the text around it."""
    if not ids or not terms:
        return {}
    out: dict[int, tuple[int, str]] = {}
    rows = session.execute(select(PageTextRow.document_pk, PageTextRow.page, PageTextRow.text)
                           .where(PageTextRow.document_pk.in_(ids))
                           .order_by(PageTextRow.document_pk, PageTextRow.page))
    for doc_pk, page, page_text in rows:
        if doc_pk in out:
            continue
        snippet = snippet_of(page_text, terms)
        if snippet:
            out[doc_pk] = (page, snippet)
    return out


def snippet_of(page_text: str, terms: Iterable[str]) -> str | None:
    """About SNIPPET_CHARS of ``page_text`` around the first of ``terms`` it holds."""
    flat = " ".join(page_text.split())
    lowered = flat.lower()
    hits = [i for i in (lowered.find(t) for t in terms) if i >= 0]
    if not hits:
        return None
    at = min(hits)
    start = max(0, at - SNIPPET_CHARS // 3)
    if start:
        space = flat.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    end = min(len(flat), start + SNIPPET_CHARS)
    if end < len(flat):
        space = flat.rfind(" ", at, end)
        end = space if space > at else end
    return ("…" if start else "") + flat[start:end].strip() + ("…" if end < len(flat) else "")


def store_page_texts(session: Session, doc: Document, pages: Iterable[tuple[int, str]]) -> None:
    """Keep the text of each page of ``doc`` for search, replacing what was kept before."""
    session.execute(delete(PageTextRow).where(PageTextRow.document_pk == doc.id))
    session.add_all(PageTextRow(document_pk=doc.id, page=number, text=page_text)
                    for number, page_text in pages if page_text.strip())


def documents_without_text(session: Session) -> list[int]:
    """Readable documents stored with pages but no kept page text (stored before it was kept)."""
    kept = select(PageTextRow.document_pk)
    return list(session.scalars(select(Document.id).where(
        Document.status == "processed", Document.pages > 0, Document.id.not_in(kept),
    ).order_by(Document.id)))

