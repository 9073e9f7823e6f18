"""Log lines: one per record, secrets masked, a traceback only at debug level."""
from __future__ import annotations

import logging

from cli.logs import configure_logging
from config.masking import remember


def _failure(log: logging.Logger) -> None:
    try:
        raise OSError("disk full\nsecond line")
    except OSError:
        log.exception("storing failed url=postgresql://gi:hemligt-9@db/x token=sup3r-token")


def test_a_failure_is_one_line_without_traceback_and_secrets(capsys):
    remember(["sup3r-token"])
    configure_logging(verbose=False)
    _failure(logging.getLogger("test"))
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and 'error="OSError: disk full"' in err
    assert "hemligt-9" not in err and "sup3r-token" not in err and "gi:***@db" in err


def test_with_verbose_the_traceback_is_in_the_log(capsys):
    configure_logging(verbose=True)
    _failure(logging.getLogger("test"))
    err = capsys.readouterr().err
    assert "Traceback" in err and "hemligt-9" not in err
    configure_logging(verbose=False)
