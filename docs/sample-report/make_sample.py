"""Make the sample weekly report in this directory from the sample mail in samples/.

As `make run` does: the sample allocation list is loaded, then the sample messages go through
the real pipeline into a scratch SQLite database. Their flags are then dated to the mail's
arrival, as a service running at the time would have made them, and one is resolved during the
week, so week 2024-W12 shows changes besides its intake, the expected documents, the upcoming
requisition deadline, the ledger and the open cases. Run from the repository root:

    .venv/bin/python docs/sample-report/make_sample.py
"""
from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select

from cli.inputs import expand, incoming_for
from config.settings import Settings
from intake.pipeline import Pipeline
from reports.delivery import build_report
from reports.mail import build_message
from reports.render import write_files
from reports.week import IsoWeek
from storage.allocation_file import read_allocation_file
from storage.allocations import import_allocations
from storage.db import open_database
from storage.models import FlagRow
from storage.originals import OriginalStore

WEEK = IsoWeek(2024, 12)
OUT = Path(__file__).resolve().parent
RECIPIENT = "handlaggare@socialstyrelsen.example.se"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, db=f"sqlite:///{tmp}/sample.db", data_dir=Path(tmp))
        factory = open_database(settings.db)
        with factory() as session, session.begin():
            import_allocations(session, read_allocation_file(ROOT / "samples/allocations.csv").rows,
                               "samples/allocations.csv")
        with Pipeline(settings, factory, OriginalStore(Path(tmp) / "store")) as pipeline:
            mail = [p for p in expand([ROOT / "samples"]) if p.suffix == ".eml"]
            for _ in pipeline.process_many(incoming_for(p) for p in mail):
                pass
        with factory() as session, session.begin():
            for flag in session.scalars(select(FlagRow)):
                arrived = flag.document.received_at or flag.document.message.received_at
                flag.created_at = arrived + timedelta(minutes=1)
                if flag.code == "NO_DOCUMENT":
                    flag.status, flag.resolved_by = "resolved", "registrator"
                    flag.resolved_at = WEEK.start + timedelta(days=2, hours=9)
                    flag.comment = "Bilagan kom i ett separat meddelande"
        generated = WEEK.end + timedelta(hours=7)
        with factory() as session:
            report = build_report(session, settings, WEEK, None, generated)
        factory.kw["bind"].dispose()
    for path in write_files(report, OUT):
        print(path.relative_to(ROOT))
    eml = OUT / f"{report.basename}.eml"
    eml.write_bytes(build_message(report, "grant-intake@socialstyrelsen.example.se",
                                  RECIPIENT).as_bytes())
    print(eml.relative_to(ROOT))


if __name__ == "__main__":
    main()
