"""Soak test (not a timed test): N messages into a throw-away Dovecot, poll, check exactly once.

    .venv/bin/python scripts/soak_imap.py [--messages 1000] [--db URL] [--pdf]

Prints one JSON object: messages, seconds, messages per second, and whether every message was
stored exactly once and moved. Needs root (Dovecot runs as in the test fixture).
"""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from config.settings import Settings
from intake.service import poll_once
from storage.db import open_database
from storage.models import Message
from tests.documents import message, requisition_lines, text_pdf
from tests.intake.fakes.dovecot import DovecotServer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--pdf", action="store_true", help="attach a small text PDF to each message")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    work = Path(tempfile.mkdtemp(prefix="gi-soak-"))
    db = args.db or f"sqlite:///{work}/soak.db"
    pdf = text_pdf(requisition_lines()) if args.pdf else None
    with DovecotServer(users=1) as server:
        account = server.add_user()
        ids = [f"<soak-{n}@test>" for n in range(args.messages)]
        t0 = time.monotonic()
        with account.connect() as box:
            for n, mid in enumerate(ids):
                attachments = [(f"r{n}.pdf", pdf)] if pdf else []
                box.append(message(attachments, subject=f"Soak {n}", message_id=mid), "INBOX")
        appended = time.monotonic() - t0
        print(f"appended {args.messages} messages in {appended:.1f} s", file=sys.stderr)

        settings = Settings(db=db, data_dir=work / "store", mailbox=account.settings(batch_size=50))
        t0 = time.monotonic()
        records = poll_once(settings)
        seconds = time.monotonic() - t0

        factory = open_database(db)
        with factory() as session:
            stored = session.scalar(select(func.count(Message.id)).where(Message.message_id.in_(ids)))
            distinct = session.scalar(select(func.count(func.distinct(Message.message_id)))
                                      .where(Message.message_id.in_(ids)))
        factory.kw["bind"].dispose()
        left, moved = len(account.uids("INBOX")), len(account.uids("Behandlat"))

    ok = stored == distinct == moved == args.messages and left == 0
    print(json.dumps({
        "messages": args.messages, "records": len(records), "seconds": round(seconds, 2),
        "messages_per_second": round(args.messages / seconds, 1) if seconds else None,
        "stored": stored, "distinct_message_ids": distinct, "moved": moved, "left_in_inbox": left,
        "exactly_once": ok,
    }))
    if not args.db:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
