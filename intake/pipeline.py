"""A message (or a bare file) in, stored and checked documents out.

source → stored original → text → fields → flags → case. Reading (OCR included) runs in the
reader's worker processes ahead of the message being stored, so the cores stay busy while
the database commits; each message is one transaction.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Literal

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from config.programs import ProgramCatalog, default_programs
from config.settings import Settings
from extractors.fields import extract_fields
from extractors.model import DocumentText, Extraction
from extractors.reading.pages import DocumentReader, ReadOptions
from extractors.reading.sniff import sniff_media_type
from intake.body import body_document
from intake.expectations import refresh_after_intake
from intake.message import ParsedMessage, display_name, parse_message
from intake.recheck import check, sync_flags
from intake.records import apply_fields, document_record
from storage.models import Document, Message
from storage.originals import OriginalStore, sha256_hex
from storage.search import store_page_texts

log = logging.getLogger(__name__)
NO_DOCUMENT_ERROR = ("Meddelandet har ingen bifogad handling, och texten i det är ingen "
                     "rekvisition, rapport eller annan handling som kan läsas.")

MAX_AHEAD = 32
"""Messages taken from a source ahead of the one being stored (see Pipeline.process_many)."""


@dataclass
class Incoming:
    raw: bytes
    """RFC 822 message bytes, or a bare file's bytes."""
    kind: Literal["eml", "file"]
    source_kind: str
    """folder, imap, exchange, eml, pdf, image."""
    source_key: str | None
    path: str | None = None
    filename: str | None = None
    received: datetime | None = None
    """Delivery time when the source knows it; else the Date header (or the file's mtime)."""


@dataclass
class Processed:
    records: list[dict]
    message_pk: int
    new: bool


@dataclass
class _Input:
    data: bytes
    filename: str | None
    media_type: str | None
    sha256: str


@dataclass
class _Prepared:
    item: Incoming
    raw_sha256: str
    parsed: ParsedMessage | None
    inputs: list[_Input] = field(default_factory=list)
    texts: list[DocumentText] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return len(self.texts) == len(self.inputs)


def read_options(settings: Settings) -> ReadOptions:
    return ReadOptions(
        languages=settings.ocr.languages, dpi=settings.ocr.dpi, workers=settings.ocr.workers,
        min_text_quality=settings.ocr.min_text_quality, max_bytes=settings.limits.max_bytes,
        max_pages=settings.limits.max_pages, max_pixels=settings.limits.max_pixels,
        page_seconds=settings.limits.page_seconds,
        worker_memory_mb=settings.limits.worker_memory_mb,
    )


def read_fields(text: DocumentText, key: str) -> Extraction:
    """The fields of a readable document's text; the one place intake asks the extractor.

    An extractor failure is logged and leaves the document without fields, never the
    message unstored.
    """
    try:
        return extract_fields(text)
    except Exception:
        log.exception("extraction failed: %s", key)
        return Extraction()


def has_something_to_read(fields: Extraction) -> bool:
    """Whether a message body is itself a document: an amount read in it, and with it either
    a document type or the organisation it is from. A covering note ("här kommer vår
    rekvisition") names a type but states nothing a check could use."""
    return bool(fields.amounts) and (
        fields.document_type != "other" or fields.organisation is not None)


def _find_message(session: Session, raw_sha256: str, message_id: str | None,
                  input_kind: str) -> Message | None:
    """The stored message with these bytes as this kind of input, or with this Message-ID."""
    cond = (Message.raw_sha256 == raw_sha256) & (Message.input_kind == input_kind)
    if message_id:
        cond = or_(cond, Message.message_id == message_id)
    return session.scalar(select(Message).where(cond).order_by(Message.id).limit(1))


