"""Parse a raw RFC 822 message: headers (RFC 2047, raw latin-1), body, and every attachment,
including those inside forwarded ``message/rfc822`` parts."""
from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesParser
from pathlib import PurePosixPath, PureWindowsPath

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Attachment:
    filename: str | None
    """The sender's name for the file, reduced to a bare name for display; never a path."""
    declared_type: str
    data: bytes


@dataclass
class ParsedMessage:
    message_id: str | None
    sender: str | None
    subject: str | None
    date: datetime | None
    body: str
    attachments: list[Attachment] = field(default_factory=list)
    body_type: str = "text/plain"
    """The content type of the part ``body`` came from: text/plain, else text/html."""


def display_name(name: str | None) -> str | None:
    """A file name safe to show and store as text: the last path component, no control chars."""
    if not name:
        return None
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = _CONTROL.sub("", base).strip().lstrip(".")
    return base[:200] or None


def _unescape(text: str) -> str:
    """Raw 8-bit header bytes the parser kept as surrogates: UTF-8 if they are, else latin-1."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _header(msg: Message, name: str) -> str | None:
    """A header as text: RFC 2047 encoded words decoded, raw latin-1 or UTF-8 bytes kept."""
    for key, value in msg.raw_items() if isinstance(msg, EmailMessage) else msg.items():
        if key.lower() != name.lower():
            continue
        text = _unescape(str(value))
        try:
            text = str(make_header(decode_header(text)))
        except (HeaderParseError, LookupError, UnicodeDecodeError):
            pass
        return " ".join(text.split()) or None
    return None


def _date(msg: Message) -> datetime | None:
    value = _header(msg, "Date")
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else None


def _body(msg: EmailMessage) -> tuple[str, str]:
    """The body text and the content type of the part it came from (plain preferred)."""
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except (KeyError, AttributeError):
        part = None
    if part is None:
        return "", "text/plain"
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        text = payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        text = payload.decode("latin-1")
    return text, part.get_content_type()


def _is_attachment(part: Message) -> bool:
    if part.is_multipart() or part.get_content_type() == "message/rfc822":
        return False
    disposition = (part.get_content_disposition() or "").lower()
    if disposition == "attachment":
        return True
    has_name = bool(part.get_param("name") or part.get_param("filename", header="content-disposition"))
    if disposition == "inline" and part.get("Content-ID") and not has_name:
        return False
    return has_name or part.get_content_maintype() not in ("text", "multipart", "message")


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except (ValueError, TypeError, IndexError):
        name = None
    return display_name(_unescape(name) if name else None)


def parse_message(raw: bytes) -> ParsedMessage:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    attachments = []
    for part in msg.walk():
        if not _is_attachment(part):
            continue
        data = part.get_payload(decode=True)
        if data is None:
            data = b""
        attachments.append(Attachment(_filename(part), part.get_content_type(), data))
    body, body_type = _body(msg)
    return ParsedMessage(
        message_id=_header(msg, "Message-ID"),
        sender=_header(msg, "From"),
        subject=_header(msg, "Subject"),
        date=_date(msg),
        body=body,
        attachments=attachments,
        body_type=body_type,
    )
