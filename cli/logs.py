"""Structured logs (logfmt: key=value) to stderr; stdout stays for results."""
from __future__ import annotations

import logging
import sys

from config.masking import mask


class LogfmtFormatter(logging.Formatter):
    """One line per record, secrets masked; a traceback only at debug level (--verbose)."""

    def format(self, record: logging.LogRecord) -> str:
        msg = " ".join(record.getMessage().replace('"', "'").splitlines())
        line = (f'ts={self.formatTime(record, "%Y-%m-%dT%H:%M:%S")} level={record.levelname.lower()} '
                f'logger={record.name} msg="{msg}"')
        if record.exc_info:
            exc = record.exc_info[1]
            first = (str(exc).splitlines() or [""])[0].replace('"', "'")
            line += f' error="{type(exc).__name__}: {first}"'
            if logging.getLogger().isEnabledFor(logging.DEBUG):
                line += " exc=" + repr(self.formatException(record.exc_info))
        return mask(line)


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time of the record, not at set-up."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure_logging(verbose: bool) -> None:
    handler = StderrHandler()
    handler.setFormatter(LogfmtFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("pdfminer", "PIL", "alembic", "exchangelib", "urllib3", "matplotlib", "fontTools",
                  "weasyprint", "apscheduler.executors", "mail.log"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
