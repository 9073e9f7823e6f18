"""A pool of page-reading processes that survives its workers: time-out, crash, memory.

Each worker reads one page at a time, so the parent knows when each page started and can
kill exactly the worker (and its Tesseract child: each worker leads its own process group)
whose page ran over time; a worker that dies is replaced and only its page is lost.
concurrent.futures cannot do this: it cannot end one task, and one lost worker breaks it all.

In each worker: OMP_THREAD_LIMIT=1 (Tesseract's OpenMP threads cost 6× on a busy machine),
RLIMIT_AS (pdfminer has no limit on decompressed streams), and the heavy imports made once,
in the fork server the workers are forked from.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

log = logging.getLogger(__name__)

WORKER_MODULE = "extractors.reading.page_worker"
GRACE_SECONDS = 2.0
"""Added to a task's time limit before the worker is killed (the worker's own limit on
Tesseract ends most slow pages first, with the page's own error)."""


class WorkerLost(Exception):
    """The worker died (crash, killed for memory) while reading the task."""


class WorkerTimeout(Exception):
    """The task ran over its time limit and its worker was killed."""


@dataclass
class Job:
    task: Any
    seconds: float
    result: Any = None
    error: Exception | None = None
    done: bool = False


def _serve(conn: Connection, memory_mb: int) -> None:
    os.setpgrp()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard if hard != resource.RLIM_INFINITY else limit))
    import importlib

    module = importlib.import_module(WORKER_MODULE)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = ("ok", module.read_page(task))
        except MemoryError:
            result = ("memory", None)
        except Exception as exc:
            result = ("error", repr(exc))
        conn.send(result)


class _Worker:
    def __init__(self, ctx: multiprocessing.context.BaseContext, memory_mb: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, memory_mb), daemon=True)
        self.process.start()
        child.close()
        self.job: Job | None = None
        self.deadline = 0.0

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    def __init__(self, size: int, memory_mb: int = 0) -> None:
        self.size = max(1, size)
        self.memory_mb = memory_mb
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload([WORKER_MODULE])
        self._workers = [_Worker(self._ctx, memory_mb) for _ in range(self.size)]
        self._pending: deque[Job] = deque()
        self.replaced = 0

    def submit(self, task: Any, seconds: float) -> Job:
        job = Job(task, seconds)
        self._pending.append(job)
        self._dispatch()
        return job

    @property
    def outstanding(self) -> int:
        return len(self._pending) + sum(1 for w in self._workers if w.job is not None)

    def wait(self, job: Job) -> None:
        """Run the pool until ``job`` is done."""
        while not job.done:
            self.poll(block=True)

    def poll(self, block: bool = False) -> None:
        """Collect finished work and hand out pending tasks; wait for one event if ``block``."""
        self._dispatch()
        busy = [w for w in self._workers if w.job is not None]
        if not busy:
            return
        now = time.monotonic()
        timeout = max(0.0, min(w.deadline for w in busy) - now) if block else 0.0
        ready = wait([w.conn for w in busy], timeout)
        for worker in busy:
            if worker.conn in ready:
                self._collect(worker)
            elif time.monotonic() >= worker.deadline:
                log.warning("page worker over time pid=%s seconds=%s", worker.process.pid,
                            worker.job.seconds)
                self._replace(worker, WorkerTimeout())
        self._dispatch()

    def _collect(self, worker: _Worker) -> None:
        job = worker.job
        try:
            status, value = worker.conn.recv()
        except (EOFError, OSError):
            log.warning("page worker died pid=%s exitcode=%s", worker.process.pid,
                        worker.process.exitcode)
            self._replace(worker, WorkerLost())
            return
        worker.job = None
        job.done = True
        if status == "ok":
            job.result = value
        elif status == "memory":
            job.error = MemoryError()
        else:
            job.error = WorkerLost(value)

    def _replace(self, worker: _Worker, error: Exception) -> None:
        job = worker.job
        worker.kill()
        index = self._workers.index(worker)
        self._workers[index] = _Worker(self._ctx, self.memory_mb)
        self.replaced += 1
        if job is not None:
            job.error, job.done = error, True

    def _dispatch(self) -> None:
        for worker in self._workers:
            if not self._pending:
                return
            if worker.job is None:
                job = self._pending.popleft()
                try:
                    worker.conn.send(job.task)
                except (BrokenPipeError, OSError):
                    self._pending.appendleft(job)
                    self._replace(worker, WorkerLost())
                    continue
                worker.job = job
                worker.deadline = time.monotonic() + job.seconds + GRACE_SECONDS

    def close(self) -> None:
        for worker in self._workers:
            worker.conn.close()
            worker.process.join(1)
            if worker.process.is_alive():
                worker.kill()
        self._workers = []
