"""Two `run` processes on one database send each weekly report once: the delivery row is
claimed before the mail goes, and a claim left by a process that died is retried."""
from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy import select

from config.settings import Settings
from reports.delivery import CLAIM_TIMEOUT, deliver_week, retry_failed
from reports.week import IsoWeek
from storage.models import ReportDelivery
from tests.reports.conftest import REPORT_TIME
from tests.reports.seed import seed_week

W14 = IsoWeek(2024, 14)
RECIPIENTS = [f"handlaggare{i}@socialstyrelsen.example.se" for i in range(4)]
SETTINGS = Settings(_env_file=None, report={"recipients": {"*": RECIPIENTS}})


class SlowOutbox:
    """A transport that takes its time, so two senders overlap."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, message) -> None:
        time.sleep(0.05)
        with self.lock:
            self.sent.append(message["To"])


def test_two_processes_send_each_report_once(session_factory):
    with session_factory() as session, session.begin():
        seed_week(session)
    outbox = SlowOutbox()
    results: list = []

    def run() -> None:
        results.extend(deliver_week(session_factory, SETTINGS, W14, transport=outbox,
                                    now=REPORT_TIME))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outbox.sent) == RECIPIENTS
    assert sorted(r.status for r in results) == ["sent"] * 4 + ["skipped"] * 4
    with session_factory() as session:
        rows = session.scalars(select(ReportDelivery)).all()
    assert {(r.status, r.attempts, r.claimed_at) for r in rows} == {("sent", 1, None)}


def _claimed_by_a_dead_process(session_factory, claimed_at) -> None:
    with session_factory() as session, session.begin():
        seed_week(session)
        session.add(ReportDelivery(week=str(W14), recipient=RECIPIENTS[0], status="sending",
                                   attempts=0, claimed_at=claimed_at))


def test_a_fresh_claim_is_left_to_its_process(session_factory):
    _claimed_by_a_dead_process(session_factory, REPORT_TIME)
    outbox = SlowOutbox()
    settings = Settings(_env_file=None, report={"recipients": {"*": RECIPIENTS[:1]}})
    [result] = deliver_week(session_factory, settings, W14, transport=outbox, now=REPORT_TIME)
    assert result.status == "skipped" and outbox.sent == []


def test_a_stale_claim_is_retried_at_the_next_run(session_factory):
    _claimed_by_a_dead_process(session_factory, REPORT_TIME)
    outbox = SlowOutbox()
    settings = Settings(_env_file=None, report={"recipients": {"*": RECIPIENTS[:1]}})
    later = REPORT_TIME + CLAIM_TIMEOUT + timedelta(days=7)
    results = retry_failed(session_factory, settings, IsoWeek(2024, 15), transport=outbox,
                           now=later)
    assert [(r.week, r.status) for r in results] == [(str(W14), "sent")]
    assert outbox.sent == RECIPIENTS[:1]
