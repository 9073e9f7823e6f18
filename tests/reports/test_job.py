"""The scheduled job: its trigger, once per week and recipient, and retries of old failures."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from config.settings import Settings
from reports.job import JOB_ID, cron_trigger, install_weekly_job, weekly_job
from tests.reports.conftest import REPORT_TIME, free_port
from tests.reports.test_delivery import OFFICER

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_default_trigger_is_monday_seven_stockholm_time():
    trigger = cron_trigger(Settings(_env_file=None))
    after = datetime(2024, 4, 3, 12, 0, tzinfo=STOCKHOLM)
    assert trigger.get_next_fire_time(None, after) == datetime(2024, 4, 8, 7, 0, tzinfo=STOCKHOLM)
    winter = trigger.get_next_fire_time(None, datetime(2024, 1, 3, tzinfo=STOCKHOLM))
    assert winter.astimezone(UTC) == datetime(2024, 1, 8, 6, 0, tzinfo=UTC)


def test_trigger_follows_the_settings():
    settings = Settings(_env_file=None, report={"day_of_week": "fri", "hour": 15, "minute": 30})
    fire = cron_trigger(settings).get_next_fire_time(None, datetime(2024, 4, 3, tzinfo=STOCKHOLM))
    assert fire == datetime(2024, 4, 5, 15, 30, tzinfo=STOCKHOLM)


def _settings(url: str, port: int) -> Settings:
    return Settings(_env_file=None, db=url, report={
        "recipients": {"*": [OFFICER]}, "smtp": {"host": "127.0.0.1", "port": port}})


def test_job_sends_last_week_once_and_a_restart_does_not_send_again(
        seeded_factory, sqlite_url, smtp_server):
    controller, inbox = smtp_server
    settings = _settings(sqlite_url, controller.port)
    [sent] = weekly_job(settings, now=REPORT_TIME)
    assert (sent.week, sent.status) == ("2024-W14", "sent")
    assert "vecka 14 2024" in inbox.messages[0][1]["Subject"]
    [again] = weekly_job(settings, now=REPORT_TIME.replace(hour=9))
    assert again.status == "skipped"
    assert len(inbox.messages) == 1


def test_job_retries_a_week_that_failed(seeded_factory, sqlite_url, smtp_server):
    controller, inbox = smtp_server
    [failed] = weekly_job(_settings(sqlite_url, free_port()), now=REPORT_TIME)
    assert failed.status == "failed"
    next_monday = datetime(2024, 4, 15, 5, 0, tzinfo=UTC)
    results = weekly_job(_settings(sqlite_url, controller.port), now=next_monday)
    assert [(r.week, r.status, r.attempts) for r in results] == [
        ("2024-W14", "sent", 2), ("2024-W15", "sent", 1)]
    assert len(inbox.messages) == 2


def test_job_without_recipients_sends_nothing(sqlite_url):
    assert weekly_job(Settings(_env_file=None, db=sqlite_url), now=REPORT_TIME) == []


def test_installed_job_runs_at_start_and_then_on_mondays(sqlite_url):
    scheduler = BackgroundScheduler(timezone=STOCKHOLM)
    install_weekly_job(Settings(_env_file=None, db=sqlite_url))(scheduler)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job(JOB_ID)
        assert job.next_run_time <= datetime.now(UTC)
        assert isinstance(job.trigger, CronTrigger)
        assert job.max_instances == 1 and job.coalesce
    finally:
        scheduler.shutdown(wait=False)
