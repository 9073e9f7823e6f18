"""What the document page shows: page images with evidence boxes, values, flags, history."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from config.vocabulary import flag_title
from intake.body import html_to_text
from storage.cases import next_case
from storage.models import AuditEntry, Document, ExtractedValue, FlagRow, ValueCorrection
from storage.originals import OriginalStore
from validators.codes import RULE_TEXT
from webui.page_images import RENDERABLE, PageImageError
from webui.page_renderer import PageRenderer
from webui.present import CORRECTABLE_FIELDS, fields_for, flag_details, label, value_text

log = logging.getLogger(__name__)

EML_SOURCES = ("eml", "folder", "imap", "exchange")
"""Source kinds whose raw original is a mail message (bare files have no .eml)."""
PAGES_PER_VIEW = 10
BODY_BYTES = 500_000
BODY_TYPES = ("text/plain", "text/html")
"""A message body kept as the document (intake.body): shown as text, it has no page images."""
NO_IMAGES_UNREADABLE = "Dokumentet kunde inte läsas, så inga sidbilder visas; öppna originalet."
NO_IMAGES_TYPE = "Sidbilder finns bara för PDF-, JPEG-, PNG- och TIFF-filer; öppna originalet."
NO_IMAGES_BROKEN = "Filen kan inte visas som bild; öppna originalet."
ORIGINAL_MISSING = "Originalfilen saknas i arkivet."


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
    width: float
    height: float
    """In points: the image keeps this aspect ratio before it has loaded."""
    boxes: list[Box] = field(default_factory=list)


@dataclass
class PagesView:
    """The pages shown at once (PAGES_PER_VIEW of them: a 3 000-page PDF is not 3 000 images)."""

    pages: list[PageView]
    total: int
    first: int
    zoom: int
    error: str | None = None

    @property
    def last(self) -> int:
        return self.first + len(self.pages) - 1

    def end_of(self, first: int) -> int:
        return min(self.total, first + PAGES_PER_VIEW - 1)

    def start_of(self, number: int) -> int:
        return ((number - 1) // PAGES_PER_VIEW) * PAGES_PER_VIEW + 1

    def query(self, first: int | None = None, zoom: int | None = None) -> str:
        """The document page's query string for ``first`` and ``zoom`` (defaults left out)."""
        first = self.first if first is None else first
        zoom = self.zoom if zoom is None else zoom
        parts = ([f"from={first}"] if first != 1 else []) + ([f"zoom={zoom}"] if zoom != 1 else [])
        return "?" + "&".join(parts) if parts else ""

    def href(self, number: int) -> str:
        """A link to page ``number``: its anchor here, or the view that shows it."""
        if self.pages and self.first <= number <= self.last:
            return f"#page-{number}"
        return f"{self.query(first=self.start_of(number))}#page-{number}"

    @property
    def previous(self) -> int | None:
        return max(1, self.first - PAGES_PER_VIEW) if self.first > 1 else None

    @property
    def next(self) -> int | None:
        return self.first + PAGES_PER_VIEW if self.first + PAGES_PER_VIEW <= self.total else None

    @property
    def starts(self) -> list[int]:
        return list(range(1, self.total + 1, PAGES_PER_VIEW))


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
    pages: PagesView
    fields: list[FieldView]
    flags: list[FlagView]
    history: list[AuditEntry]
    has_eml: bool
    body: str | None
    next_case: int | None
    flag_titles: dict[str, str]
    """Audit entity id → the flag's title, for the history."""
    more_fields: list[FieldView] = field(default_factory=list)
    """Fields the document has no value for and seldom has: offered in one form, not one each."""


def _box(v: ExtractedValue, width: float, height: float) -> Box | None:
    if not v.bbox or len(v.bbox) != 4 or width <= 0 or height <= 0:
        return None
    x0, top, x1, bottom = (float(n) for n in v.bbox)
    if x1 <= x0 or bottom <= top:
        return None
    return Box(v.field, label(v.field), round(100 * x0 / width, 3), round(100 * top / height, 3),
               round(100 * (x1 - x0) / width, 3), round(100 * (bottom - top) / height, 3))


def _pages(doc: Document, store: OriginalStore, renderer: PageRenderer, first: int,
           zoom: int) -> PagesView:
    total = doc.pages or 0
    view = PagesView([], total, 1, zoom)
    view.first = view.start_of(max(1, min(first, total)) if total else 1)
    if doc.status == "unreadable":
        view.error = NO_IMAGES_UNREADABLE
    elif doc.media_type in BODY_TYPES:
        return view
    elif doc.media_type not in RENDERABLE or not total:
        view.error = NO_IMAGES_TYPE
    elif not store.exists(doc.sha256):
        view.error = ORIGINAL_MISSING
    if view.error or not total:
        return view
    try:
        sizes = renderer.sizes(str(store.path_for(doc.sha256)), doc.media_type, view.first,
                               PAGES_PER_VIEW)
    except PageImageError as exc:
        log.warning("page sizes failed: document=%s error=%s", doc.id, exc)
        view.error = NO_IMAGES_BROKEN
        return view
    view.pages = [PageView(view.first + i, w, h) for i, (w, h) in enumerate(sizes)]
    for v in doc.values:
        if v.page and view.first <= v.page <= view.last:
            page = view.pages[v.page - view.first]
            box = _box(v, page.width, page.height)
            if box:
                page.boxes.append(box)
    return view


def _body(doc: Document, store: OriginalStore) -> str | None:
    """The message text of a mail that came without an attachment (HTML as text)."""
    if doc.media_type not in BODY_TYPES or not store.exists(doc.sha256):
        return None
    text = store.get(doc.sha256)[:BODY_BYTES].decode("utf-8", "replace")
    return html_to_text(text) if doc.media_type == "text/html" else text


def _history(session: Session, doc: Document) -> list[AuditEntry]:
    flag_ids = [str(f.id) for f in doc.flags]
    stmt = select(AuditEntry).where(or_(
        (AuditEntry.entity == "document") & (AuditEntry.entity_id == str(doc.id)),
        (AuditEntry.entity == "flag") & AuditEntry.entity_id.in_(flag_ids),
    )).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    return list(session.scalars(stmt))


def build_document_view(session: Session, doc: Document, store: OriginalStore,
                        threshold: float, renderer: PageRenderer, *, first: int = 1,
                        zoom: int = 1) -> DocumentView:
    pages = _pages(doc, store, renderer, first, zoom)
    fields, more_fields = [], []
    shown = set(fields_for(doc))
    for name in CORRECTABLE_FIELDS:
        evidence = [v for v in doc.values if v.field == name]
        corrections = [c for c in doc.corrections if c.field == name]
        view = FieldView(name, label(name), value_text(doc, name), evidence, corrections,
                         not corrections and any(v.confidence < threshold for v in evidence))
        (fields if name in shown else more_fields).append(view)
    order = {"open": 0, "resolved": 1, "dismissed": 2}
    flags = [
        FlagView(f, flag_title(f.code), RULE_TEXT.get(f.code, ""), flag_details(f.details))
        for f in sorted(doc.flags, key=lambda f: (order.get(f.status, 3), f.id))
    ]
    return DocumentView(doc, pages, fields, flags, _history(session, doc),
                        doc.message.source_kind in EML_SOURCES, _body(doc, store),
                        next_case(session, doc),
                        {str(f.id): flag_title(f.code) for f in doc.flags}, more_fields)
