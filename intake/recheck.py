"""Run the rules over stored documents and bring their flags up to date: flags follow the data.

Used at intake, when a person corrects a value, after an allocation import, when the program
catalogue changes, and by ``grant-intake recheck``. For each flag the rules raise now:

- a new one is opened;
- an open one takes the current message and figures;
- one the system resolved is opened again (its condition holds again);
- one a person resolved or dismissed stays so, unless the figures behind it (``details``)
  differ from those the person decided on: then it is opened again (an uncertain reading
  only when a field the person did not look at is uncertain now).

An open flag the rules no longer raise is resolved by the system; a closed one is left alone.
"""
from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session, sessionmaker

from config.calibration import review_threshold
from config.programs import ProgramCatalog, default_programs
from config.vocabulary import SYSTEM_ACTOR
from extractors.model import Extraction
from intake.context import build_context
from intake.records import fields_from_row
from storage.models import AuditEntry, Document, FlagRow, RecheckRun
from validators import validate
from validators.model import Flag

log = logging.getLogger(__name__)

SYSTEM = SYSTEM_ACTOR
AUTO_RESOLVED = "Avvikelsen finns inte längre."
HOLDS_AGAIN = "Avvikelsen gäller igen."
FIGURES_CHANGED = "Siffrorna bakom avvikelsen har ändrats sedan beslutet."
BATCH = 50
STALE_RUN = timedelta(hours=2)
"""A run unfinished for this long is taken to have died with its process."""

Progress = Callable[[int, int], None]
"""Called with (documents done, documents in all)."""


def figures_fingerprint(details: dict | None) -> str:
    """The figures behind a flag as one comparable string."""
    text = json.dumps(details or {}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _base_key(code: str, details: dict) -> tuple:
    return code, details.get("field"), details.get("page")


def _keyed(items: Iterable[tuple[str, dict, object]]) -> dict[tuple, object]:
    """Items by (code, field, page, n): the n-th flag of a code for the same field and page."""
    seen: dict[tuple, int] = {}
    out: dict[tuple, object] = {}
    for code, details, item in items:
        base = _base_key(code, details)
        n = seen[base] = seen.get(base, -1) + 1
        out[(*base, n)] = item
    return out


def check(session: Session, doc: Document, fields: Extraction, *, programs: ProgramCatalog,
          threshold: float) -> list[Flag]:
    ctx = build_context(
        session, fields, programs=programs, sha256=doc.sha256, document_pk=doc.id,
        received=doc.received_at, threshold=threshold,
        read_error=doc.error if doc.status == "unreadable" else None,
        no_document=doc.status == "no_document", read_by_ocr=bool(doc.ocr),
    )
    return validate(fields, ctx)


def _audit(session: Session, actor: str, action: str, row: FlagRow, old: str, new: str,
           comment: str | None = None) -> None:
    session.add(AuditEntry(actor=actor, action=action, entity="flag", entity_id=str(row.id),
                           field="status", old_value=old, new_value=new, comment=comment))


def _reopen(session: Session, row: FlagRow, flag: Flag, actor: str, why: str) -> None:
    old = row.status
    row.status, row.resolved_by, row.resolved_at, row.comment = "open", None, None, None
    row.message, row.details, row.severity = flag.message, flag.details, flag.severity
    _audit(session, actor, "flag_reopened", row, old, "open", why)


def sync_flags(session: Session, doc: Document, flags: list[Flag], actor: str = SYSTEM) -> None:
    """Bring the document's flag rows in line with ``flags`` (see the module docstring)."""
    now = datetime.now(UTC)
    wanted = _keyed((f.code, f.details, f) for f in flags)
    existing = _keyed((r.code, r.details or {}, r) for r in doc.flags)
    for key, row in existing.items():
        flag = wanted.get(key)
        if flag is None:
            if row.status == "open":
                row.status, row.resolved_by, row.resolved_at = "resolved", SYSTEM, now
                row.comment = AUTO_RESOLVED
                _audit(session, actor, "flag_auto_resolved", row, "open", "resolved")
        elif row.status == "open":
            row.message, row.details, row.severity = flag.message, flag.details, flag.severity
        elif row.resolved_by == SYSTEM:
            _reopen(session, row, flag, actor, HOLDS_AGAIN)
        elif not _decided_on(row, flag):
            _reopen(session, row, flag, actor, FIGURES_CHANGED)
    for key, flag in wanted.items():
        if key not in existing:
            doc.flags.append(FlagRow(code=flag.code, severity=flag.severity, message=flag.message,
                                     details=flag.details))


def _decided_on(row: FlagRow, flag: Flag) -> bool:
    """Whether a person's decision on ``row`` covers ``flag``: the same figures, or for an
    uncertain reading no field the person has not already looked at."""
    if flag.code == "LOW_CONFIDENCE":
        return set(flag.details.get("fields", ())) <= set((row.details or {}).get("fields", ()))
    return figures_fingerprint(flag.details) == figures_fingerprint(row.details)


def _open_flags(doc: Document) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.severity, f.message) for f in doc.flags if f.status == "open")


