"""An IMAP folder as the mailbox, through imap-tools.

Items are keyed on (folder, UIDVALIDITY, UID); bodies are fetched with BODY.PEEK so nothing is
marked seen, and a committed message is moved with UID MOVE (never COPY + EXPUNGE; see
``intake.connections.imap``) to the processed folder (made if missing). The login, with a
password or XOAUTH2, is ``intake.connections.imap``'s.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime

from imap_tools import BaseMailBox
from imap_tools.errors import MailboxFolderSelectError

from config.settings import MailboxSettings
from intake.connections.imap import IMAP_ERRORS, imap_mailbox, logout
from intake.sources.base import SourceError, SourceItem, header_message_id

log = logging.getLogger(__name__)

_UID = re.compile(rb"\bUID (\d+)")
_INTERNALDATE = re.compile(rb'\bINTERNALDATE "([^"]+)"')


def _internaldate(value: bytes) -> datetime | None:
    try:
        return datetime.strptime(value.decode("ascii").strip(), "%d-%b-%Y %H:%M:%S %z")
    except ValueError:
        return None


class ImapSource:
    kind = "imap"

    def __init__(self, settings: MailboxSettings) -> None:
        self.settings = settings
        self.folder = settings.folder
        self.processed_folder = settings.processed_folder
        self.name = f"imap:{settings.username}@{settings.host}:{settings.port}/{settings.folder}"
        self._box: BaseMailBox | None = None
        self._uidvalidity: str | None = None

    def _open(self) -> BaseMailBox:
        if self._box is not None:
            return self._box
        box = imap_mailbox(self.settings)
        try:
            if not box.folder.exists(self.processed_folder):
                box.folder.create(self.processed_folder)
                log.info("imap: created folder=%s", self.processed_folder)
            box.folder.set(self.folder)
        except IMAP_ERRORS as exc:
            logout(box)
            if isinstance(exc, MailboxFolderSelectError):
                raise SourceError(f"IMAP-mappen {self.folder} finns inte: {exc}") from exc
            raise SourceError(f"IMAP-servern {self.settings.host}:{self.settings.port}: {exc}") from exc
        validity = box.client.untagged_responses.get("UIDVALIDITY", [b"0"])[-1]
        self._uidvalidity = validity.decode("ascii")
        self._box = box
        return box

    def fetch(self) -> Iterator[SourceItem]:
        box = self._open()
        try:
            uids = list(box.uids("UNDELETED"))
        except IMAP_ERRORS as exc:
            raise SourceError(f"IMAP-sökning misslyckades: {exc}") from exc
        size = max(1, self.settings.batch_size)
        for start in range(0, len(uids), size):
            yield from self._fetch_chunk(box, uids[start:start + size])

    def _fetch_chunk(self, box: BaseMailBox, uids: list[str]) -> Iterator[SourceItem]:
        try:
            typ, data = box.client.uid("FETCH", ",".join(uids), "(UID INTERNALDATE BODY.PEEK[])")
        except IMAP_ERRORS as exc:
            raise SourceError(f"IMAP FETCH misslyckades: {exc}") from exc
        if typ != "OK":
            raise SourceError(f"IMAP FETCH misslyckades: {data!r}")
        for part in data:
            if not isinstance(part, tuple):
                continue
            meta, raw = part
            uid = _UID.search(meta)
            if uid is None:
                continue
            date = _INTERNALDATE.search(meta)
            uid_text = uid.group(1).decode("ascii")
            yield SourceItem(
                raw=raw,
                kind="eml",
                key=f"imap:{self.folder}:{self._uidvalidity}:{uid_text}",
                message_id=header_message_id(raw),
                received=_internaldate(date.group(1)) if date else None,
                handle=uid_text,
            )

    def mark_processed(self, item: SourceItem) -> None:
        box = self._open()
        try:
            box.move(item.handle, self.processed_folder)
        except IMAP_ERRORS as exc:
            raise SourceError(f"IMAP MOVE misslyckades för {item.key}: {exc}") from exc
        log.info("imap: moved key=%s to=%s", item.key, self.processed_folder)

    def backlog(self) -> int | None:
        if self._box is None:
            return None
        try:
            return int(self._box.folder.status(self.folder, ["MESSAGES"])["MESSAGES"])
        except IMAP_ERRORS:
            return None

    def close(self) -> None:
        if self._box is not None:
            logout(self._box)
        self._box = None
