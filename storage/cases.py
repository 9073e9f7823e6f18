"""Cases: what staff work through, with the filters the review desk and reports use.

A case (ärende) is one document with its flags: open while any of its flags is open, else
dismissed when every flag was dismissed, else resolved. ``list_cases`` gives the flags one by
one (the CLI, the API and the weekly report count flags); ``case_page`` gives the desk's queue
of cases, a page at a time.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from config.vocabulary import SEVERITY_ORDER, flag_title
from storage.models import AuditEntry, Document, FlagRow

STATUSES = ("open", "resolved", "dismissed")
LOCAL_TZ = ZoneInfo("Europe/Stockholm")


def local_day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)


@dataclass
class CaseFilter:
    status: str | None = "open"
    """open, resolved, dismissed, or None for all."""
    severity: str | None = None
    code: str | None = None
    program: str | None = None
    grant_year: int | None = None
    org_code: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    """Inclusive, local dates (Europe/Stockholm)."""
    created_from: datetime | None = None
    created_to: datetime | None = None
    """Half-open: created_from <= created_at < created_to."""
    org_codes: tuple[str, ...] = ()
    """Any of these organisations (a name that fits several); with ``org_code``, both hold."""


def _filtered(stmt: Select, f: CaseFilter, with_status: bool = True) -> Select:
    stmt = stmt.join(FlagRow.document)
    if with_status and f.status:
        stmt = stmt.where(FlagRow.status == f.status)
    if f.severity:
        stmt = stmt.where(FlagRow.severity == f.severity)
    if f.code:
        stmt = stmt.where(FlagRow.code == f.code)
    if f.program:
        stmt = stmt.where(Document.program == f.program)
    if f.grant_year:
        stmt = stmt.where(Document.grant_year == f.grant_year)
    if f.org_code:
        stmt = stmt.where(Document.org_code == f.org_code)
    if f.org_codes:
        stmt = stmt.where(Document.org_code.in_(f.org_codes))
    if f.received_from:
        stmt = stmt.where(Document.received_at >= local_day_start(f.received_from))
    if f.received_to:
        stmt = stmt.where(Document.received_at < local_day_start(f.received_to + timedelta(days=1)))
    if f.created_from:
        stmt = stmt.where(FlagRow.created_at >= f.created_from)
    if f.created_to:
        stmt = stmt.where(FlagRow.created_at < f.created_to)
    return stmt


def list_cases(session: Session, f: CaseFilter | None = None, newest_first: bool = False) -> list[FlagRow]:
    """Flags matching ``f``, oldest received first (the order a person works through them)."""
    f = f or CaseFilter()
    order = (Document.received_at.desc(), FlagRow.id.desc()) if newest_first else (
        Document.received_at.asc(), FlagRow.id.asc())
    stmt = _filtered(select(FlagRow), f).options(
        joinedload(FlagRow.document).joinedload(Document.message)
    ).order_by(*order)
    return list(session.scalars(stmt).unique())


def case_counts(session: Session, f: CaseFilter | None = None) -> dict[str, int]:
    """Number of cases per status under the other filters of ``f``."""
    f = f or CaseFilter()
    stmt = _filtered(select(FlagRow.status, func.count(FlagRow.id)), f, with_status=False)
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: n for status, n in session.execute(stmt.group_by(FlagRow.status))})
    return counts


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(LOCAL_TZ).isoformat() if value else None


def case_record(flag: FlagRow) -> dict:
    """One case as `grant-intake cases list --json` prints it."""
    doc = flag.document
    return {
        "id": flag.id,
        "document_id": doc.id,
        "code": flag.code,
        "severity": flag.severity,
        "message": flag.message,
        "status": flag.status,
        "comment": flag.comment,
        "resolved_by": flag.resolved_by,
        "created_at": _iso(flag.created_at),
        "resolved_at": _iso(flag.resolved_at),
        "received": _iso(doc.received_at),
        "document_type": doc.document_type,
        "program": doc.program,
        "grant_year": doc.grant_year,
        "organisation": (
            {"name": doc.org_name, "kind": doc.org_kind, "code": doc.org_code} if doc.org_code else None
        ),
        "attachment": doc.filename,
        "details": flag.details,
        "title": flag_title(flag.code),
    }


SORTS = ("age", "severity")
"""age: oldest received first, the most serious first among equals; severity: the reverse."""
PER_PAGE = 25
_RANK = {s: i for i, s in enumerate(SEVERITY_ORDER)}


@dataclass
class Case:
    """One document and its flags, as the queue shows it."""

    document: Document
    status: str
    severity: str
    """The most serious severity among its open flags (among all when none is open)."""
    flags: list[FlagRow] = field(default_factory=list)
    """Every flag of the document: open ones first, most serious first."""


@dataclass
class CasePage:
    cases: list[Case]
    total: int
    page: int
    per_page: int
    counts: dict[str, int]
    """Cases per status under the other filters."""
    severity_counts: dict[str, int]
    """Cases under all the filters, by their most serious severity."""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _case_rows(f: CaseFilter):
    """One row per document with a flag under ``f``'s flag and document filters (status aside):
    its case status and its most serious severity, as a subquery."""
    matching = _filtered(select(FlagRow.document_pk), f, with_status=False)
    is_open = FlagRow.status == "open"
    rank = case(_RANK, value=FlagRow.severity, else_=len(_RANK))
    n_open = func.sum(case((is_open, 1), else_=0))
    n_dismissed = func.sum(case((FlagRow.status == "dismissed", 1), else_=0))
    status = case((n_open > 0, "open"), (n_dismissed == func.count(FlagRow.id), "dismissed"),
                  else_="resolved")
    worst = func.coalesce(func.min(case((is_open, rank))), func.min(rank))
    return (select(Document.id.label("doc_id"), Document.received_at.label("received_at"),
                   status.label("status"), worst.label("rank"))
            .join(FlagRow, FlagRow.document_pk == Document.id)
            .where(Document.id.in_(matching))
            .group_by(Document.id, Document.received_at)
            .subquery())


def _ordered(rows, sort: str):
    age = (rows.c.received_at.asc(), rows.c.doc_id.asc())
    return (rows.c.rank.asc(), *age) if sort == "severity" else (*age, rows.c.rank.asc())


def case_page(session: Session, f: CaseFilter | None = None, *, sort: str = "age",
              page: int = 1, per_page: int | None = None) -> CasePage:
    """The queue: one page of cases under ``f``, with counts per status and severity."""
    f = f or CaseFilter()
    per_page = per_page or PER_PAGE
    rows = _case_rows(f)
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(dict(session.execute(
        select(rows.c.status, func.count()).group_by(rows.c.status)).all()))
    chosen = select(rows).where(rows.c.status == f.status) if f.status else select(rows)
    chosen = chosen.subquery()
    total = session.scalar(select(func.count()).select_from(chosen)) or 0
    severity_counts = {SEVERITY_ORDER[r]: n for r, n in session.execute(
        select(chosen.c.rank, func.count()).group_by(chosen.c.rank)) if r < len(SEVERITY_ORDER)}
    page = max(1, min(page, max(1, -(-total // per_page))))
    ids = list(session.scalars(select(chosen.c.doc_id).order_by(*_ordered(chosen, sort))
                               .limit(per_page).offset((page - 1) * per_page)))
    docs = {d.id: d for d in session.scalars(
        select(Document).where(Document.id.in_(ids)).options(
            selectinload(Document.flags), joinedload(Document.message)))}
    cases = [_case(docs[i]) for i in ids]
    return CasePage(cases, total, page, per_page, counts, severity_counts)


def case_status(flags: list[FlagRow]) -> str:
    if any(f.status == "open" for f in flags):
        return "open"
    if flags and all(f.status == "dismissed" for f in flags):
        return "dismissed"
    return "resolved"


def _case(doc: Document) -> Case:
    flags = sorted(doc.flags, key=lambda fl: (fl.status != "open", _RANK.get(fl.severity, 9), fl.id))
    status = case_status(flags)
    ranked = [fl for fl in flags if fl.status == "open"] or flags
    severity = min((fl.severity for fl in ranked), key=lambda sv: _RANK.get(sv, 9), default="info")
    return Case(doc, status, severity, flags)


def next_case(session: Session, after: Document, f: CaseFilter | None = None) -> int | None:
    """The document id of the open case to work on after ``after``: the next in queue order
    (oldest first), else the first; None when no other case is open."""
    f = replace(f or CaseFilter(), status="open")
    rows = _case_rows(f)
    ids = [i for i in session.scalars(select(rows.c.doc_id).where(rows.c.status == "open")
                                      .order_by(*_ordered(rows, "age"))) if i != after.id]
    if not ids or after.received_at is None:
        return ids[0] if ids else None
    received = dict(session.execute(select(Document.id, Document.received_at)
                                    .where(Document.id.in_(ids))).all())
    mine = (after.received_at, after.id)
    later = [i for i in ids if received[i] is not None and (received[i], i) > mine]
    return later[0] if later else ids[0]


CLOSING = {"resolve": "resolved", "dismiss": "dismissed"}
"""A person's action → the status it gives."""


def close_flags(session: Session, flags: list[FlagRow], action: str, comment: str,
                actor: str) -> list[FlagRow]:
    """Resolve or dismiss the open ones of ``flags`` with one comment, audited (no commit).

    Returns the flags it closed; a flag already closed is left as it is.
    """
    status, now = CLOSING[action], datetime.now(LOCAL_TZ)
    closed = [f for f in flags if f.status == "open"]
    for flag in closed:
        flag.status, flag.comment, flag.resolved_by, flag.resolved_at = status, comment, actor, now
        session.add(AuditEntry(actor=actor, action=f"flag_{action}", entity="flag",
                               entity_id=str(flag.id), field="status", old_value="open",
                               new_value=status, comment=comment))
    return closed


def reopen_flag(session: Session, flag: FlagRow, actor: str, comment: str | None) -> None:
    """Open a closed flag again, by a person's hand (no commit)."""
    old = flag.status
    flag.status, flag.resolved_by, flag.resolved_at, flag.comment = "open", None, None, None
    session.add(AuditEntry(actor=actor, action="flag_reopen", entity="flag",
                           entity_id=str(flag.id), field="status", old_value=old,
                           new_value="open", comment=comment or None))
