"""Page images made in a separate process, one request at a time, with a time and memory limit.

The web process never opens a document itself: a slow or huge page costs the worker, which is
killed when it runs over time (and started again on the next request), and whose address
space is capped, so a page cannot take the web process's memory or a thread forever.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import threading
from multiprocessing.connection import Connection
from typing import Any

from webui.page_images import PageImageError, Size, page_sizes, render_page_png

log = logging.getLogger(__name__)

RENDER_SECONDS = 15.0
QUEUE_SECONDS = 30.0
"""How long a request waits for the worker while it makes other pages."""
WORKER_MEMORY_MB = 1536


class PageImageTimeout(PageImageError):
    """The page took longer than the time limit and its worker was stopped."""


def _serve(conn: Connection, memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    calls = {"sizes": page_sizes, "render": render_page_png}
    while True:
        try:
            name, args = conn.recv()
        except EOFError:
            return
        try:
            conn.send((True, calls[name](*args)))
        except PageImageError as exc:
            conn.send((False, str(exc)))
        except MemoryError:
            conn.send((False, "out of memory"))
        except Exception as exc:  # noqa: BLE001 - a broken file must not end the worker
            log.warning("page image failed: %s", exc)
            conn.send((False, f"{type(exc).__name__}: {exc}"))


class PageRenderer:
    """Calls into one worker process, started on first use and after a time-out."""

    def __init__(self, seconds: float = RENDER_SECONDS, memory_mb: int = WORKER_MEMORY_MB,
                 max_pixels: int = 100_000_000) -> None:
        self.seconds, self.memory_mb, self.max_pixels = seconds, memory_mb, max_pixels
        self._ctx = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def _start(self) -> Connection:
        if self._process is None or not self._process.is_alive():
            parent, child = self._ctx.Pipe()
            self._process = self._ctx.Process(target=_serve, args=(child, self.memory_mb),
                                              name="page-renderer", daemon=True)
            self._process.start()
            child.close()
            self._conn = parent
        assert self._conn is not None
        return self._conn

    def _stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            os.kill(self._process.pid, signal.SIGKILL)
            self._process.join(5)
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None

    def _call(self, name: str, *args: Any) -> Any:
        if not self._lock.acquire(timeout=QUEUE_SECONDS):
            raise PageImageTimeout(f"the page worker was busy for {QUEUE_SECONDS:g} s")
        try:
            conn = self._start()
            try:
                conn.send((name, args))
                if not conn.poll(self.seconds):
                    self._stop()
                    raise PageImageTimeout(f"over {self.seconds:g} s")
                ok, result = conn.recv()
            except (EOFError, OSError) as exc:
                self._stop()
                raise PageImageError(f"the page worker stopped: {exc}") from exc
        finally:
            self._lock.release()
        if not ok:
            raise PageImageError(result)
        return result

    def sizes(self, path: str, media_type: str, first: int, count: int) -> list[Size]:
        return self._call("sizes", path, media_type, first, count, self.max_pixels)

    def render(self, path: str, media_type: str, number: int, zoom: float) -> bytes:
        return self._call("render", path, media_type, number, zoom, self.max_pixels)

    def close(self) -> None:
        with self._lock:
            self._stop()
