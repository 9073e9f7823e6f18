"""Weekly report delivery: once per week and recipient, failures recorded and retried.

A ReportDelivery row per (week, recipient) is the memory: "sent" is never sent again unless
forced; "failed" is tried again on the next run. Before sending, a process claims the row
("sending"): of two `run` processes on one database only one gets it. The outcome is written
after the hand-over, so a crash between the two leaves a claim that goes void after
CLAIM_TIMEOUT and is retried: a report may go twice, never get lost.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from config.settings import ReportRecipient, Settings
from reports.figures import Scope, collect_figures
from reports.mail import build_message
from reports.render import RenderedReport, render_report
from reports.transport import SendError, Transport, configured_transport
from reports.week import IsoWeek
from storage.models import ReportDelivery

log = logging.getLogger(__name__)
RETRY_WEEKS = 12
"""Failed deliveries older than this many weeks are left alone."""
CLAIM_TIMEOUT = timedelta(hours=1)
"""A claim this old belongs to a process that died before it could record the outcome."""


@dataclass(frozen=True)
class DeliveryResult:
    week: str
    recipient: str
    status: str
    """sent, failed, or skipped (already sent, or being sent by another process)."""
    attempts: int
    error: str | None = None


def _subscriptions(recipients: list[str | ReportRecipient | dict] | dict[str, list[str]]):
    """(address, program or "*") pairs from either form of ``report.recipients``."""
    if isinstance(recipients, dict):
        for program, addresses in recipients.items():
            for address in addresses:
                yield address, program
        return
    for entry in recipients:
        if isinstance(entry, dict):
            entry = ReportRecipient.model_validate(entry)
        if isinstance(entry, str):
            yield entry, "*"
        elif entry.programs is None:
            yield entry.address, "*"
        else:
            for program in entry.programs:
                yield entry.address, program


def recipient_scopes(recipients: list[str | ReportRecipient | dict] | dict[str, list[str]]
                     ) -> dict[str, Scope]:
    """Address → the programs it gets (None: all); one mail per address."""
    scopes: dict[str, set[str] | None] = {}
    for address, program in _subscriptions(recipients):
        address = address.strip()
        if "@" not in address:
            log.warning("report_recipient_invalid program=%s address=%r", program, address)
            continue
        if program == "*":
            scopes[address] = None
        elif address not in scopes:
            scopes[address] = {program}
        elif scopes[address] is not None:
            scopes[address].add(program)
    return {a: None if s is None else tuple(sorted(s)) for a, s in scopes.items()}


def desk_url(settings: Settings) -> str:
    """Where the report's links point: report.desk_url, else the desk's own host and port."""
    return settings.report.desk_url or f"http://{settings.web.host}:{settings.web.port}"


def build_report(session: Session, settings: Settings, week: IsoWeek, scope: Scope,
                 now: datetime) -> RenderedReport:
    """Collect the week's figures once and render them: the one way a report is made."""
    return render_report(collect_figures(session, week, scope, now, desk_url=desk_url(settings)),
                         now)


def _row(session: Session, week: IsoWeek, recipient: str) -> ReportDelivery | None:
    return session.scalar(select(ReportDelivery).where(
        ReportDelivery.week == str(week), ReportDelivery.recipient == recipient))


def _open_to_retry(now: datetime):
    """Rows a run may take: failed ones, and claims gone stale."""
    return or_(ReportDelivery.status == "failed",
               and_(ReportDelivery.status == "sending",
                    ReportDelivery.claimed_at < now - CLAIM_TIMEOUT))


