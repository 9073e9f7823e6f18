"""The mailbox sources by ``mailbox.kind``. Each factory imports its source when called, so a
command that polls a folder never loads exchangelib or MSAL."""
from __future__ import annotations

from collections.abc import Callable

from config.settings import Settings
from intake.sources.base import MailSource


def _folder(settings: Settings) -> MailSource:
    from intake.sources.folder import FolderSource

    return FolderSource(settings.mailbox.path)


def _imap(settings: Settings) -> MailSource:
    from intake.sources.imap import ImapSource

    return ImapSource(settings.mailbox)


def _max_wait(settings: Settings) -> float:
    """How long one call may wait out throttling: half a poll interval, at most two minutes."""
    return min(settings.poll_minutes * 60 / 2, 120.0)


def _exchange(settings: Settings) -> MailSource:
    from intake.sources.exchange import ExchangeSource

    return ExchangeSource(settings.mailbox, max_wait=_max_wait(settings))


def _graph(settings: Settings) -> MailSource:
    from intake.sources.graph import GraphSource

    return GraphSource(settings.mailbox, max_wait=_max_wait(settings))


SOURCES: dict[str, Callable[[Settings], MailSource]] = {
    "folder": _folder, "imap": _imap, "exchange": _exchange, "graph": _graph,
}


def open_source(settings: Settings) -> MailSource:
    """The configured mailbox source (nothing is connected until it is used)."""
    return SOURCES[settings.mailbox.kind](settings)
