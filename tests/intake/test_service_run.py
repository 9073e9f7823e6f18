"""The ``run`` service: the scheduled poll, extra jobs, and a clean stop on SIGTERM."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from config.settings import MailboxSettings, Settings
from intake.service import run_service
from tests.documents import message

ROOT = Path(__file__).resolve().parents[2]


def _wait(predicate, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_run_polls_at_once_runs_extra_jobs_and_stops(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.eml").write_bytes(message())
    settings = Settings(db=f"sqlite:///{tmp_path}/db.sqlite", data_dir=tmp_path / "store",
                        poll_minutes=60, mailbox=MailboxSettings(path=inbox))
    stop = threading.Event()
    events: list[str] = []

    def extra(scheduler):
        scheduler.add_job(lambda: events.append("report"), "interval", hours=1, id="report",
                          next_run_time=None)
        events.append("installed")
        return lambda: events.append("stopped")

    thread = threading.Thread(target=run_service, args=(settings, [extra]), kwargs={"stop": stop})
    thread.start()
    _wait(lambda: (inbox / "processed" / "a.eml").exists())
    stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert events == ["installed", "stopped"]


def test_sigterm_stops_the_service_cleanly(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.eml").write_bytes(message())
    env = {**os.environ, "GRANT_INTAKE_DB": f"sqlite:///{tmp_path}/db.sqlite",
           "GRANT_INTAKE_DATA_DIR": str(tmp_path / "store"), "GRANT_INTAKE_POLL_MINUTES": "60",
           "GRANT_INTAKE_MAILBOX__KIND": "folder", "GRANT_INTAKE_MAILBOX__PATH": str(inbox),
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "intake.service"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait(lambda: (inbox / "processed" / "a.eml").exists())
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err.decode()
    assert b"SIGTERM received" in err and b"service: stopped" in err
