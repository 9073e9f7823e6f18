"""One poller per source: a PostgreSQL advisory lock, or a file lock beside a SQLite database.

The advisory lock is session-level and held on its own connection for the whole poll; the
server drops it when that connection dies, so a killed process never leaves it behind. The
file lock (flock) is likewise released by the kernel when the process ends.
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

log = logging.getLogger(__name__)


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (pg_try_advisory_lock takes a bigint)."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big", signed=True)


@contextmanager
def poll_lock(engine: Engine, name: str) -> Iterator[bool]:
    """Try to take the poll lock for source ``name``; yields whether it was taken."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, name) as held:
            yield held
    else:
        with _file_lock(_lock_path(engine, name)) as held:
            yield held


@contextmanager
def _advisory_lock(engine: Engine, name: str) -> Iterator[bool]:
    key = advisory_key(name)
    conn = engine.connect()
    try:
        held = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        conn.commit()
        try:
            yield held
        finally:
            if held:
                try:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()
                except Exception:  # noqa: BLE001 - a dead connection has dropped the lock already
                    log.warning("lock: unlock failed, discarding the connection name=%s", name)
                    conn.invalidate()
    finally:
        conn.close()


def _lock_path(engine: Engine, name: str) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    if database.startswith("file:"):  # a SQLite URI (file:/path/x.db?mode=ro): its path
        database = database[len("file:"):].split("?", 1)[0]
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    return Path(f"{database}.poll-{digest}.lock")


@contextmanager
def _file_lock(path: Path | None) -> Iterator[bool]:
    if path is None:
        yield True
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
