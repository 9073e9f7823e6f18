"""A small database for the report tests, made through the models.

Week 2024-W14 runs from Monday 1 April to Sunday 7 April 2024 (Swedish summer time, UTC+2).
Times are written in Swedish local time and stored as UTC, as the pipeline stores them.
"""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from itertools import count
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.models import Allocation, Document, FlagRow, Message

STOCKHOLM = ZoneInfo("Europe/Stockholm")
WEEK = "2024-W14"
_ids = count(1)


def at(local_time: str) -> datetime:
    """"2024-04-02 09:03" in Stockholm → an aware UTC datetime."""
    return datetime.fromisoformat(local_time).replace(tzinfo=STOCKHOLM).astimezone(UTC)


def add_document(session: Session, received: str, *, document_type: str = "requisition",
                 program: str | None = "hembesok", grant_year: int | None = 2024,
                 org: tuple[str, str, str] | None = None, requested: object = None,
                 sha: str | None = None, filename: str | None = None) -> Document:
    n = next(_ids)
    when = at(received)
    message = Message(source_kind="eml", source_key=f"mail/{n:03d}.eml", message_id=f"<{n}@test>",
                      raw_sha256=hashlib.sha256(f"raw{n}".encode()).hexdigest(), raw_size=100,
                      sender="registrator@region.example.se", subject=f"Handling {n}",
                      received_at=when, created_at=when)
    code, kind, name = org or (None, None, None)
    doc = Document(
        message=message, sha256=sha or hashlib.sha256(f"doc{n}".encode()).hexdigest(),
        filename=filename or f"B{n:02d}.pdf", media_type="application/pdf", size=1000, pages=1,
        received_at=when, created_at=when, document_type=document_type, program=program,
        grant_year=grant_year, org_code=code, org_kind=kind, org_name=name,
        amounts={} if requested is None else {"requested": requested},
    )
    session.add(doc)
    return doc


def add_flag(session: Session, doc: Document, code: str, severity: str, created: str, *,
             status: str = "open", resolved: str | None = None, by: str | None = None,
             comment: str | None = None) -> FlagRow:
    flag = FlagRow(document=doc, code=code, severity=severity, message=f"{code} i {doc.filename}",
                   status=status, created_at=at(created),
                   resolved_at=at(resolved) if resolved else None,
                   resolved_by=by, comment=comment)
    session.add(flag)
    return flag


GOTLAND = ("09", "region", "Region Gotland")
OREBRO = ("18", "region", "Region Örebro län")
STOCKHOLM_REGION = ("01", "region", "Region Stockholm")
BOTKYRKA = ("0127", "municipality", "Botkyrka kommun")


def seed_week(session: Session) -> None:
    """The week's mail, an older open case, flags either side of the week's edges."""
    for program, year, (code, _, name), amount in [
        ("hembesok", 2024, GOTLAND, 800_000), ("hembesok", 2024, OREBRO, 1_349_000),
        ("hembesok", 2024, STOCKHOLM_REGION, 5_000_000), ("bhv-pilot", 2024, BOTKYRKA, 580_000),
        ("hembesok", 2023, OREBRO, 1_349_000),
    ]:
        session.add(Allocation(program=program, grant_year=year, recipient_code=code,
                               recipient_name=name, amount_sek=amount))
    old = add_document(session, "2024-03-20 10:00", org=STOCKHOLM_REGION,
                       requested={"value": 2_000_000, "unit": 1})
    add_flag(session, old, "MISSING_FIELD", "warning", "2024-03-20 10:01")
    w13 = add_document(session, "2024-03-27 14:00", document_type="decision", org=OREBRO)
    add_flag(session, w13, "LOW_CONFIDENCE", "review", "2024-03-27 14:01", status="resolved",
             resolved="2024-03-28 08:00", by="anna")
    add_document(session, "2024-03-31 23:30", document_type="instruction", program=None,
                 grant_year=None)

    gotland = add_document(session, "2024-04-02 09:03", org=GOTLAND, sha="a" * 64,
                           requested={"value": 834_000, "unit": 1})
    add_flag(session, gotland, "AMOUNT_EXCEEDS_ALLOCATION", "error", "2024-04-02 09:05")
    report = add_document(session, "2024-04-03 11:00", document_type="return_report",
                          grant_year=2023, org=OREBRO)
    add_flag(session, report, "LATE_REPORT", "warning", "2024-04-03 11:01", status="resolved",
             resolved="2024-04-05 15:30", by="anna", comment="Anstånd beviljat")
    unknown = add_document(session, "2024-04-04 08:00", document_type="other", program=None,
                           grant_year=None)
    add_flag(session, unknown, "UNKNOWN_DOCUMENT_TYPE", "warning", "2024-04-04 08:01")
    add_flag(session, unknown, "UNKNOWN_PROGRAM", "warning", "2024-04-04 08:01")
    pilot = add_document(session, "2024-04-05 13:00", program="bhv-pilot", org=BOTKYRKA,
                         requested={"value": 600_000, "unit": 1})
    add_flag(session, pilot, "AMOUNT_EXCEEDS_ALLOCATION", "error", "2024-04-05 13:01")
    again = add_document(session, "2024-04-06 10:00", org=GOTLAND, sha="a" * 64,
                         requested={"value": 834_000, "unit": 1})
    add_flag(session, again, "DUPLICATE_DOCUMENT", "info", "2024-04-06 10:01")
    late_sunday = add_document(session, "2024-04-07 23:30", document_type="decision", org=OREBRO)
    add_flag(session, late_sunday, "DECISION_AMOUNT_MISMATCH", "warning", "2024-04-07 23:31")

    next_monday = add_document(session, "2024-04-08 00:30", org=OREBRO,
                               requested={"value": 100_000, "unit": 1})
    add_flag(session, next_monday, "MISSING_FIELD", "warning", "2024-04-08 00:31")
