"""The APScheduler 3 scheduler of ``grant-intake run`` and its clean stop on SIGTERM/SIGINT.

Jobs are coalesced and never overlap themselves (max_instances=1): a poll that runs long
delays the next one instead of racing it. On a signal the stop event is set; the poll checks
it between messages, and the scheduler waits for running jobs before the process ends.
"""
from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)

POLL_JOB_ID = "mailbox-poll"
EXPECTATIONS_JOB_ID = "expected-documents"
StopHook = Callable[[], None]
ExtraJob = Callable[[BaseScheduler], StopHook | None]
"""Adds jobs (or starts a thread) given the scheduler; may return what to call at stop."""


def make_scheduler(timezone: str) -> BackgroundScheduler:
    return BackgroundScheduler(
        timezone=ZoneInfo(timezone),
        executors={"default": ThreadPoolExecutor(max_workers=4)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )


def add_poll_job(scheduler: BaseScheduler, poll: Callable[[], object], minutes: float) -> None:
    """Poll every ``minutes``, the first time right away."""
    scheduler.add_job(poll, IntervalTrigger(minutes=minutes), id=POLL_JOB_ID,
                      name="mailbox poll", next_run_time=datetime.now(scheduler.timezone),
                      replace_existing=True)


def add_expectation_job(scheduler: BaseScheduler, check: Callable[[], object],
                        hour: int = 0, minute: int = 5) -> None:
    """The expected-document check every day just after midnight in the scheduler's time zone
    (Europe/Stockholm: a deadline passes at midnight in Sweden), and once right away."""
    scheduler.add_job(check, CronTrigger(hour=hour, minute=minute, timezone=scheduler.timezone),
                      id=EXPECTATIONS_JOB_ID, name="expected documents",
                      next_run_time=datetime.now(scheduler.timezone), replace_existing=True)


def install_signal_handlers(stop: threading.Event) -> Callable[[], None]:
    """Set ``stop`` on SIGTERM and SIGINT; returns a function that restores the old handlers.

    Only the main thread may install handlers; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {}

    def handle(signum: int, _frame: object) -> None:
        log.info("service: %s received, stopping after the message in hand",
                 signal.Signals(signum).name)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        previous[sig] = signal.signal(sig, handle)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def run_until_stopped(scheduler: BackgroundScheduler, stop: threading.Event,
                      extra_jobs: Iterable[ExtraJob] = ()) -> None:
    """Start the scheduler, block until ``stop`` is set, then shut down cleanly."""
    restore = install_signal_handlers(stop)
    hooks: list[StopHook] = []
    try:
        for install in extra_jobs:
            hook = install(scheduler)
            if hook is not None:
                hooks.append(hook)
        scheduler.start()
        log.info("service: started jobs=%s", [job.id for job in scheduler.get_jobs()])
        while not stop.wait(1.0):
            pass
    finally:
        stop.set()
        for hook in hooks:
            try:
                hook()
            except Exception:
                log.exception("service: stop hook failed")
        if scheduler.running:
            scheduler.shutdown(wait=True)
        restore()
        log.info("service: stopped")
