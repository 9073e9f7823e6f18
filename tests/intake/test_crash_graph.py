"""The Graph source under kill -9 and two pollers, each poller its own process against the fake
Graph: every document stored once, none lost, the inbox empty, every message moved once."""
from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.documents import message, requisition_lines, text_pdf
from tests.intake.fakes.graph import FakeMicrosoft
from tests.intake.crash import ROOT, kill_once_some_are_stored, poller, stored_ids

pytestmark = pytest.mark.slow
N = 30


def _env(db: str, tmp_path: Path, fake: FakeMicrosoft) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "GRANT_INTAKE_DB": db,
            "GRANT_INTAKE_DATA_DIR": str(tmp_path / "store"), **fake.env(),
            "GRANT_INTAKE_MAILBOX__BATCH_SIZE": "7", "GRANT_INTAKE_OCR__WORKERS": "1"}


def _fill(fake: FakeMicrosoft) -> set[str]:
    start = datetime(2024, 3, 25, 8, 0, tzinfo=UTC)
    for n in range(N):
        mid = f"<graph-crash-{n}@test>"
        fake.deliver(message([(f"r{n}.pdf", text_pdf(requisition_lines(amount=f"{n + 1}00 000 kr")))],
                             message_id=mid), mid, received=start + timedelta(minutes=n))
    return {f"<graph-crash-{n}@test>" for n in range(N)}


def test_sigkill_mid_batch_then_restart_stores_each_message_once(tmp_path, microsoft):
    ids = _fill(microsoft)
    microsoft.fail(429, times=2, retry_after=1, on="/$value")
    db = f"sqlite:///{tmp_path}/db.sqlite"
    env = _env(db, tmp_path, microsoft)

    kill_once_some_are_stored(env, tmp_path, db)
    assert len(stored_ids(db)) < N, "the batch finished before the kill"

    second = poller(env, tmp_path)
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err.decode()

    assert sorted(stored_ids(db)) == sorted(ids)  # each once, none lost
    assert microsoft.mailbox.in_folder("INBOX") == []
    moved = microsoft.mailbox.in_folder("Behandlat")
    assert sorted(i.internet_message_id for i in moved) == sorted(ids)
    assert sorted(microsoft.moved) == sorted(ids)  # none moved twice


@pytest.mark.postgres
def test_two_pollers_on_one_postgres_never_store_twice(tmp_path, microsoft, pg_url):
    ids = _fill(microsoft)
    env = _env(pg_url, tmp_path, microsoft)
    from storage.db import open_database

    open_database(pg_url).kw["bind"].dispose()
    procs = [poller(env, tmp_path) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()

    if microsoft.mailbox.in_folder("INBOX"):  # the lock was taken when one started: it did nothing
        poller(env, tmp_path).communicate(timeout=300)
    assert sorted(stored_ids(pg_url)) == sorted(ids)
    assert len(microsoft.mailbox.in_folder("Behandlat")) == N
    assert sorted(microsoft.moved) == sorted(ids)
