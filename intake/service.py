"""Polling the mailbox exactly once per message, and the ``run`` service around it.

Exactly once: a message is committed by the pipeline before its source is touched, and a
message already stored (same raw bytes or Message-ID) is only moved. A crash between the
commit and the move leaves the message where it was, and the next poll only moves it. One
poller per source at a time (advisory lock on PostgreSQL, file lock beside SQLite).

Faults at the mail server are recorded in SourceState and retried on later polls with
back-off; the service keeps running.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from config.masking import mask
from config.settings import Settings, SettingsError, load_settings
from intake.expectations import ExpectationJob
from intake.pipeline import Incoming, Pipeline, Processed
from intake.recheck import recheck_if_programs_changed
from intake.scheduler import (
    ExtraJob,
    add_expectation_job,
    add_poll_job,
    make_scheduler,
    run_until_stopped,
)
from intake.sources.base import MailSource, SourceError, SourceItem
from intake.sources.lock import poll_lock
from intake.sources.registry import open_source
from storage.db import open_database
from storage.models import SourceState
from storage.originals import OriginalStore

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
OnItem = Callable[[Processed], None]


@dataclass
class PollResult:
    records: list[dict] = field(default_factory=list)
    fetched: int = 0
    stored: int = 0
    moved: int = 0
    backlog: int | None = None
    locked: bool = False
    """True when another process held the source's lock and nothing was done."""


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands timestamps back naive; they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _now() -> datetime:
    return datetime.now(UTC)


def _state(session: Session, name: str) -> SourceState:
    state = session.scalar(select(SourceState).where(SourceState.source == name))
    if state is None:
        state = SourceState(source=name, failures=0)
        session.add(state)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            state = session.scalar(select(SourceState).where(SourceState.source == name))
    return state


def _record(factory: sessionmaker[Session], name: str, *, error: str | None = None,
            backlog: int | None = None, started: datetime) -> None:
    with factory() as session:
        state = _state(session, name)
        state.last_poll_at = started
        if error is None:
            state.last_success_at = _now()
            state.failures = 0
            state.backlog = backlog
        else:
            state.last_error = mask(error)[:2000]
            state.last_error_at = _now()
            state.failures = (state.failures or 0) + 1
        session.commit()


def _incoming(source: MailSource, item: SourceItem) -> Incoming:
    return Incoming(raw=item.raw, kind=item.kind, source_kind=source.kind, source_key=item.key,
                    path=item.path, filename=item.filename, received=item.received)


def _drain(source: MailSource, pipeline: Pipeline, stop: threading.Event | None,
           result: PollResult, on_item: OnItem | None = None) -> None:
    """Process every waiting item in order; move each only after its commit."""
    in_flight: deque[SourceItem] = deque()

    def items() -> Iterator[Incoming]:
        for item in source.fetch():
            if stop is not None and stop.is_set():
                return
            result.fetched += 1
            in_flight.append(item)
            yield _incoming(source, item)

    processed = pipeline.process_many(items())
    try:
        for outcome in processed:
            item = in_flight.popleft()
            source.mark_processed(item)
            result.moved += 1
            if outcome.new:
                result.stored += 1
                result.records.extend(outcome.records)
            else:
                log.info("poll: already stored, only moved key=%s message_pk=%s",
                         item.key, outcome.message_pk)
            if on_item is not None:
                on_item(outcome)
            if stop is not None and stop.is_set():
                log.info("poll: stop requested, %d read-ahead item(s) left for the next poll",
                         len(in_flight))
                break
    finally:
        processed.close()


def poll_source(source: MailSource, pipeline: Pipeline,
                stop: threading.Event | None = None, on_item: OnItem | None = None) -> PollResult:
    """One poll of ``source`` under its lock; SourceState records how it went.

    Raises SourceError (after recording it) when the mailbox cannot be used.
    """
    factory = pipeline.session_factory
    result = PollResult()
    started = _now()
    t0 = time.monotonic()
    with poll_lock(factory.kw["bind"], source.name) as held:
        if not held:
            log.info("poll: source=%s is being polled by another process, skipped", source.name)
            result.locked = True
            return result
        try:
            _drain(source, pipeline, stop, result, on_item)
            result.backlog = source.backlog()
        except Exception as exc:
            first = (str(exc).splitlines() or [""])[0]
            reason = first if isinstance(exc, SourceError) else f"{type(exc).__name__}: {first}"
            log.warning("poll: source=%s failed after moved=%d reason=%s",
                        source.name, result.moved, reason)
            try:
                _record(factory, source.name, error=reason, started=started)
            except Exception as record_exc:
                log.warning("poll: could not record the failure: %s",
                            (str(record_exc).splitlines() or [""])[0])
                log.debug("poll: recording the failure", exc_info=True)
            raise
        finally:
            source.close()
        _record(factory, source.name, backlog=result.backlog, started=started)
    log.info("poll: source=%s fetched=%d stored=%d moved=%d backlog=%s seconds=%.1f",
             source.name, result.fetched, result.stored, result.moved, result.backlog,
             time.monotonic() - t0)
    return result


