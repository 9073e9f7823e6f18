"""Fixtures for the mailbox sources: a real Dovecot and a local EWS endpoint."""
from __future__ import annotations

import shutil

import pytest

from tests.conftest import unavailable
from tests.intake.fakes.dovecot import DOVECOT, DovecotServer, ImapAccount


@pytest.fixture(scope="session")
def dovecot():
    if not shutil.which(DOVECOT):
        unavailable("dovecot is not installed (make setup installs dovecot-imapd)")
    server = DovecotServer()
    yield server
    server.stop()


@pytest.fixture
def imap_account(dovecot: DovecotServer) -> ImapAccount:
    """A fresh, empty IMAP account on the shared Dovecot."""
    return dovecot.add_user()
