"""The allocation list per program-year with what has been requisitioned against each row,
and the preview of an uploaded list before it is saved."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.allocations import allocation_rows
from storage.models import Allocation, AllocationUpload, Document
from validators.model import AllocationRow

PREVIEW_MAX_AGE = 3600
"""Seconds an upload's preview may wait for its confirmation."""


@dataclass(frozen=True)
class AllocationLine:
    row: Allocation
    requisitioned: int
    documents: int

    @property
    def remaining(self) -> int:
        return self.row.amount_sek - self.requisitioned


@dataclass(frozen=True)
class ProgramYearAllocations:
    program: str
    grant_year: int
    lines: list[AllocationLine]

    @property
    def total(self) -> int:
        return sum(line.row.amount_sek for line in self.lines)

    @property
    def requisitioned(self) -> int:
        return sum(line.requisitioned for line in self.lines)


def _requisitioned(session: Session) -> dict[tuple[str, int, str], tuple[int, int]]:
    stmt = select(Document).where(Document.document_type == "requisition",
                                  Document.status == "processed", Document.org_code.is_not(None),
                                  Document.program.is_not(None), Document.grant_year.is_not(None))
    sums: dict[tuple[str, int, str], tuple[int, int]] = defaultdict(lambda: (0, 0))
    for doc in session.scalars(stmt):
        amount = (doc.amounts.get("requested") or {}).get("value")
        if amount is None:
            continue
        key = (doc.program, doc.grant_year, doc.org_code)
        total, count = sums[key]
        sums[key] = (total + int(amount), count + 1)
    return sums


def allocation_overview(session: Session) -> list[ProgramYearAllocations]:
    sums = _requisitioned(session)
    groups: dict[tuple[str, int], list[AllocationLine]] = defaultdict(list)
    for row in allocation_rows(session):
        total, count = sums.get((row.program, row.grant_year, row.recipient_code), (0, 0))
        groups[(row.program, row.grant_year)].append(AllocationLine(row, total, count))
    return [ProgramYearAllocations(p, y, lines) for (p, y), lines in sorted(groups.items())]


@dataclass(frozen=True)
class RowChange:
    kind: str
    """added, changed, unchanged."""
    row: AllocationRow
    old_amount: int | None = None
    old_share: float | None = None


def preview_changes(session: Session, rows: list[AllocationRow]) -> list[RowChange]:
    """What importing ``rows`` would do to each row; changes first."""
    existing = {(a.program, a.grant_year, a.recipient_code): a for a in allocation_rows(session)}
    changes = []
    for row in rows:
        old = existing.get((row.program, row.grant_year, row.recipient_code))
        if old is None:
            changes.append(RowChange("added", row))
        else:
            same = (old.amount_sek, old.municipal_share_min_percent, old.recipient_name) == (
                row.amount_sek, row.municipal_share_min_percent, row.recipient_name)
            changes.append(RowChange("unchanged" if same else "changed", row, old.amount_sek,
                                     old.municipal_share_min_percent))
    order = {"changed": 0, "added": 1, "unchanged": 2}
    return sorted(changes, key=lambda c: order[c.kind])


def change_counts(changes: list[RowChange]) -> dict[str, int]:
    return {k: sum(c.kind == k for c in changes) for k in ("added", "changed", "unchanged")}


def stash_upload(session: Session, user_id: int, filename: str, rows: list[AllocationRow]) -> str:
    """Keep checked rows on the server until the user confirms them; the id to confirm by.

    Previews older than PREVIEW_MAX_AGE are dropped on the way.
    """
    session.execute(delete(AllocationUpload).where(
        AllocationUpload.created_at < datetime.now(UTC) - timedelta(seconds=PREVIEW_MAX_AGE)))
    upload_id = secrets.token_urlsafe(24)
    session.add(AllocationUpload(
        id=upload_id, user_id=user_id, filename=filename[:500],
        rows=[[r.program, r.grant_year, r.recipient_code, r.recipient_name, r.amount_sek,
               r.municipal_share_min_percent] for r in rows]))
    return upload_id


def take_upload(session: Session, upload_id: str,
                user_id: int) -> tuple[list[AllocationRow], str] | None:
    """The rows stashed under ``upload_id`` by this user, removed from the stash; None when
    there are none (another user's, confirmed already, or too old)."""
    upload = session.get(AllocationUpload, upload_id) if upload_id else None
    if upload is None or upload.user_id != user_id:
        return None
    session.delete(upload)
    if upload.created_at < datetime.now(UTC) - timedelta(seconds=PREVIEW_MAX_AGE):
        return None
    return [AllocationRow(*r) for r in upload.rows], upload.filename