def poll_once(settings: Settings, pipeline: Pipeline | None = None, *,
              source: MailSource | None = None,
              stop: threading.Event | None = None, on_item: OnItem | None = None) -> list[dict]:
    """Poll the configured mailbox once (``grant-intake poll``): the records of new documents.

    Messages that were already stored are moved, not reported again. ``on_item`` is called
    after each message is handled (a progress bar).
    """
    source = source or open_source(settings)
    if pipeline is not None:
        return poll_source(source, pipeline, stop, on_item).records
    factory = open_database(settings.db)
    try:
        with Pipeline(settings, factory, OriginalStore(settings.data_dir)) as own:
            return poll_source(source, own, stop, on_item).records
    finally:
        factory.kw["bind"].dispose()


def retry_at(state: SourceState | None, interval: timedelta) -> datetime | None:
    """When a failing source may be polled again: 0, 1, 3, 7 … intervals skipped, at most 1 h.

    Half an interval of slack keeps the scheduled tick right after the wait from being missed.
    """
    if state is None or not state.failures or state.last_error_at is None:
        return None
    wait = min(interval * (2 ** min(state.failures - 1, 16) - 1), MAX_BACKOFF)
    return _utc(state.last_error_at) + wait + interval / 2


class PollJob:
    """The scheduled poll: skips while backing off, logs failures, never raises."""

    def __init__(self, settings: Settings, pipeline: Pipeline, stop: threading.Event) -> None:
        self.settings = settings
        self.pipeline = pipeline
        self.stop = stop
        self.interval = timedelta(minutes=settings.poll_minutes)

    def __call__(self) -> PollResult | None:
        if self.stop.is_set():
            return None
        source = open_source(self.settings)
        try:
            recheck_if_programs_changed(self.pipeline.session_factory, self.pipeline.programs,
                                        self.settings.confidence_threshold)
            with self.pipeline.session_factory() as session:
                state = session.scalar(select(SourceState).where(SourceState.source == source.name))
                not_before = retry_at(state, self.interval)
            if not_before is not None and _now() < not_before:
                log.info("poll: source=%s backing off after %d failure(s) until %s",
                         source.name, state.failures, not_before.isoformat(timespec="seconds"))
                return None
            return poll_source(source, self.pipeline, self.stop)
        except SourceError:
            return None  # logged and recorded by poll_source
        except Exception:
            log.exception("poll: source=%s unexpected failure", source.name)
            return None


def run_service(settings: Settings, extra_jobs: Iterable[ExtraJob] = (), *,
                stop: threading.Event | None = None) -> None:
    """``grant-intake run``: poll every poll_minutes until SIGTERM/SIGINT (or ``stop``).

    ``extra_jobs`` get the scheduler to add their own jobs (the weekly report) or start a
    thread (the web UI); each may return a function to call when the service stops.
    """
    stop = stop or threading.Event()
    factory = open_database(settings.db)
    try:
        with Pipeline(settings, factory, OriginalStore(settings.data_dir)) as pipeline:
            scheduler = make_scheduler(settings.timezone)
            add_poll_job(scheduler, PollJob(settings, pipeline, stop), settings.poll_minutes)
            add_expectation_job(scheduler, ExpectationJob(factory, pipeline.programs))
            run_until_stopped(scheduler, stop, extra_jobs)
    finally:
        factory.kw["bind"].dispose()


def _iso(value: datetime | None) -> str | None:
    value = _utc(value)
    return value.isoformat(timespec="seconds") if value else None


def service_status(settings: Settings) -> dict:
    """``grant-intake status``: the last poll, last success, last error and backlog."""
    name = open_source(settings).name
    factory = open_database(settings.db)
    try:
        with factory() as session:
            state = session.scalar(select(SourceState).where(SourceState.source == name))
    finally:
        factory.kw["bind"].dispose()
    interval = timedelta(minutes=settings.poll_minutes)
    next_try = retry_at(state, interval)
    return {
        "source": name,
        "kind": settings.mailbox.kind,
        "poll_minutes": settings.poll_minutes,
        "last_poll": _iso(state.last_poll_at) if state else None,
        "last_success": _iso(state.last_success_at) if state else None,
        "last_error": state.last_error if state and state.failures else None,
        "last_error_at": _iso(state.last_error_at) if state else None,
        "failures": state.failures if state else 0,
        "backlog": state.backlog if state else None,
        "retry_not_before": _iso(next_try) if next_try else None,
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m intake.service [--once]``: the service, or one poll printing JSON Lines."""
    parser = argparse.ArgumentParser(prog="python -m intake.service")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--db")
    parser.add_argument("--once", action="store_true", help="poll once, print records as JSON Lines")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        settings = load_settings(args.config, db=args.db)
    except SettingsError as exc:
        log.error("settings: %s", exc)
        return 2
    if not args.once:
        run_service(settings)
        return 0
    try:
        records = poll_once(settings)
    except SourceError as exc:
        log.error("poll failed: %s", exc)
        return 1
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
