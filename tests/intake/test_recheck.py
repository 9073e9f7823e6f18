"""Flags follow the data: resolved by the system when they no longer hold, opened again when
they hold again; a person's decision stands until the figures behind it change. And
``recheck_all`` over every document, after allocation imports and program changes."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from config.programs import default_programs
from intake.records import document_record
from intake.recheck import (
    programs_changed,
    programs_hash,
    recheck_all,
    recheck_if_programs_changed,
    recheck_document,
    recheck_with_related,
)
from intake.pipeline import Incoming
from storage.allocations import import_allocations
from storage.models import AuditEntry, Document, FlagRow, Message, RecheckRun
from tests.documents import message, requisition_lines, text_pdf
from validators.model import AllocationRow

RECEIVED = datetime(2024, 3, 25, 8, 3, tzinfo=UTC)


def _allocate(session, amount: int, code: str = "09", year: int = 2024) -> None:
    import_allocations(session, [AllocationRow("hembesok", year, code, "Region Gotland", amount)],
                       "test")


def _document(session, *, sha: str = "a" * 64, document_type: str = "requisition",
              amounts: dict[str, int], org_code: str = "09") -> Document:
    msg = Message(source_kind="eml", source_key=f"mail/{sha[:6]}.eml", raw_sha256=sha,
                  raw_size=1, received_at=RECEIVED)
    doc = Document(
        sha256=sha, filename="r.pdf", media_type="application/pdf", size=1, pages=1,
        received_at=RECEIVED, document_type=document_type, program="hembesok", grant_year=2024,
        org_code=org_code, org_kind="region", org_name="Region Gotland",
        amounts={k: {"value": v, "unit": 1} for k, v in amounts.items()},
        collaborating_municipalities=[{"code": "0980", "name": "Gotlands kommun",
                                       "kind": "municipality"}],
        municipal_share_percent=25.0, document_date="2024-03-21")
    msg.documents.append(doc)
    session.add(msg)
    session.flush()
    recheck_document(session, doc)
    return doc


def _set_amount(session, doc: Document, key: str, value: int) -> None:
    doc.amounts = {**doc.amounts, key: {"value": value, "unit": 1}}
    recheck_document(session, doc)


def _flag(doc: Document, code: str) -> FlagRow:
    (row,) = [f for f in doc.flags if f.code == code]
    return row


def _record_codes(doc: Document) -> set[str]:
    return {f["code"] for f in document_record(doc)["flags"]}


def test_a_requisition_corrected_back_over_its_allocation_is_flagged_again(session_factory):
    with session_factory() as s:
        _allocate(s, 834_000)
        doc = _document(s, amounts={"requested": 900_000})
        assert _flag(doc, "AMOUNT_EXCEEDS_ALLOCATION").status == "open"

        _set_amount(s, doc, "requested", 800_000)
        flag = _flag(doc, "AMOUNT_EXCEEDS_ALLOCATION")
        assert (flag.status, flag.resolved_by) == ("resolved", "system")
        assert "AMOUNT_EXCEEDS_ALLOCATION" not in _record_codes(doc)

        _set_amount(s, doc, "requested", 950_000)
        flag = _flag(doc, "AMOUNT_EXCEEDS_ALLOCATION")
        assert (flag.status, flag.resolved_by, flag.comment) == ("open", None, None)
        assert flag.details == {"requested": 950_000, "allocation": 834_000}
        assert "950 000 kr" in flag.message
        assert "AMOUNT_EXCEEDS_ALLOCATION" in _record_codes(doc)
        s.commit()
        actions = [e.action for e in s.scalars(select(AuditEntry).where(
            AuditEntry.entity == "flag", AuditEntry.entity_id == str(flag.id))
            .order_by(AuditEntry.id))]
        assert actions == ["flag_auto_resolved", "flag_reopened"]


def test_a_return_reports_unused_amount_corrected_back_is_flagged_again(session_factory):
    with session_factory() as s:
        _allocate(s, 834_000)
        doc = _document(s, document_type="return_report",
                        amounts={"received": 834_000, "used": 700_000, "unused": 100_000})
        assert _flag(doc, "UNUSED_MISMATCH").status == "open"
        _set_amount(s, doc, "unused", 134_000)
        assert _flag(doc, "UNUSED_MISMATCH").status == "resolved"
        _set_amount(s, doc, "unused", 150_000)
        flag = _flag(doc, "UNUSED_MISMATCH")
        assert flag.status == "open"
        assert flag.details["unused"] == 150_000
        assert "UNUSED_MISMATCH" in _record_codes(doc)


@pytest.mark.parametrize("decision", ["resolved", "dismissed"])
def test_a_persons_decision_stands_until_the_figures_change(session_factory, decision):
    with session_factory() as s:
        _allocate(s, 834_000)
        doc = _document(s, amounts={"requested": 900_000})
        flag = _flag(doc, "AMOUNT_EXCEEDS_ALLOCATION")
        flag.status, flag.resolved_by, flag.comment = decision, "rita", "Godkänt av chefen"
        s.commit()

        recheck_document(s, doc)
        assert (flag.status, flag.resolved_by) == (decision, "rita")
        _set_amount(s, doc, "requested", 800_000)  # no longer holds: the decision stays
        assert (flag.status, flag.resolved_by) == (decision, "rita")
        _set_amount(s, doc, "requested", 900_000)  # holds again on the same figures
        assert (flag.status, flag.resolved_by) == (decision, "rita")
        assert "AMOUNT_EXCEEDS_ALLOCATION" not in _record_codes(doc)

        _set_amount(s, doc, "requested", 950_000)  # other figures: a new question
        assert (flag.status, flag.resolved_by) == ("open", None)
        assert flag.details["requested"] == 950_000


def test_a_dismissed_flag_stays_dismissed_after_a_recheck_of_everything(session_factory):
    with session_factory() as s:
        _allocate(s, 834_000)
        doc = _document(s, amounts={"requested": 900_000})
        flag = _flag(doc, "AMOUNT_EXCEEDS_ALLOCATION")
        flag.status, flag.resolved_by, flag.comment = "dismissed", "rita", "Ny fördelning på väg"
        s.commit()
        doc_id, flag_id = doc.id, flag.id
    result = recheck_all(session_factory)
    assert result.changed == []
    with session_factory() as s:
        assert s.get(FlagRow, flag_id).status == "dismissed"
        _allocate(s, 850_000)  # the allocation behind the decision changes
        s.commit()
    result = recheck_all(session_factory, reason="allocation_import")
    assert result.changed == [doc_id]
    with session_factory() as s:
        assert s.get(FlagRow, flag_id).status == "open"


def test_recheck_all_follows_a_new_allocation_list(session_factory):
    with session_factory() as s:
        doc = _document(s, amounts={"requested": 900_000})
        assert _flag(doc, "NO_ALLOCATION").status == "open"
        s.commit()
        doc_id = doc.id
    with session_factory() as s:
        _allocate(s, 834_000)
        s.commit()
    other_year = recheck_all(session_factory, reason="allocation_import",
                             program_years=[("hembesok", 2023)])
    assert (other_year.total, other_year.changed) == (0, [])
    seen: list[tuple[int, int]] = []
    result = recheck_all(session_factory, reason="allocation_import", actor="hanna",
                         progress=lambda done, total: seen.append((done, total)),
                         program_years=[("hembesok", 2024)])
    assert result.changed == [doc_id] and result.total == 1
    assert seen == [(1, 1)]
    with session_factory() as s:
        doc = s.get(Document, doc_id)
        assert _flag(doc, "NO_ALLOCATION").status == "resolved"
        assert _flag(doc, "AMOUNT_EXCEEDS_ALLOCATION").status == "open"
        run = s.get(RecheckRun, result.run_id)
        assert (run.reason, run.actor, run.total, run.done, run.changed) == (
            "allocation_import", "hanna", 1, 1, 1)
        assert run.finished_at is not None and run.error is None


def test_a_changed_program_catalogue_is_noticed(session_factory):
    programs = default_programs()
    assert not recheck_if_programs_changed(session_factory, programs, 0.6)  # nothing on file
    with session_factory() as s:
        assert not programs_changed(s, programs)  # the catalogue is noted
        _document(s, amounts={"requested": 900_000})
        s.commit()
    hembesok = programs.programs["hembesok"]
    year = replace(hembesok.years[2024], pool=500_000)
    changed = replace(programs, programs={
        **programs.programs, "hembesok": replace(hembesok, years={**hembesok.years, 2024: year})})
    assert programs_hash(changed) != programs_hash(programs)
    with session_factory() as s:
        assert not programs_changed(s, programs)
        assert programs_changed(s, changed)
    result = recheck_all(session_factory, programs=changed, reason="programs_changed")
    assert len(result.changed) == 1
    with session_factory() as s:
        (doc,) = s.scalars(select(Document))
        assert _flag(doc, "POOL_EXCEEDED").status == "open"
        assert not programs_changed(s, changed)


def test_a_correction_rechecks_the_other_requisitions_of_the_program_year(session_factory):
    programs = default_programs()
    hembesok = programs.programs["hembesok"]
    small = replace(programs, programs={**programs.programs, "hembesok": replace(
        hembesok, years={**hembesok.years, 2024: replace(hembesok.years[2024], pool=1_000_000)})})
    with session_factory() as s:
        first = _document(s, sha="a" * 64, amounts={"requested": 600_000})
        second = _document(s, sha="b" * 64, amounts={"requested": 300_000}, org_code="01")
        recheck_with_related(s, second, programs=small)
        assert not [f for f in first.flags if f.code == "POOL_EXCEEDED"]
        first.amounts = {"requested": {"value": 800_000, "unit": 1}}
        recheck_with_related(s, first, programs=small)
        assert not [f for f in first.flags if f.code == "POOL_EXCEEDED"]  # within the pool
        assert _flag(second, "POOL_EXCEEDED").status == "open"  # took it over the pool
        first.amounts = {"requested": {"value": 500_000, "unit": 1}}
        recheck_with_related(s, first, programs=small)
        assert _flag(second, "POOL_EXCEEDED").status == "resolved"


def test_an_identical_file_is_a_duplicate_document_not_a_duplicate_requisition(pipeline,
                                                                             session_factory):
    pdf = text_pdf(requisition_lines())
    for n in (1, 2):
        pipeline.process(Incoming(raw=message([(f"{n}.pdf", pdf)]), kind="eml",
                                  source_kind="eml", source_key=f"mail/{n}.eml"))
    recheck_all(session_factory)
    with session_factory() as s:
        first, second = s.scalars(select(Document).order_by(Document.id))
        assert "DUPLICATE_DOCUMENT" in _record_codes(second)
        assert "DUPLICATE_REQUISITION" not in _record_codes(second)
        assert "DUPLICATE_REQUISITION" not in _record_codes(first)
        assert "DUPLICATE_DOCUMENT" not in _record_codes(first)


def test_the_scheduled_poll_rechecks_when_the_program_catalogue_changed(pipeline,
                                                                        session_factory,
                                                                        tmp_path):
    import threading

    from config.settings import MailboxSettings, Settings
    from intake.recheck import background
    from intake.service import PollJob

    with session_factory() as s:
        _document(s, amounts={"requested": 900_000})
        s.commit()
    (tmp_path / "inbox").mkdir()
    settings = Settings(db="sqlite://", data_dir=tmp_path / "store",
                        mailbox=MailboxSettings(kind="folder", path=tmp_path / "inbox"))
    programs = pipeline.programs
    hembesok = programs.programs["hembesok"]
    pipeline.programs = replace(programs, programs={**programs.programs, "hembesok": replace(
        hembesok, years={**hembesok.years, 2024: replace(hembesok.years[2024], pool=500_000)})})
    job = PollJob(settings, pipeline, threading.Event())
    job()
    background.join(30)
    job()  # the same catalogue: nothing to do
    background.join(30)
    with session_factory() as s:
        runs = list(s.scalars(select(RecheckRun)))
        assert [(r.reason, r.changed) for r in runs] == [("programs_changed", 1)]
        (doc,) = s.scalars(select(Document))
        assert _flag(doc, "POOL_EXCEEDED").status == "open"


def test_a_dismissed_uncertain_reading_stays_so_when_fewer_fields_are_uncertain(
        session_factory):
    from storage.models import ExtractedValue

    with session_factory() as s:
        _allocate(s, 2_000_000)
        doc = _document(s, amounts={"requested": 900_000})
        doc.values = [ExtractedValue(field=f, text="x", page=1, bbox=[0, 0, 1, 1],
                                     confidence=0.4)
                      for f in ("organisation", "amounts.requested")]
        recheck_document(s, doc)
        flag = _flag(doc, "LOW_CONFIDENCE")
        assert flag.details["fields"] == ["organisation", "amounts.requested"]
        flag.status, flag.resolved_by, flag.comment = "dismissed", "rita", "Stämmer"
        doc.values[1].confidence = 0.99
        recheck_document(s, doc)
        assert flag.status == "dismissed"
        doc.values.append(ExtractedValue(field="grant_year", text="2024", page=1,
                                         bbox=[0, 0, 1, 1], confidence=0.3))
        recheck_document(s, doc)
        assert flag.status == "open"


def test_a_recheck_flags_the_second_requisition_as_intake_did_not_the_first(session_factory):
    with session_factory() as s:
        _allocate(s, 2_000_000)
        first = _document(s, sha="a" * 64, amounts={"requested": 900_000})
        second = _document(s, sha="b" * 64, amounts={"requested": 900_000})
        assert "DUPLICATE_REQUISITION" in _record_codes(second)
        s.commit()
    assert recheck_all(session_factory).changed == []
    with session_factory() as s:
        first = s.get(Document, first.id)
        assert "DUPLICATE_REQUISITION" not in _record_codes(first)
