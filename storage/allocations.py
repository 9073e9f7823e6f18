"""Allocation lists in the database: importing checked rows, and the rows as they stand.

Reading and checking a file is ``storage.allocation_file``; writing one is
``storage.allocation_sheets``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session

from storage.models import Allocation, AuditEntry
from validators.model import AllocationRow
from validators.swedish import format_amount, format_percent

Key = tuple[str, int, str]
"""(program, grant_year, recipient_code)."""


@dataclass(frozen=True)
class ImportSummary:
    added: int
    changed: int
    unchanged: int
    changed_keys: list[Key] = field(default_factory=list)
    """The rows added or changed, in list order: what the checks must look at again."""

    @property
    def program_years(self) -> set[tuple[str, int]]:
        return {(program, year) for program, year, _ in self.changed_keys}


def _described(amount: int, share: float | None) -> str:
    """An allocation as the audit log shows it: "834 000 kr", "834 000 kr, minst 25 %"."""
    text = format_amount(amount)
    return text if share is None else f"{text}, minst {format_percent(share)}"


def import_allocations(session: Session, rows: list[AllocationRow], source: str | None,
                       actor: str = "system") -> ImportSummary:
    """Replace the rows for the same program, year and recipient; leave the others.

    No commit: the caller commits, and may run the checks again over ``changed_keys``.
    """
    source = source[:500] if source else None
    years = {(r.program, r.grant_year) for r in rows}
    existing: dict[Key, Allocation] = {}
    for program, year in years:
        for a in session.scalars(select(Allocation).where(
                tuple_(Allocation.program, Allocation.grant_year) == (program, year))):
            existing[(a.program, a.grant_year, a.recipient_code)] = a
    new_rows: list[dict] = []
    audit: list[dict] = []
    changed_keys: list[Key] = []
    unchanged = changed = 0
    for row in rows:
        key = (row.program, row.grant_year, row.recipient_code)
        old = existing.get(key)
        if old is None:
            new_rows.append(dict(
                program=row.program, grant_year=row.grant_year, recipient_code=row.recipient_code,
                recipient_name=row.recipient_name, amount_sek=row.amount_sek,
                municipal_share_min_percent=row.municipal_share_min_percent, source=source))
            old_value = None
        elif (old.amount_sek, old.municipal_share_min_percent, old.recipient_name) != (
                row.amount_sek, row.municipal_share_min_percent, row.recipient_name):
            old_value = _described(old.amount_sek, old.municipal_share_min_percent)
            old.amount_sek = row.amount_sek
            old.municipal_share_min_percent = row.municipal_share_min_percent
            old.recipient_name = row.recipient_name
            old.source = source
            changed += 1
        else:
            unchanged += 1
            continue
        changed_keys.append(key)
        audit.append(dict(
            actor=actor, action="allocation_import", entity="allocation",
            entity_id="/".join(map(str, key)), field="amount_sek", old_value=old_value,
            new_value=_described(row.amount_sek, row.municipal_share_min_percent),
            comment=source))
    if new_rows:
        session.execute(insert(Allocation), new_rows)
    if audit:
        session.execute(insert(AuditEntry), audit)
    return ImportSummary(len(new_rows), changed, unchanged, changed_keys)


def allocation_rows(session: Session) -> list[Allocation]:
    return list(session.scalars(select(Allocation).order_by(
        Allocation.program, Allocation.grant_year, Allocation.recipient_code)))
