"""Keeping the expected-document cases current: after intake, and once a day.

The day matters (a deadline passes at midnight in Sweden), so the scheduler runs the check
daily; a message's documents may fulfil an expectation (or state an unused amount), so the
pipeline runs it after each message it stores. Either way it is storage.expectations'
``refresh_expectations``, in its own transaction: a failure here is logged and never undoes
a stored message.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from config.programs import ProgramCatalog
from storage.expectations import SyncSummary, refresh_expectations
from storage.models import Document

log = logging.getLogger(__name__)
EXPECTED_TYPES = frozenset({"requisition", "return_report"})
"""Documents that can fulfil an expectation or raise one (a return report's unused amount)."""


def refresh_quietly(session_factory: sessionmaker[Session], programs: ProgramCatalog,
                    now: datetime | None = None) -> SyncSummary | None:
    """Refresh and commit; None (logged) when it could not be done this time."""
    try:
        with session_factory() as session, session.begin():
            summary = refresh_expectations(session, programs, now)
    except SQLAlchemyError as exc:
        # two processes opening the same case at once: the other one's commit stands
        log.warning("expectations: refresh failed, left for the next run: %s", exc)
        return None
    if summary.opened or summary.resolved or summary.reopened:
        log.info("expectations: opened=%d resolved=%d reopened=%d", summary.opened,
                 summary.resolved, summary.reopened)
    return summary


def refresh_after_intake(session_factory: sessionmaker[Session], programs: ProgramCatalog,
                         documents: Iterable[Document]) -> SyncSummary | None:
    """After a message is stored: refresh when it brought a requisition or a return report."""
    if not any(d.document_type in EXPECTED_TYPES for d in documents):
        return None
    return refresh_quietly(session_factory, programs)


class ExpectationJob:
    """The daily check (intake.scheduler.add_expectation_job); never raises."""

    def __init__(self, session_factory: sessionmaker[Session], programs: ProgramCatalog) -> None:
        self.session_factory = session_factory
        self.programs = programs

    def __call__(self) -> SyncSummary | None:
        try:
            return refresh_quietly(self.session_factory, self.programs)
        except Exception:
            log.exception("expectations: daily check failed")
            return None
