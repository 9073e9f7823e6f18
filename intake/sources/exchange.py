"""An Exchange mailbox folder as the mailbox, through exchangelib (EWS).

Each item's MIME content is handed over as the raw message: it carries the file attachments
and forwarded items, so the pipeline parses Exchange mail like any other. Items are keyed on
Message-ID and a hash of that content, never on the EWS item id (it changes when the item is
moved). Item ids are listed first and the MIME content fetched in small chunks, so moving
handled items does not shift the listing's pages. A short ``FaultTolerance.max_wait`` keeps a
throttled poll from running into the next one.

Folder names are paths from the top of the mailbox, "/"-separated; a leading "INBOX" means
the inbox whatever its localised name ("INBOX/Behandlat" is a subfolder of the inbox).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from datetime import UTC, datetime

from exchangelib import Account
from exchangelib.errors import ErrorFolderNotFound
from exchangelib.folders import BaseFolder, Messages

from config.settings import MailboxSettings
from intake.connections.exchange import EXCHANGE_ERRORS, exchange_account
from intake.sources.base import SourceError, SourceItem

log = logging.getLogger(__name__)

FETCH_FIELDS = ("mime_content", "message_id", "datetime_received")
CHUNK_SIZE = 5
"""Items per GetItem: MIME content with attachments is large."""


def _plain(value: datetime | None) -> datetime | None:
    """EWSDateTime as a plain aware datetime in UTC."""
    return datetime.fromtimestamp(value.timestamp(), UTC) if value else None


def resolve_folder(account: Account, path: str, create: bool) -> BaseFolder:
    """The folder at ``path`` ("INBOX" first is the inbox); made where missing if ``create``."""
    parts = [p for p in path.split("/") if p]
    if parts and parts[0].upper() == "INBOX":
        folder, parts = account.inbox, parts[1:]
    else:
        folder = account.msg_folder_root
    for part in parts:
        try:
            folder = folder // part
        except ErrorFolderNotFound:
            if not create:
                raise
            folder = Messages(parent=folder, name=part)
            folder.save()
            log.info("exchange: created folder=%s", path)
    return folder


class ExchangeSource:
    kind = "exchange"

    def __init__(self, settings: MailboxSettings, max_wait: float = 60.0) -> None:
        self.settings = settings
        self.max_wait = max_wait
        self.name = f"exchange:{settings.email or settings.username}/{settings.folder}"
        self._account: Account | None = None
        self._folder: BaseFolder | None = None
        self._processed: BaseFolder | None = None

    def _open(self) -> tuple[Account, BaseFolder, BaseFolder]:
        if self._account is None:
            try:
                account = exchange_account(self.settings, self.max_wait)
                folder = resolve_folder(account, self.settings.folder, create=False)
                processed = resolve_folder(account, self.settings.processed_folder, create=True)
            except ErrorFolderNotFound as exc:
                raise SourceError(f"Exchange-mappen {self.settings.folder} finns inte: {exc}") from exc
            except EXCHANGE_ERRORS as exc:
                raise SourceError(f"Exchange ({self.settings.service_endpoint or 'autodiscover'}): "
                                  f"{exc}") from exc
            self._account, self._folder, self._processed = account, folder, processed
        return self._account, self._folder, self._processed

    def fetch(self) -> Iterator[SourceItem]:
        account, folder, _ = self._open()
        try:
            ids = list(folder.all().order_by("datetime_received").values_list("id", "changekey"))
        except EXCHANGE_ERRORS as exc:
            raise SourceError(f"Exchange FindItem misslyckades: {exc}") from exc
        for start in range(0, len(ids), CHUNK_SIZE):
            try:
                items = list(account.fetch(ids=ids[start:start + CHUNK_SIZE], folder=folder,
                                           only_fields=FETCH_FIELDS, chunk_size=CHUNK_SIZE))
            except EXCHANGE_ERRORS as exc:
                raise SourceError(f"Exchange GetItem misslyckades: {exc}") from exc
            for item in items:
                if isinstance(item, Exception) or not getattr(item, "mime_content", None):
                    log.info("exchange: item gone or without content, skipped: %r", item)
                    continue
                raw = bytes(item.mime_content)
                digest = hashlib.sha256(raw).hexdigest()[:16]
                yield SourceItem(
                    raw=raw,
                    kind="eml",
                    key=f"exchange:{self.settings.email}:{item.message_id or ''}:{digest}",
                    message_id=item.message_id,
                    received=_plain(item.datetime_received),
                    handle=item,
                )

    def mark_processed(self, item: SourceItem) -> None:
        _, _, processed = self._open()
        try:
            item.handle.move(processed)
        except EXCHANGE_ERRORS as exc:
            raise SourceError(f"Exchange MoveItem misslyckades för {item.key}: {exc}") from exc
        log.info("exchange: moved key=%s to=%s", item.key, self.settings.processed_folder)

    def backlog(self) -> int | None:
        if self._folder is None:
            return None
        try:
            self._folder.refresh()
        except EXCHANGE_ERRORS:
            return None
        return self._folder.total_count

    def close(self) -> None:
        if self._account is not None:
            self._account.protocol.close()
        self._account = self._folder = self._processed = None