class Pipeline:
    """One per process; owns the document reader (and so the worker pool) for its lifetime."""

    def __init__(self, settings: Settings, session_factory: sessionmaker[Session],
                 store: OriginalStore, reader: DocumentReader | None = None,
                 programs: ProgramCatalog | None = None) -> None:
        self.settings = settings
        self.session_factory = session_factory
        self.store = store
        self.programs = programs or default_programs()
        self._own_reader = reader is None
        self.reader = reader or DocumentReader(read_options(settings))

    def close(self) -> None:
        if self._own_reader:
            self.reader.close()

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def already_stored(self, raw: bytes, message_id: str | None = None,
                       input_kind: str = "eml") -> bool:
        with self.session_factory() as session:
            return _find_message(session, sha256_hex(raw), message_id, input_kind) is not None

    def process(self, item: Incoming) -> Processed:
        return next(iter(self.process_many([item])))

    def process_many(self, items: Iterable[Incoming]) -> Iterator[Processed]:
        """Process messages in order, reading the next ones' pages while storing this one.

        At most MAX_AHEAD messages are taken from ``items`` ahead of the ones stored: messages
        without attachments give the page reader nothing to wait for, so without the bound a
        backlog of them would all be read from the mailbox before the first is stored.
        """
        source = iter(items)
        while True:
            taken = 0

            def window() -> Iterator[Incoming]:
                nonlocal taken
                for item in islice(source, MAX_AHEAD):
                    taken += 1
                    yield item

            yield from self._process_window(window())
            if taken < MAX_AHEAD:
                return

    def _process_window(self, items: Iterable[Incoming]) -> Iterator[Processed]:
        pending: deque[_Prepared] = deque()

        def feed() -> Iterator[tuple[tuple[int, int], bytes, str | None]]:
            for prep in map(self._prepare, items):
                pending.append(prep)
                for i, doc in enumerate(prep.inputs):
                    yield (id(prep), i), doc.data, doc.media_type

        def drain() -> Iterator[Processed]:
            while pending and pending[0].ready:
                yield self._store(pending.popleft())

        for (prep_id, _), text in self.reader.read_many(feed()):
            target = next(p for p in pending if id(p) == prep_id)
            target.texts.append(text)
            yield from drain()
        yield from drain()

    def _prepare(self, item: Incoming) -> _Prepared:
        raw_sha256 = sha256_hex(item.raw)
        if item.kind == "file":
            parsed = None
            files = [(display_name(item.filename), item.raw)]
        else:
            parsed = parse_message(item.raw)
            files = [(a.filename, a.data) for a in parsed.attachments]
        with self.session_factory() as session:
            if _find_message(session, raw_sha256, parsed.message_id if parsed else None, item.kind):
                return _Prepared(item, raw_sha256, parsed)
        inputs = [_Input(data, name, sniff_media_type(data), sha256_hex(data)) for name, data in files]
        return _Prepared(item, raw_sha256, parsed, inputs)

    def _store(self, prep: _Prepared) -> Processed:
        """Store the originals and commit the message with its documents and flags.

        The message may be committed by another process (a second ``ingest``, a second poller)
        at any point of this transaction: a unique constraint then fails, at a flush or at the
        commit, and the message is reported as already stored. Any other failure removes the
        originals this transaction wrote, so nothing is left that no row refers to.
        """
        item, parsed = prep.item, prep.parsed
        message_id = parsed.message_id if parsed else None
        with self.session_factory() as session:
            existing = _find_message(session, prep.raw_sha256, message_id, item.kind)
            if existing is not None:
                return self._already(existing)
            written: list[str] = []
            try:
                message = self._add_message(session, prep, written)
                session.commit()
            except IntegrityError:
                session.rollback()
                existing = _find_message(session, prep.raw_sha256, message_id, item.kind)
                if existing is None:
                    self._remove(written)
                    raise
                log.info("message stored by another process meanwhile: message_pk=%s", existing.id)
                return self._already(existing)
            except BaseException:
                session.rollback()
                self._remove(written)
                raise
            log.info("stored message_pk=%s documents=%d source=%s", message.id,
                     len(message.documents), message.source_key)
            refresh_after_intake(self.session_factory, self.programs, message.documents)
            return Processed([document_record(d) for d in message.documents], message.id, True)

    @staticmethod
    def _already(existing: Message) -> Processed:
        return Processed([document_record(d) for d in existing.documents], existing.id, False)

    def _put(self, data: bytes, written: list[str]) -> str:
        """Store an original, noting it in ``written`` when this call created it."""
        digest = sha256_hex(data)
        if not self.store.exists(digest):
            written.append(digest)
        return self.store.put(data)

    def _remove(self, written: list[str]) -> None:
        for digest in written:
            self.store.path_for(digest).unlink(missing_ok=True)

    def _add_message(self, session: Session, prep: _Prepared, written: list[str]) -> Message:
        item, parsed = prep.item, prep.parsed
        self._put(item.raw, written)
        received = item.received or (parsed.date if parsed else None)
        message = Message(
            source_kind=item.source_kind, source_key=item.source_key or item.path,
            message_id=parsed.message_id if parsed else None, raw_sha256=prep.raw_sha256,
            input_kind=item.kind, raw_size=len(item.raw),
            sender=parsed.sender if parsed else None,
            subject=parsed.subject if parsed else None, received_at=received,
        )
        session.add(message)
        if not prep.inputs:
            self._add_body_document(session, message, parsed, written)
        for doc_input, text in zip(prep.inputs, prep.texts, strict=True):
            self._add_document(session, message, doc_input, text, written)
        return message

    def _new_document(self, session: Session, message: Message, **columns) -> Document:
        doc = Document(message=message, received_at=message.received_at, **columns)
        session.add(doc)
        session.flush()
        return doc

    def _checked(self, session: Session, doc: Document, fields: Extraction) -> None:
        apply_fields(doc, fields)
        flags = check(session, doc, fields, programs=self.programs,
                      threshold=self.settings.confidence_threshold)
        sync_flags(session, doc, flags)

    def _add_body_document(self, session: Session, message: Message,
                           parsed: ParsedMessage | None, written: list[str]) -> None:
        """A message without attachment: its body is the document when it has something to
        read; otherwise it is kept as the message's one document, flagged NO_DOCUMENT."""
        body = body_document(parsed)
        digest = self._put(body.data, written)
        fields = read_fields(body.text, f"body of message {message.message_id}")
        readable = has_something_to_read(fields)
        doc = self._new_document(
            session, message, sha256=digest, filename=body.filename, media_type=body.media_type,
            size=len(body.data), pages=1 if readable else 0, ocr=False,
            status="processed" if readable else "no_document",
            error=None if readable else NO_DOCUMENT_ERROR)
        store_page_texts(session, doc, ((p.number, p.text) for p in body.text.pages))
        self._checked(session, doc, fields if readable else Extraction())

    def _add_document(self, session: Session, message: Message, doc_input: _Input,
                      text: DocumentText, written: list[str]) -> None:
        self._put(doc_input.data, written)
        status = "unreadable" if text.error else "processed"
        doc = self._new_document(
            session, message, sha256=doc_input.sha256, filename=doc_input.filename,
            media_type=doc_input.media_type or text.media_type or "application/octet-stream",
            size=len(doc_input.data), pages=len(text.pages), ocr=text.ocr, status=status,
            error=text.error,
        )
        store_page_texts(session, doc, ((p.number, p.text) for p in text.pages))
        fields = Extraction() if text.error else read_fields(text, f"sha256={doc_input.sha256}")
        self._checked(session, doc, fields)
