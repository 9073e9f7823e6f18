"""SIGKILL in the middle of a batch, start again: every message stored once, none lost, all moved.

Also two pollers at once on one PostgreSQL: never the same message twice.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.documents import message, requisition_lines, text_pdf
from tests.intake.crash import ROOT, kill_once_some_are_stored, poller, stored_ids
from tests.intake.fakes.dovecot import ImapAccount

pytestmark = pytest.mark.slow
N = 30


def _env(db: str, tmp_path: Path, account: ImapAccount) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "GRANT_INTAKE_DB": db,
            "GRANT_INTAKE_DATA_DIR": str(tmp_path / "store"),
            "GRANT_INTAKE_MAILBOX__KIND": "imap", "GRANT_INTAKE_MAILBOX__HOST": account.host,
            "GRANT_INTAKE_MAILBOX__PORT": str(account.port), "GRANT_INTAKE_MAILBOX__SSL": "false",
            "GRANT_INTAKE_MAILBOX__USERNAME": account.username,
            "GRANT_INTAKE_MAILBOX__PASSWORD": account.password,
            "GRANT_INTAKE_MAILBOX__BATCH_SIZE": "7", "GRANT_INTAKE_OCR__WORKERS": "1"}


def _fill(account: ImapAccount) -> set[str]:
    ids = {f"<crash-{n}@test>" for n in range(N)}
    account.append(*(message([(f"r{n}.pdf", text_pdf(requisition_lines(amount=f"{n + 1}00 000 kr")))],
                             message_id=f"<crash-{n}@test>") for n in range(N)))
    return ids


def test_sigkill_mid_batch_then_restart_stores_each_message_once(tmp_path, imap_account):
    ids = _fill(imap_account)
    db = f"sqlite:///{tmp_path}/db.sqlite"
    env = _env(db, tmp_path, imap_account)

    kill_once_some_are_stored(env, tmp_path, db)
    stored_at_kill = len(stored_ids(db))
    assert stored_at_kill < N, "the batch finished before the kill"

    second = poller(env, tmp_path)
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err.decode()

    stored = stored_ids(db)
    assert sorted(stored) == sorted(ids)  # each once, none lost
    assert imap_account.uids("INBOX") == []
    assert len(imap_account.uids("Behandlat")) == N


@pytest.mark.postgres
def test_two_pollers_on_one_postgres_never_store_twice(tmp_path, imap_account, pg_url):
    ids = _fill(imap_account)
    env = _env(pg_url, tmp_path, imap_account)
    # Bring the schema up first so the two do not race to create it.
    from storage.db import open_database

    open_database(pg_url).kw["bind"].dispose()
    procs = [poller(env, tmp_path) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()

    if imap_account.uids("INBOX"):  # the lock was taken when one started: it did nothing
        poller(env, tmp_path).communicate(timeout=300)
    stored = stored_ids(pg_url)
    assert sorted(stored) == sorted(ids)
    assert len(imap_account.uids("Behandlat")) == N