def recheck_document(session: Session, doc: Document, settings=None, *,
                     programs: ProgramCatalog | None = None, actor: str = SYSTEM,
                     threshold: float | None = None) -> bool:
    """Re-run every rule over the row's current values and update its flags (no commit).

    True when the document's open flags changed.
    """
    if threshold is None:
        threshold = settings.confidence_threshold if settings is not None else review_threshold()
    before = _open_flags(doc)
    flags = check(session, doc, fields_from_row(doc), programs=programs or default_programs(),
                  threshold=threshold)
    sync_flags(session, doc, flags, actor)
    session.flush()
    return _open_flags(doc) != before


def related_documents(session: Session, doc: Document,
                      program_years: Iterable[tuple[str | None, int | None]] = ()) -> list[Document]:
    """Other documents whose checks look at this one: the same file, or requisitions of the
    same program-year (pool, duplicates); ``program_years`` adds years it belonged to before."""
    years = {(doc.program, doc.grant_year), *program_years}
    conditions = [Document.sha256 == doc.sha256]
    conditions += [(Document.document_type == "requisition") & (Document.program == p)
                   & (Document.grant_year == y)
                   for p, y in years if p is not None and y is not None]
    stmt = select(Document).where(Document.id != doc.id, or_(*conditions)).order_by(Document.id)
    return list(session.scalars(stmt))


def recheck_with_related(session: Session, doc: Document, settings=None, *,
                         programs: ProgramCatalog | None = None, actor: str = SYSTEM,
                         program_years: Iterable[tuple[str | None, int | None]] = ()) -> None:
    """Recheck ``doc`` and the documents whose flags depend on it (no commit)."""
    recheck_document(session, doc, settings, programs=programs, actor=actor)
    for other in related_documents(session, doc, program_years):
        recheck_document(session, other, settings, programs=programs, actor=actor)


