"""Soak test (not a timed test): N messages in the fake Microsoft 365 mailbox, one poll through
Graph in its own process, check exactly once; the poller's time and peak memory.

    .venv/bin/python scripts/soak_graph.py [--messages 1000] [--db URL] [--pdf] [--faults 20]

The fake Graph and identity platform (tests/intake/fakes/graph.py, TLS with their own CA) run
in this process; the poller is ``python -m intake.service --once`` with the graph settings in
its environment, so its peak RSS is its own. ``--faults N`` answers N MIME fetches with 429
and N moves with 503 (Retry-After: 0), spread over the run, to exercise the retry path under
load. Prints one JSON object: messages, seconds, messages per second, the poller's peak RSS
in MB, and whether every message was stored exactly once and moved.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select

from storage.db import open_database
from storage.models import Message
from tests.documents import message, requisition_lines, text_pdf
from tests.intake.fakes.graph import FakeMicrosoft


def _poll_seconds(log: str) -> float | None:
    """The poll's own time from the poller's log ("poll: … seconds=12.3"), without start-up."""
    for line in reversed(log.splitlines()):
        if "poll: source=" in line and "seconds=" in line:
            return float(line.rsplit("seconds=", 1)[1].split()[0])
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--pdf", action="store_true", help="attach a small text PDF to each message")
    parser.add_argument("--faults", type=int, default=20, help="429s and 503s on the way")
    parser.add_argument("--batch-size", type=int, default=50)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="gi-soak-graph-"))
    db = args.db or f"sqlite:///{work}/soak.db"
    open_database(db).kw["bind"].dispose()  # the schema, outside the measured poll
    pdf = text_pdf(requisition_lines()) if args.pdf else None
    fake = FakeMicrosoft()
    try:
        ids = [f"<soak-graph-{n}@test>" for n in range(args.messages)]
        start = datetime(2024, 3, 25, 8, 0, tzinfo=UTC)
        for n, mid in enumerate(ids):
            attachments = [(f"r{n}.pdf", pdf)] if pdf else []
            fake.deliver(message(attachments, subject=f"Soak {n}", message_id=mid), mid,
                         received=start + timedelta(seconds=n))
        if args.faults:
            every = max(1, args.messages // args.faults)
            fake.fail(429, times=args.faults, retry_after=0, on="/$value", every=every)
            fake.fail(503, times=args.faults, retry_after=0, on="/move", every=every)

        env = {**os.environ, "PYTHONPATH": str(ROOT), "GRANT_INTAKE_DB": db,
               "GRANT_INTAKE_DATA_DIR": str(work / "store"), **fake.env(),
               "GRANT_INTAKE_MAILBOX__BATCH_SIZE": str(args.batch_size)}
        t0 = time.monotonic()
        poller = subprocess.run([sys.executable, "-m", "intake.service", "--once"], cwd=work,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.monotonic() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        log = poller.stderr.decode()
        if poller.returncode != 0:
            print(log[-3000:], file=sys.stderr)
        poll_seconds = _poll_seconds(log)

        factory = open_database(db)
        with factory() as session:
            stored = session.scalar(select(func.count(Message.id)).where(Message.message_id.in_(ids)))
            distinct = session.scalar(select(func.count(func.distinct(Message.message_id)))
                                      .where(Message.message_id.in_(ids)))
        factory.kw["bind"].dispose()
        left = len(fake.mailbox.in_folder("INBOX"))
        moved = len(fake.mailbox.in_folder("Behandlat"))
        moves = len(fake.moved)
        listings = sum(1 for c in fake.calls if c.endswith("/messages"))
    finally:
        fake.stop()

    ok = (poller.returncode == 0 and stored == distinct == moved == moves == args.messages
          and left == 0)
    print(json.dumps({
        "messages": args.messages, "pdf": args.pdf, "batch_size": args.batch_size,
        "seconds": round(seconds, 2), "poll_seconds": poll_seconds,
        "messages_per_second": round(args.messages / seconds, 1) if seconds else None,
        "poller_peak_rss_mb": round(peak_mb, 1), "listing_calls": listings,
        "faults_injected": 2 * args.faults, "stored": stored, "distinct_message_ids": distinct,
        "moved": moved, "move_calls_done": moves, "left_in_inbox": left, "exactly_once": ok,
    }))
    if not args.db:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
