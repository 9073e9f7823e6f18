"""Helpers for the kill -9 tests: a poller in its own process, and what it stored."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, select

from storage.models import Message

ROOT = Path(__file__).resolve().parents[2]


def poller(env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "intake.service", "--once"], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def stored_ids(db: str) -> list[str]:
    engine = create_engine(db.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            if not engine.dialect.has_table(conn, "messages"):
                return []
            return list(conn.execute(select(Message.message_id)).scalars())
    finally:
        engine.dispose()


def kill_once_some_are_stored(env: dict[str, str], cwd: Path, db: str, some: int = 5) -> None:
    """Start a poller and SIGKILL it (its whole process group) once ``some`` messages are in."""
    proc = poller(env, cwd)
    try:
        deadline = time.monotonic() + 120
        while len(stored_ids(db)) < some:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
