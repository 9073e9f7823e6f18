"""Page text for search of documents stored before it was kept: their originals read again."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from sqlalchemy.orm import Session, sessionmaker

from extractors.reading.pages import DocumentReader
from storage.models import Document
from storage.originals import OriginalStore
from storage.search import documents_without_text, store_page_texts

log = logging.getLogger(__name__)


def backfill_page_texts(session_factory: sessionmaker[Session], store: OriginalStore,
                        reader: DocumentReader,
                        progress: Callable[[int, int], None] | None = None) -> int:
    """Read every readable document that has no kept page text and keep it; returns how many.
    Values, flags and evidence are not touched. One commit per document."""
    with session_factory() as session:
        pending = documents_without_text(session)
        media = {d.id: (d.sha256, d.media_type) for d in session.query(Document).filter(
            Document.id.in_(pending))} if pending else {}

    def originals() -> Iterator[tuple[int, bytes, str | None]]:
        for doc_id in pending:
            digest, media_type = media[doc_id]
            if store.exists(digest):
                yield doc_id, store.get(digest), media_type
            else:
                log.warning("original missing, page text not kept: document=%s", doc_id)

    done = 0
    for doc_id, text in reader.read_many(originals()):
        with session_factory() as session:
            doc = session.get(Document, doc_id)
            if doc is not None and not text.error:
                store_page_texts(session, doc, ((p.number, p.text) for p in text.pages))
                session.commit()
                done += 1
        if progress:
            progress(done, len(pending))
    log.info("page text kept for %d of %d documents", done, len(pending))
    return done
