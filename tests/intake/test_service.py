"""poll_once and the scheduled poll over real sources: exactly once, faults, status, the lock."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from config.settings import MailboxSettings, Settings
from intake.service import PollJob, poll_once, poll_source, retry_at, service_status
from intake.sources.base import SourceError
from intake.sources.exchange import ExchangeSource
from intake.sources.folder import FolderSource
from intake.sources.imap import ImapSource
from intake.sources.lock import poll_lock
from storage.models import Message, SourceState
from tests.documents import message, requisition_lines, text_pdf
from tests.intake.fakes.dovecot import ImapAccount


def _settings(db_url: str, tmp_path: Path, mailbox: MailboxSettings | None = None) -> Settings:
    return Settings(db=db_url, data_dir=tmp_path / "store",
                    mailbox=mailbox or MailboxSettings(path=tmp_path / "inbox"))


def _messages(session_factory) -> int:
    with session_factory() as s:
        return s.scalar(select(func.count(Message.id)))


def _state(session_factory) -> SourceState:
    with session_factory() as s:
        return s.scalars(select(SourceState)).one()


def _age_error(session_factory, by: timedelta) -> None:
    """Pretend the last failure happened ``by`` earlier (the scheduler's ticks, without waiting)."""
    with session_factory() as s:
        state = s.scalars(select(SourceState)).one()
        state.last_error_at = state.last_error_at - by
        s.commit()


def test_folder_poll_stores_then_moves_and_records_success(pipeline, session_factory, db_url, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1.eml").write_bytes(message([("B04.pdf", text_pdf(requisition_lines()))]))
    (inbox / "skannad.pdf").write_bytes(text_pdf(requisition_lines(region="Region Örebro län")))
    settings = _settings(db_url, tmp_path)

    records = poll_once(settings, pipeline)

    assert sorted(r["source"]["attachment"] for r in records) == ["B04.pdf", "skannad.pdf"]
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == ["1.eml", "skannad.pdf"]
    assert [p.name for p in inbox.iterdir()] == ["processed"]
    state = _state(session_factory)
    assert state.failures == 0 and state.backlog == 0 and state.last_success_at is not None
    status = service_status(settings)
    assert status["last_success"] and status["last_error"] is None and status["backlog"] == 0


def test_a_message_stored_before_a_crash_is_only_moved(pipeline, session_factory, db_url, tmp_path):
    """The commit happened, the move did not: the next poll moves it and adds nothing."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    raw = message([("a.pdf", text_pdf(requisition_lines()))], message_id="<once@test>")
    (inbox / "a.eml").write_bytes(raw)
    source = FolderSource(inbox)
    (item,) = source.fetch()
    from intake.pipeline import Incoming

    pipeline.process(Incoming(raw=raw, kind="eml", source_kind="folder", source_key=item.key))

    assert poll_once(_settings(db_url, tmp_path), pipeline) == []
    assert (inbox / "processed" / "a.eml").exists()
    assert _messages(session_factory) == 1


def test_imap_poll_end_to_end(pipeline, session_factory, db_url, tmp_path, imap_account: ImapAccount):
    imap_account.append(*(message([(f"r{n}.pdf", text_pdf(requisition_lines(amount=f"{n}00 000 kr")))])
                          for n in range(1, 4)))
    settings = _settings(db_url, tmp_path, imap_account.settings())

    records = poll_once(settings, pipeline)

    assert sorted(r["amounts"]["requested"] for r in records) == [100000, 200000, 300000]
    assert imap_account.uids("INBOX") == [] and len(imap_account.uids("Behandlat")) == 3
    assert poll_once(settings, pipeline) == []
    assert _messages(session_factory) == 3
    with session_factory() as s:
        keys = s.scalars(select(Message.source_key)).all()
    assert all(k.startswith("imap:INBOX:") for k in keys)


def test_exchange_poll_end_to_end(pipeline, session_factory, db_url, tmp_path, ews):
    raw = message([("B04.pdf", text_pdf(requisition_lines()))], message_id="<ews-1@test>")
    ews.mailbox.deliver(raw, "<ews-1@test>", received=datetime(2024, 3, 25, 9, 3, tzinfo=UTC))
    settings = _settings(db_url, tmp_path, ews.settings())

    (record,) = poll_once(settings, pipeline, source=ExchangeSource(settings.mailbox, max_wait=1))

    assert record["source"]["message_id"] == "<ews-1@test>"
    assert record["source"]["received"].startswith("2024-03-25")
    assert ews.mailbox.in_folder("INBOX") == [] and len(ews.mailbox.in_folder("INBOX/Behandlat")) == 1


def test_refused_login_is_recorded_retried_with_backoff_and_cleared(
        pipeline, session_factory, db_url, tmp_path, imap_account: ImapAccount):
    bad = _settings(db_url, tmp_path, imap_account.settings(password="fel"))
    with pytest.raises(SourceError):
        poll_once(bad, pipeline)
    state = _state(session_factory)
    assert state.failures == 1 and "Authentication failed" in state.last_error
    assert service_status(bad)["failures"] == 1

    # The scheduled job never raises, and waits 0, 1, 3 … poll intervals after each failure.
    job = PollJob(bad, pipeline, threading.Event())
    interval = timedelta(minutes=bad.poll_minutes)
    assert job() is None and _state(session_factory).failures == 1  # too soon: skipped
    _age_error(session_factory, interval)
    assert job() is None and _state(session_factory).failures == 2  # next tick: polled, failed
    _age_error(session_factory, interval)
    assert job() is None and _state(session_factory).failures == 2  # one tick skipped
    _age_error(session_factory, 2 * interval)
    assert job() is None and _state(session_factory).failures == 3

    imap_account.append(message())
    good = _settings(db_url, tmp_path, imap_account.settings())
    assert len(poll_once(good, pipeline)) == 1
    state = _state(session_factory)
    assert state.failures == 0 and service_status(good)["last_error"] is None


def test_backoff_doubles_and_is_capped():
    interval = timedelta(minutes=5)
    at = datetime(2024, 1, 1, tzinfo=UTC)
    waits = [retry_at(SourceState(failures=f, last_error_at=at), interval) - at for f in (1, 2, 3, 4, 30)]
    assert waits == [timedelta(minutes=m) for m in (2.5, 7.5, 17.5, 37.5, 62.5)]
    assert retry_at(SourceState(failures=0, last_error_at=at), interval) is None


def test_a_held_lock_makes_another_poller_skip(pipeline, session_factory, db_url, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.eml").write_bytes(message())
    source = FolderSource(inbox)
    with poll_lock(session_factory.kw["bind"], source.name) as held:
        assert held
        result = poll_source(source, pipeline)
    assert result.locked and result.moved == 0
    assert (inbox / "a.eml").exists() and _messages(session_factory) == 0
    assert poll_source(FolderSource(inbox), pipeline).moved == 1


def test_stop_finishes_the_message_in_hand_and_leaves_the_rest(pipeline, session_factory, db_url, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(4):
        (inbox / f"{n}.eml").write_bytes(message([("a.pdf", text_pdf([f"Handling {n}"]))]))
    stop = threading.Event()
    source = FolderSource(inbox)
    original = source.mark_processed

    def mark_and_stop(item):
        original(item)
        stop.set()

    source.mark_processed = mark_and_stop
    result = poll_source(source, pipeline, stop)

    assert result.moved == 1 and result.stored == 1
    assert _messages(session_factory) == 1
    assert len(list(inbox.glob("*.eml"))) == 3
    assert poll_source(FolderSource(inbox), pipeline).moved == 3
    assert _messages(session_factory) == 4


def test_imap_source_missing_settings_fail_cleanly(pipeline, session_factory, db_url, tmp_path):
    settings = _settings(db_url, tmp_path, MailboxSettings(kind="imap"))
    with pytest.raises(SourceError, match="IMAP kräver"):
        poll_once(settings, pipeline, source=ImapSource(settings.mailbox))
    assert _state(session_factory).failures == 1
