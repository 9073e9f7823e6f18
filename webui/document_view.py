"""What the document page shows: page images with evidence boxes, values, flags, history."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from config.vocabulary import flag_title
from intake.body import html_to_text
from storage.cases import next_case
from storage.models import AuditEntry, Document, ExtractedValue, FlagRow, ValueCorrection
from storage.originals import OriginalStore
from validators.codes import RULE_TEXT
from webui.page_images import PageImageError, page_sizes
from webui.present import fields_for, flag_details, label, value_text

EML_SOURCES = ("eml", "folder", "imap", "exchange")
"""Source kinds whose raw original is a mail message (bare files have no .eml)."""


@dataclass(frozen=True)
class Box:
    """An evidence box as percentages of its page image (plain CSS, no script)."""

    field: str
    label: str
    left: float
    top: float
    width: float
    height: float


@dataclass
class PageView:
    number: int
    boxes: list[Box] = field(default_factory=list)


@dataclass(frozen=True)
class FieldView:
    field: str
    label: str
    value: str | None
    evidence: list[ExtractedValue]
    """As read: text, page, box and confidence."""
    corrections: list[ValueCorrection]
    """The layer on top: who set the value to what, and when (newest last)."""
    low_confidence: bool


@dataclass(frozen=True)
class FlagView:
    flag: FlagRow
    title: str
    rule_text: str
    details: list[tuple[str, str]]


@dataclass
class DocumentView:
    doc: Document
    pages: list[PageView]
    page_error: str | None
    fields: list[FieldView]
    flags: list[FlagView]
    history: list[AuditEntry]
    has_eml: bool
    body: str | None
    """A message body kept as the document: its text."""
    next_case: int | None
    flag_titles: dict[str, str]
    """Audit entity id → the flag's title, for the history."""


def _box(v: ExtractedValue, width: float, height: float) -> Box | None:
    if not v.bbox or len(v.bbox) != 4 or width <= 0 or height <= 0:
        return None
    x0, top, x1, bottom = (float(n) for n in v.bbox)
    if x1 <= x0 or bottom <= top:
        return None
    return Box(v.field, label(v.field), round(100 * x0 / width, 3), round(100 * top / height, 3),
               round(100 * (x1 - x0) / width, 3), round(100 * (bottom - top) / height, 3))


def _pages(doc: Document, store: OriginalStore) -> tuple[list[PageView], str | None]:
    if doc.media_type != "application/pdf":
        return [], "Sidbilder visas bara för PDF-filer; öppna originalet."
    if not store.exists(doc.sha256):
        return [], "Originalfilen saknas i arkivet."
    try:
        sizes = page_sizes(store.get(doc.sha256))
    except PageImageError:
        return [], "PDF-filen kan inte visas som bild; öppna originalet."
    pages = [PageView(n) for n in range(1, len(sizes) + 1)]
    for v in doc.values:
        if v.page and 1 <= v.page <= len(sizes):
            box = _box(v, *sizes[v.page - 1])
            if box:
                pages[v.page - 1].boxes.append(box)
    return pages, None


def _history(session: Session, doc: Document) -> list[AuditEntry]:
    flag_ids = [str(f.id) for f in doc.flags]
    stmt = select(AuditEntry).where(or_(
        (AuditEntry.entity == "document") & (AuditEntry.entity_id == str(doc.id)),
        (AuditEntry.entity == "flag") & AuditEntry.entity_id.in_(flag_ids),
    )).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    return list(session.scalars(stmt))


def build_document_view(session: Session, doc: Document, store: OriginalStore,
                        threshold: float) -> DocumentView:
    pages, page_error = _pages(doc, store)
    fields = []
    for name in fields_for(doc):
        evidence = [v for v in doc.values if v.field == name]
        corrections = [c for c in doc.corrections if c.field == name]
        fields.append(FieldView(
            name, label(name), value_text(doc, name), evidence, corrections,
            not corrections and any(v.confidence < threshold for v in evidence)))
    order = {"open": 0, "resolved": 1, "dismissed": 2}
    flags = [
        FlagView(f, flag_title(f.code), RULE_TEXT.get(f.code, ""), flag_details(f.details))
        for f in sorted(doc.flags, key=lambda f: (order.get(f.status, 3), f.id))
    ]
    return DocumentView(doc, pages, page_error, fields, flags, _history(session, doc),
                        doc.message.source_kind in EML_SOURCES, _body(doc, store),
                        next_case(session, doc),
                        {str(f.id): flag_title(f.code) for f in doc.flags})


def _body(doc: Document, store: OriginalStore) -> str | None:
    """The text of a message body kept as the document (a mail without attachment)."""
    if doc.media_type not in ("text/plain", "text/html") or not store.exists(doc.sha256):
        return None
    text = store.get(doc.sha256).decode("utf-8", errors="replace")
    return (html_to_text(text) if doc.media_type == "text/html" else text).strip() or None