def _plain(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def programs_hash(programs: ProgramCatalog) -> str:
    """A fingerprint of the program catalogue: what the checks depend on."""
    data = {pid: {**asdict(p), "years": {y: {k: _plain(v) for k, v in asdict(py).items()}
                                          for y, py in p.years.items()}}
            for pid, p in sorted(programs.programs.items())}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class RecheckResult:
    run_id: int
    total: int
    changed: list[int] = field(default_factory=list)
    """Ids of the documents whose open flags changed."""


def recheck_all(factory: sessionmaker[Session], *, programs: ProgramCatalog | None = None,
                threshold: float | None = None, reason: str = "command", actor: str = SYSTEM,
                progress: Progress | None = None,
                program_years: Iterable[tuple[str, int]] | None = None) -> RecheckResult:
    """Run every check again on every stored document (or those of ``program_years``),
    committing in batches; the run and its progress are recorded (RecheckRun) for the desk."""
    programs = programs or default_programs()
    threshold = review_threshold() if threshold is None else threshold
    stmt = select(Document.id).order_by(Document.id)
    if program_years is not None:
        stmt = stmt.where(or_(false(), *[(Document.program == p) & (Document.grant_year == y)
                                         for p, y in program_years]))
    with factory() as session:
        ids = list(session.scalars(stmt))
        run = RecheckRun(reason=reason, actor=actor, programs_hash=programs_hash(programs),
                         total=len(ids), done=0, changed=0)
        session.add(run)
        session.commit()
        run_id = run.id
    result = RecheckResult(run_id, len(ids))
    log.info("recheck: started run=%s reason=%s documents=%d", run_id, reason, len(ids))
    try:
        for start in range(0, len(ids), BATCH):
            with factory() as session:
                for doc_id in ids[start:start + BATCH]:
                    doc = session.get(Document, doc_id)
                    if doc is not None and recheck_document(
                            session, doc, programs=programs, actor=actor, threshold=threshold):
                        result.changed.append(doc_id)
                run = session.get(RecheckRun, run_id)
                run.done = min(start + BATCH, len(ids))
                run.changed = len(result.changed)
                session.commit()
            if progress is not None:
                progress(min(start + BATCH, len(ids)), len(ids))
    except Exception as exc:
        with factory() as session:
            run = session.get(RecheckRun, run_id)
            run.error, run.finished_at = f"{type(exc).__name__}: {exc}"[:2000], datetime.now(UTC)
            session.commit()
        raise
    with factory() as session:
        run = session.get(RecheckRun, run_id)
        run.finished_at = datetime.now(UTC)
        session.commit()
    log.info("recheck: finished run=%s documents=%d changed=%d", run_id, len(ids),
             len(result.changed))
    return result


def running_recheck(session: Session, now: datetime | None = None) -> RecheckRun | None:
    """The run in progress, if any (one unfinished for hours has died and does not count)."""
    now = now or datetime.now(UTC)
    return session.scalar(select(RecheckRun).where(
        RecheckRun.finished_at.is_(None), RecheckRun.started_at > now - STALE_RUN,
    ).order_by(RecheckRun.id.desc()).limit(1))


def last_recheck(session: Session) -> RecheckRun | None:
    return session.scalar(select(RecheckRun).where(RecheckRun.finished_at.is_not(None))
                          .order_by(RecheckRun.id.desc()).limit(1))


def programs_changed(session: Session, programs: ProgramCatalog) -> bool:
    """Whether the documents were last checked against another program catalogue (or no run
    is on record, so it is not known)."""
    last = session.scalar(select(RecheckRun).where(RecheckRun.error.is_(None))
                          .order_by(RecheckRun.id.desc()).limit(1))
    return last is None or last.programs_hash != programs_hash(programs)


class BackgroundRecheck:
    """At most one recheck at a time in this process; a request while one runs makes it run
    once more afterwards, so nothing requested in the meantime is missed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again: tuple[sessionmaker[Session], dict] | None = None

    def start(self, factory: sessionmaker[Session], **kwargs) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._again = (factory, kwargs)
                return
            self._thread = threading.Thread(target=self._run, args=(factory, kwargs),
                                            name="recheck", daemon=True)
            self._thread.start()

    def _run(self, factory: sessionmaker[Session], kwargs: dict) -> None:
        while True:
            try:
                recheck_all(factory, **kwargs)
            except Exception:
                log.exception("recheck: background run failed reason=%s", kwargs.get("reason"))
            with self._lock:
                if self._again is None:
                    self._thread = None
                    return
                (factory, kwargs), self._again = self._again, None

    def join(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)


background = BackgroundRecheck()


def recheck_in_background(factory: sessionmaker[Session], *, programs: ProgramCatalog,
                          threshold: float, reason: str, actor: str = SYSTEM,
                          program_years: Iterable[tuple[str, int]] | None = None) -> None:
    """Start ``recheck_all`` in a thread of this process and return at once."""
    background.start(factory, programs=programs, threshold=threshold, reason=reason, actor=actor,
                     program_years=None if program_years is None else sorted(program_years))


def recheck_if_programs_changed(factory: sessionmaker[Session], programs: ProgramCatalog,
                                threshold: float) -> bool:
    """At service start and before each poll: recheck in the background when the program
    catalogue differs from the one the documents were last checked against. With nothing on
    file, the catalogue is only noted."""
    with factory() as session:
        if running_recheck(session) is not None or not programs_changed(session, programs):
            return False
        if session.scalar(select(Document.id).limit(1)) is None:
            now = datetime.now(UTC)
            session.add(RecheckRun(reason="programs_changed", actor=SYSTEM,
                                   programs_hash=programs_hash(programs), started_at=now,
                                   finished_at=now, total=0, done=0, changed=0))
            session.commit()
            return False
    log.info("recheck: the program catalogue has changed, checking every document again")
    recheck_in_background(factory, programs=programs, threshold=threshold,
                          reason="programs_changed")
    return True
