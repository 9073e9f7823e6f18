from __future__ import annotations

import email
import socket
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from storage.db import open_database
from tests.reports.seed import seed_week

REPORT_TIME = datetime(2024, 4, 8, 5, 0, tzinfo=UTC)
"""Monday 8 April 2024, 07:00 in Stockholm: when the scheduled job sends week 14."""


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/reports.db"


@pytest.fixture
def seeded_factory(sqlite_url: str):
    """SQLite with the week's seed (rendering and delivery do not depend on the backend)."""
    factory = open_database(sqlite_url)
    with factory() as session, session.begin():
        seed_week(session)
    yield factory
    factory.kw["bind"].dispose()


class Inbox:
    """aiosmtpd handler keeping every message it is given."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def load_samples(factory, store, reader=None) -> None:
    """The sample mail (samples/*.eml) through the real pipeline, with the sample allocation
    list loaded first: the database `make run` makes."""
    from cli.inputs import incoming_for
    from config.settings import Settings
    from intake.pipeline import Pipeline
    from storage.allocation_file import read_allocation_file
    from storage.allocations import import_allocations

    with factory() as session, session.begin():
        import_allocations(session, read_allocation_file(SAMPLES / "allocations.csv").rows,
                           "samples/allocations.csv")
    settings = Settings(_env_file=None, db="sqlite://")
    with Pipeline(settings, factory, store, reader=reader) as pipeline:
        for _ in pipeline.process_many(incoming_for(p) for p in sorted(SAMPLES.glob("*.eml"))):
            pass


@pytest.fixture(scope="session")
def samples_factory(tmp_path_factory, reader):
    """A SQLite database made from samples/ (read only in the tests that use it)."""
    from storage.originals import OriginalStore

    root = tmp_path_factory.mktemp("samples")
    factory = open_database(f"sqlite:///{root}/samples.db")
    load_samples(factory, OriginalStore(root / "store"), reader)
    yield factory
    factory.kw["bind"].dispose()