def _claim(session_factory: sessionmaker[Session], week: IsoWeek, recipient: str, *,
           force: bool, now: datetime) -> bool:
    """Take ``week``'s report to ``recipient`` for this process; False if another has it or it
    is sent (and not ``force``d). The unique (week, recipient) row decides a race."""
    try:
        with session_factory() as session, session.begin():
            if _row(session, week, recipient) is None:
                session.add(ReportDelivery(week=str(week), recipient=recipient,
                                           status="sending", attempts=0, claimed_at=now))
                return True
    except IntegrityError:
        return False
    open_rows = _open_to_retry(now)
    if force:
        open_rows = or_(open_rows, ReportDelivery.status == "sent")
    with session_factory() as session, session.begin():
        taken = session.execute(
            update(ReportDelivery)
            .where(ReportDelivery.week == str(week), ReportDelivery.recipient == recipient,
                   open_rows)
            .values(status="sending", claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        return taken.rowcount == 1


def _record(session_factory: sessionmaker[Session], week: IsoWeek, recipient: str,
            error: str | None, now: datetime) -> DeliveryResult:
    with session_factory() as session, session.begin():
        row = _row(session, week, recipient)
        if row is None:
            row = ReportDelivery(week=str(week), recipient=recipient, attempts=0)
            session.add(row)
        row.attempts += 1
        row.status = "failed" if error else "sent"
        row.error = error
        row.claimed_at = None
        if not error:
            row.sent_at = now
        return DeliveryResult(str(week), recipient, row.status, row.attempts, error)


def deliver_week(
    session_factory: sessionmaker[Session],
    settings: Settings,
    week: IsoWeek,
    *,
    force: bool = False,
    only: Iterable[str] | None = None,
    transport: Transport | None = None,
    now: datetime | None = None,
) -> list[DeliveryResult]:
    """Send ``week``'s report to each configured recipient (or those in ``only``) not yet sent."""
    now = now or datetime.now(UTC)
    transport = transport or configured_transport(settings)
    scopes = recipient_scopes(settings.report.recipients)
    if only is not None:
        wanted = set(only)
        scopes = {a: s for a, s in scopes.items() if a in wanted}
    rendered: dict[Scope, RenderedReport] = {}
    results: list[DeliveryResult] = []
    for recipient, scope in scopes.items():
        if not _claim(session_factory, week, recipient, force=force, now=now):
            with session_factory() as session:
                row = _row(session, week, recipient)
                results.append(DeliveryResult(str(week), recipient, "skipped",
                                              row.attempts if row else 0))
            continue
        with session_factory() as session:
            try:
                if scope not in rendered:
                    rendered[scope] = build_report(session, settings, week, scope, now)
                message = build_message(rendered[scope], settings.report.smtp.sender, recipient)
            except Exception as exc:
                log.exception("report_render_failed week=%s recipient=%s", week, recipient)
                results.append(_record(session_factory, week, recipient,
                                       f"rapporten kunde inte skapas: {exc}", now))
                continue
        try:
            transport(message)
            error = None
            log.info("report_sent week=%s recipient=%s scope=%s", week, recipient, scope or "*")
        except SendError as exc:
            error = str(exc)
            log.warning("report_send_failed week=%s recipient=%s error=%s", week, recipient, exc)
        results.append(_record(session_factory, week, recipient, error, now))
    return results


def retry_failed(session_factory: sessionmaker[Session], settings: Settings, before: IsoWeek, *,
                 transport: Transport | None = None,
                 now: datetime | None = None) -> list[DeliveryResult]:
    """Send again what failed, or was left claimed by a process that died, in the weeks before
    ``before`` (at most RETRY_WEEKS back)."""
    oldest = str(before.back(RETRY_WEEKS + 1)[0])
    with session_factory() as session:
        failed = session.execute(select(ReportDelivery.week, ReportDelivery.recipient).where(
            _open_to_retry(now or datetime.now(UTC)), ReportDelivery.week < str(before),
            ReportDelivery.week >= oldest)).all()
    by_week: dict[str, set[str]] = {}
    for week, recipient in failed:
        by_week.setdefault(week, set()).add(recipient)
    results: list[DeliveryResult] = []
    for week, recipients in sorted(by_week.items()):
        results += deliver_week(session_factory, settings, IsoWeek.parse(week), only=recipients,
                                transport=transport, now=now)
    return results
