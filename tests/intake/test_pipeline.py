"""A message in, stored and checked documents out: on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import func, select

from intake.pipeline import Incoming
from storage.allocations import import_allocations
from storage.models import Document, Message
from tests.documents import message, requisition_lines, text_pdf
from validators.model import AllocationRow


def _eml(raw: bytes, key: str = "mail/1.eml") -> Incoming:
    return Incoming(raw=raw, kind="eml", source_kind="eml", source_key=key, path=key)


def _codes(record: dict) -> set[str]:
    return {f["code"] for f in record["flags"]}


def _allocate(session_factory, code: str = "09", amount: int = 800_000) -> None:
    with session_factory() as s:
        import_allocations(s, [AllocationRow("hembesok", 2024, code, "Region Gotland", amount)], "test")
        s.commit()


def test_requisition_is_stored_extracted_and_flagged(pipeline, session_factory, store):
    _allocate(session_factory)
    raw = message([("B04.pdf", text_pdf(requisition_lines()))], message_id="<req-1@test>")
    result = pipeline.process(_eml(raw))
    assert result.new
    (rec,) = result.records
    assert rec["document_type"] == "requisition"
    assert rec["organisation"]["code"] == "09"
    assert rec["amounts"] == {"requested": 834000}
    assert rec["source"]["attachment"] == "B04.pdf"
    assert rec["source"]["message_id"] == "<req-1@test>"
    assert "AMOUNT_EXCEEDS_ALLOCATION" in _codes(rec)
    assert any(e["field"] == "amounts.requested" and e["page"] == 1 for e in rec["evidence"])
    assert store.exists(rec["sha256"])


def test_same_message_twice_adds_nothing(pipeline, session_factory):
    raw = message([("a.pdf", text_pdf(requisition_lines()))])
    first = pipeline.process(_eml(raw))
    again = pipeline.process(_eml(raw, "mail/copy.eml"))
    assert not again.new and again.message_pk == first.message_pk
    assert pipeline.already_stored(raw)
    with session_factory() as s:
        assert s.scalar(select(func.count(Message.id))) == 1
        assert s.scalar(select(func.count(Document.id))) == 1


def test_same_file_in_another_message_is_a_duplicate_document(pipeline):
    pdf = text_pdf(requisition_lines())
    pipeline.process(_eml(message([("a.pdf", pdf)])))
    (rec,) = pipeline.process(_eml(message([("b.pdf", pdf)]), "mail/2.eml")).records
    assert "DUPLICATE_DOCUMENT" in _codes(rec)


def test_unreadable_attachment_is_kept_and_flagged(pipeline, store):
    bad = b"%PDF-1.7\n1 0 obj << /Type /Catalog"
    (rec,) = pipeline.process(_eml(message([("trasig.pdf", bad)]))).records
    assert _codes(rec) == {"UNREADABLE_DOCUMENT"}
    assert rec["error"]
    assert store.get(rec["sha256"]) == bad


def test_message_without_attachment_gets_no_document(pipeline):
    (rec,) = pipeline.process(_eml(message([]))).records
    assert _codes(rec) == {"NO_DOCUMENT"}


def test_message_with_two_attachments_gives_two_records_in_one_message(pipeline, session_factory):
    raw = message([("a.pdf", text_pdf(requisition_lines())), ("b.pdf", b"not a pdf at all")])
    result = pipeline.process(_eml(raw))
    assert len(result.records) == 2
    assert "UNREADABLE_DOCUMENT" in _codes(result.records[1])
    with session_factory() as s:
        assert {d.message_pk for d in s.scalars(select(Document))} == {result.message_pk}


def test_bare_pdf_is_a_message_of_its_own(pipeline):
    pdf = text_pdf(requisition_lines())
    item = Incoming(raw=pdf, kind="file", source_kind="pdf", source_key="in/x.pdf",
                    path="in/x.pdf", filename="x.pdf")
    (rec,) = pipeline.process(item).records
    assert rec["source"]["attachment"] == "x.pdf"
    assert rec["document_type"] == "requisition"


def test_process_many_keeps_input_order(pipeline):
    items = [_eml(message([(f"{i}.pdf", text_pdf(requisition_lines(amount=f"{i} 000 kr")))]), f"m/{i}")
             for i in range(1, 5)]
    items.insert(2, _eml(message([]), "m/empty"))
    results = list(pipeline.process_many(items))
    assert [r.records[0]["source"]["path"] for r in results] == [i.path for i in items]


def test_seed_decision_rendered_to_pdf_matches_its_allocation(pipeline, session_factory):
    """Seed 002 (Region Örebro län's decision): "1,3 miljoner kronor" against 1 349 000 is
    within half a unit of the last digit written, so no DECISION_AMOUNT_MISMATCH."""
    from pathlib import Path

    seed = Path(__file__).parents[1] / "extractors" / "fixtures" / "seed_002_decision.txt"
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    with session_factory() as s:
        import_allocations(s, [AllocationRow("hembesok", 2023, "18", "Region Örebro län", 1_349_000)], "t")
        s.commit()
    (rec,) = pipeline.process(_eml(message([("beslut.pdf", text_pdf(lines, font_size=9))]))).records
    assert rec["document_type"] == "decision"
    assert rec["organisation"]["code"] == "18" and rec["grant_year"] == 2023
    assert rec["amounts"] == {"decided": 1_300_000}
    assert rec["document_date"] == "2023-11-21"
    assert "DECISION_AMOUNT_MISMATCH" not in _codes(rec)
    assert "NO_ALLOCATION" not in _codes(rec)


def test_mail_without_attachments_is_not_all_read_ahead(pipeline):
    """A backlog of attachment-less mail gives the page reader nothing to wait on; the pipeline
    still takes at most MAX_AHEAD messages from the source ahead of those stored."""
    from intake.pipeline import MAX_AHEAD, Incoming
    from tests.documents import message as make_message

    pulled = 0

    def source():
        nonlocal pulled
        for n in range(3 * MAX_AHEAD + 5):
            pulled += 1
            yield Incoming(raw=make_message(message_id=f"<ahead-{n}@x>"), kind="eml",
                           source_kind="folder", source_key=f"k{n}")

    stored = 0
    for _ in pipeline.process_many(source()):
        stored += 1
        assert pulled - stored <= MAX_AHEAD
    assert stored == 3 * MAX_AHEAD + 5
