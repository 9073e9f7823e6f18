"""The scheduled weekly report: the trigger for `grant-intake run` and the job it runs.

The job is idempotent (see reports.delivery), so the service may also run it once at start
to catch up a Monday it missed while down.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from config.settings import Settings
from reports.delivery import DeliveryResult, deliver_week, retry_failed
from reports.transport import Transport
from reports.week import IsoWeek
from storage.db import open_database

log = logging.getLogger(__name__)
JOB_ID = "weekly-report"


def cron_trigger(settings: Settings) -> CronTrigger:
    r = settings.report
    return CronTrigger(day_of_week=r.day_of_week, hour=r.hour, minute=r.minute,
                       timezone=ZoneInfo(r.timezone))


def weekly_job(settings: Settings, transport: Transport | None = None,
               now: datetime | None = None) -> list[DeliveryResult]:
    """Send last week's report to whoever has not had it, and retry earlier failures."""
    now = now or datetime.now(UTC)
    week = IsoWeek.last_complete(now)
    if not settings.report.recipients:
        log.warning("report_no_recipients week=%s: set report.recipients in the settings", week)
        return []
    factory = open_database(settings.db)
    try:
        results = retry_failed(factory, settings, week, transport=transport, now=now)
        results += deliver_week(factory, settings, week, transport=transport, now=now)
    finally:
        factory.kw["bind"].dispose()
    counts = {s: sum(r.status == s for r in results) for s in ("sent", "failed", "skipped")}
    log.info("report_job week=%s sent=%d failed=%d skipped=%d", week, counts["sent"],
             counts["failed"], counts["skipped"])
    return results


def install_weekly_job(settings: Settings):
    """An ``extra_jobs`` entry for intake.service.run_service: the cron job, plus one run at
    start that sends a report a restart made the service miss (and nothing already sent)."""

    def install(scheduler: BaseScheduler) -> None:
        scheduler.add_job(weekly_job, cron_trigger(settings), args=[settings], id=JOB_ID,
                          name="weekly report", coalesce=True, max_instances=1,
                          misfire_grace_time=3600, replace_existing=True,
                          next_run_time=datetime.now(UTC))

    return install
