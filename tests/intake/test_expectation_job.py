"""The daily expected-documents job: scheduled in Swedish time, and what it does."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from config.programs import default_programs
from intake.expectations import ExpectationJob
from intake.scheduler import EXPECTATIONS_JOB_ID, add_expectation_job, make_scheduler
from storage.models import Allocation, ExpectationRow

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_the_job_runs_at_start_and_every_night_in_stockholm():
    scheduler = make_scheduler("Europe/Stockholm")
    add_expectation_job(scheduler, lambda: None)
    job = next(j for j in scheduler.get_jobs() if j.id == EXPECTATIONS_JOB_ID)
    assert job.next_run_time is not None
    after = datetime(2024, 4, 5, 23, 0, tzinfo=STOCKHOLM)
    fire = job.trigger.get_next_fire_time(None, after)
    assert fire.astimezone(STOCKHOLM).isoformat() == "2024-04-06T00:05:00+02:00"


def test_the_job_opens_cases_and_never_raises(session_factory):
    with session_factory() as session, session.begin():
        session.add(Allocation(program="hembesok", grant_year=2024, recipient_code="09",
                               recipient_name="Region Gotland", amount_sek=834_000))
    summary = ExpectationJob(session_factory, default_programs())()
    assert summary.opened == 1
    with session_factory() as session:
        [row] = session.scalars(select(ExpectationRow)).all()
        assert (row.code, row.org_code, row.status) == ("MISSING_REQUISITION", "09", "open")


def test_a_database_that_cannot_be_reached_is_logged_not_raised():
    def unreachable():
        raise OSError("databasen svarar inte")

    assert ExpectationJob(unreachable, default_programs())() is None
