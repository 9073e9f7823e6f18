"""Two `ingest` runs over the same files at the same time: both succeed, each message once."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.db import open_database
from storage.models import Message
from tests.documents import message, requisition_lines, text_pdf

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_two_ingests_of_the_same_files_both_exit_0(tmp_path):
    """End to end; the clash itself is pinned, on both databases, by
    tests/intake/test_pipeline_identity.py."""
    db = f"sqlite:///{tmp_path}/x.db"
    open_database(db).kw["bind"].dispose()
    mail = tmp_path / "mail"
    mail.mkdir()
    for n in range(6):
        (mail / f"{n:02d}.eml").write_bytes(message(
            [(f"{n}.pdf", text_pdf(requisition_lines(amount=f"{800 + n} 000 kr")))]
            if n % 3 else [], message_id=f"<{n}@test>"))
    env = {**os.environ, "PYTHONPATH": str(REPO), "GRANT_INTAKE_DATA_DIR": str(tmp_path / "store"),
           "GRANT_INTAKE_OCR__WORKERS": "1", "OMP_THREAD_LIMIT": "1"}
    command = [sys.executable, "-m", "cli.main", "--db", db, "ingest", "--json", str(mail)]
    runs = [subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=240)
        assert run.returncode == 0, err
        assert "Traceback" not in err and "IntegrityError" not in err
        assert len(out.splitlines()) == 6
    factory = open_database(db)
    with factory() as s:
        assert s.scalar(select(func.count(Message.id))) == 6
    factory.kw["bind"].dispose()
