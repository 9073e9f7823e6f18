"""Shared fixtures: a database on SQLite and on a real PostgreSQL, the store of originals.

A test whose real component (PostgreSQL, Dovecot, Chromium, Playwright) is missing skips on a
developer's machine and fails where CI=true (or, for PostgreSQL, GRANT_INTAKE_TEST_PG is set):
CI must not pass by skipping quietly.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.db import open_database
from storage.originals import OriginalStore

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def unavailable(reason: str) -> NoReturn:
    """A component the test needs is missing: fail in CI, skip elsewhere."""
    if in_ci():
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def _admin_url() -> str:
    return os.environ.get("GRANT_INTAKE_TEST_PG") or DEFAULT_PG


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    url = _admin_url()
    try:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "no server"
        if os.environ.get("GRANT_INTAKE_TEST_PG"):
            pytest.fail(f"GRANT_INTAKE_TEST_PG is set but PostgreSQL is unreachable: {exc}")
        unavailable(f"no PostgreSQL reachable at {url}")
    return url


@pytest.fixture
def pg_url(pg_admin_url: str):
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"gi_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path: Path) -> str:
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/test.db"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def session_factory(db_url: str):
    factory = open_database(db_url)
    yield factory
    factory.kw["bind"].dispose()


@pytest.fixture
def store(tmp_path: Path) -> OriginalStore:
    return OriginalStore(tmp_path / "store")


@pytest.fixture(scope="session")
def reader():
    """One document reader (and worker pool) for the whole test session."""
    from config.settings import Settings
    from extractors.reading.pages import DocumentReader
    from intake.pipeline import read_options

    with DocumentReader(read_options(Settings(_env_file=None))) as r:
        yield r


@pytest.fixture
def pipeline(session_factory, store, reader, tmp_path: Path):
    from config.settings import Settings
    from intake.pipeline import Pipeline

    settings = Settings(db="sqlite://", data_dir=tmp_path / "store")
    with Pipeline(settings, session_factory, store, reader=reader) as p:
        yield p


@pytest.fixture
def ews():
    """A local EWS endpoint with one empty mailbox (basic auth): the Exchange source's and the
    report transport's counterpart."""
    from tests.intake.fakes.ews import FakeEwsServer

    server = FakeEwsServer()
    yield server
    server.stop()
    assert not server.mailbox.errors, server.mailbox.errors


@pytest.fixture
def microsoft():
    """Microsoft Graph and the identity platform on loopback over TLS (their own CA), with one
    empty mailbox: the Graph source's, `mailbox check`'s and the Graph report transport's
    counterpart."""
    from tests.intake.fakes.graph import FakeMicrosoft

    server = FakeMicrosoft()
    yield server
    server.stop()
    assert not server.errors, server.errors
