"""What makes a message the same message, and what happens when two processes store it at once."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

import intake.pipeline as pipeline_module
from config.settings import Settings
from intake.pipeline import Incoming, Pipeline
from intake.service import poll_source
from intake.sources.base import SourceItem
from storage.db import open_database
from storage.models import Document, Message
from storage.originals import OriginalStore, sha256_hex
from tests.documents import message, requisition_lines, text_pdf


def _eml(raw: bytes, key: str = "mail/1.eml") -> Incoming:
    return Incoming(raw=raw, kind="eml", source_kind="eml", source_key=key, path=key)


def _count(session_factory, model=Message) -> int:
    with session_factory() as s:
        return s.scalar(select(func.count(model.id)))


def test_same_message_id_with_other_bytes_is_stored_once(pipeline, session_factory):
    """A re-rendered or forwarded copy carries the same Message-ID and different bytes."""
    pdf = text_pdf(requisition_lines())
    first = pipeline.process(_eml(message([("a.pdf", pdf)], message_id="<same@test>")))
    copy = message([("a.pdf", pdf)], message_id="<same@test>", subject="Fwd: rekvisition")
    again = pipeline.process(_eml(copy, "mail/copy.eml"))
    assert first.new and not again.new
    assert again.message_pk == first.message_pk
    assert _count(session_factory) == 1 and _count(session_factory, Document) == 1


def test_an_empty_eml_after_an_empty_pdf_is_another_message(pipeline, session_factory):
    pdf = pipeline.process(Incoming(raw=b"", kind="file", source_kind="pdf", source_key="a.pdf",
                                    path="a.pdf", filename="a.pdf"))
    eml = pipeline.process(_eml(b"", "b.eml"))
    assert pdf.new and eml.new
    assert pdf.message_pk != eml.message_pk
    assert pipeline.process(_eml(b"", "c.eml")).new is False
    assert _count(session_factory) == 2


def test_a_message_stored_by_another_process_during_the_transaction_is_not_an_error(
        pipeline, session_factory, monkeypatch):
    """The other process commits between our check and our flush: UNIQUE fails at flush()."""
    raw = message([("a.pdf", text_pdf(requisition_lines()))], message_id="<race@test>")
    real = pipeline_module._find_message
    calls = []

    def other_process_stores_first(session, raw_sha256, message_id, input_kind):
        calls.append(raw_sha256)
        if len(calls) == 2:  # the check inside _store: the other process got there just before
            with session_factory() as other:
                other.add(Message(source_kind="eml", raw_sha256=raw_sha256, input_kind="eml",
                                  message_id="<race@test>", raw_size=len(raw)))
                other.commit()
            return None
        return real(session, raw_sha256, message_id, input_kind)

    monkeypatch.setattr(pipeline_module, "_find_message", other_process_stores_first)
    result = pipeline.process(_eml(raw))
    assert not result.new
    assert _count(session_factory) == 1


class _FakeSource:
    """A mailbox of given messages that checks, at each move, that the message is committed."""

    kind = "folder"
    name = "fake:inbox"

    def __init__(self, raws: list[bytes], session_factory) -> None:
        self.items = [SourceItem(raw=r, kind="eml", key=f"fake:{i}") for i, r in enumerate(raws)]
        self.session_factory = session_factory
        self.moved: list[str] = []

    def fetch(self):
        yield from self.items

    def mark_processed(self, item: SourceItem) -> None:
        with self.session_factory() as s:  # a new connection sees only what was committed
            stored = s.scalar(select(Message.id).where(Message.raw_sha256 == sha256_hex(item.raw)))
        assert stored is not None, f"{item.key} moved before its commit"
        self.moved.append(item.key)

    def backlog(self) -> int:
        return len(self.items) - len(self.moved)

    def close(self) -> None:
        pass


def test_each_message_is_committed_before_it_is_moved(pipeline, session_factory):
    raws = [message([(f"{n}.pdf", text_pdf(requisition_lines(amount=f"{800 + n} 000 kr")))])
            for n in range(3)]
    source = _FakeSource(raws, session_factory)
    result = poll_source(source, pipeline)
    assert source.moved == ["fake:0", "fake:1", "fake:2"]
    assert result.stored == 3


def test_a_failed_commit_moves_nothing_and_leaves_no_orphan_original(tmp_path: Path, reader):
    """A read-only database: the message stays at the source and no original is left behind."""
    path = tmp_path / "ro.db"
    open_database(f"sqlite:///{path}").kw["bind"].dispose()
    factory = open_database(f"sqlite:///file:{path}?mode=ro&uri=true")
    store = OriginalStore(tmp_path / "store")
    raw = message([("a.pdf", text_pdf(requisition_lines()))])
    source = _FakeSource([raw], factory)
    settings = Settings(db="sqlite://", data_dir=tmp_path / "store")
    with Pipeline(settings, factory, store, reader=reader) as p, pytest.raises(OperationalError):
        poll_source(source, p)
    assert source.moved == []
    assert not [f for f in (tmp_path / "store").rglob("*") if f.is_file()]
    factory.kw["bind"].dispose()
