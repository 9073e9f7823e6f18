"""The interface every mailbox source offers the service, and the item it hands over.

A source lists what is waiting, gives each item's raw bytes, and is told to move an item out
of the way only after the pipeline has committed it: that order is what makes a crash safe.
"""
from __future__ import annotations

import email.parser
import email.policy
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol


class SourceError(Exception):
    """The mailbox cannot be reached or used (down, slow, login refused, folder missing)."""


@dataclass
class SourceItem:
    raw: bytes
    """RFC 822 message bytes, or a bare file's bytes."""
    kind: Literal["eml", "file"]
    key: str
    """Stable key of the item at its source, e.g. "imap:INBOX:<uidvalidity>:<uid>"."""
    message_id: str | None = None
    received: datetime | None = None
    """Delivery time when the source knows it."""
    path: str | None = None
    filename: str | None = None
    handle: Any = field(default=None, repr=False)
    """What the source needs to move the item (a path, a UID, an EWS item)."""


class MailSource(Protocol):
    kind: str
    """folder, imap, exchange or graph."""
    name: str
    """Stable name of the source for its SourceState row and lock, e.g. "imap:user@host/INBOX"."""

    def fetch(self) -> Iterator[SourceItem]:
        """Items waiting at the source, oldest first; the source is opened on first use."""
        ...

    def mark_processed(self, item: SourceItem) -> None:
        """Move a committed item out of the way (to the processed folder)."""
        ...

    def backlog(self) -> int | None:
        """Items still waiting, when the source can tell cheaply."""
        ...

    def close(self) -> None: ...


def header_message_id(raw: bytes) -> str | None:
    """The Message-ID header of a raw message, without parsing the body."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    parsed = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(head)
    value = " ".join(str(parsed.get("Message-ID") or "").split())
    return value or None
