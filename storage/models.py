"""SQLAlchemy 2 models: messages, documents, extracted values, flags, allocations, audit, users."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator):
    """An aware datetime stored as UTC and read back aware, on SQLite as on PostgreSQL.

    SQLite keeps no offset: without this, "09:03+01:00" and "08:03 UTC" would be stored as
    different wall times and compare wrongly. A naive value is taken to be UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Message(Base):
    """One received message (or bare file handed over), its raw bytes kept in the store."""

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("raw_sha256", "input_kind",
                                       name="uq_messages_raw_sha256_input_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(20))
    """eml, pdf, image, folder, imap, exchange."""
    source_key: Mapped[str | None] = mapped_column(String(500), index=True)
    """Where it came from: a path, "imap:INBOX:<uidvalidity>:<uid>", an EWS item id."""
    message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    raw_sha256: Mapped[str] = mapped_column(String(64))
    input_kind: Mapped[str] = mapped_column(String(10), default="eml", server_default="eml")
    """eml (a message) or file (a bare file): the same bytes as another kind are another input."""
    raw_size: Mapped[int] = mapped_column(Integer)
    sender: Mapped[str | None] = mapped_column(String(998))
    subject: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    documents: Mapped[list[Document]] = relationship(
        back_populates="message", order_by="Document.id", cascade="all, delete-orphan"
    )


class Document(Base):
    """One attachment (or the message body when nothing was attached) and its current values."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str | None] = mapped_column(String(500))
    """The attachment's own name, for people only: never a path."""
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="processed")
    """processed, unreadable, no_document."""
    error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    document_type: Mapped[str] = mapped_column(String(20), default="other")
    program: Mapped[str | None] = mapped_column(String(40), index=True)
    grant_year: Mapped[int | None] = mapped_column(Integer, index=True)
    org_code: Mapped[str | None] = mapped_column(String(4), index=True)
    org_kind: Mapped[str | None] = mapped_column(String(12))
    org_name: Mapped[str | None] = mapped_column(String(200))
    amounts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """{"requested": {"value": 834000, "unit": 1}, ...}"""
    document_date: Mapped[str | None] = mapped_column(String(10))
    collaborating_municipalities: Mapped[list[Any]] = mapped_column(default=list)
    """[{"code": "0980", "name": "Gotland"}, ...]"""
    municipal_share_percent: Mapped[float | None] = mapped_column(Float)
    reference: Mapped[str | None] = mapped_column(String(100))
    tables: Mapped[list[Any]] = mapped_column(default=list)
    """Itemised tables: [{"rows": [...], "total": n, "page": p, "bbox": [...]}]."""

    message: Mapped[Message] = relationship(back_populates="documents")
    values: Mapped[list[ExtractedValue]] = relationship(
        back_populates="document", order_by="ExtractedValue.id", cascade="all, delete-orphan"
    )
    flags: Mapped[list[FlagRow]] = relationship(
        back_populates="document", order_by="FlagRow.id", cascade="all, delete-orphan"
    )
    corrections: Mapped[list[ValueCorrection]] = relationship(
        back_populates="document", order_by="ValueCorrection.id", cascade="all, delete-orphan"
    )
    page_texts: Mapped[list[PageTextRow]] = relationship(
        order_by="PageTextRow.page", cascade="all, delete-orphan", passive_deletes=True,
    )


class ExtractedValue(Base):
    """Where a value was read (evidence), kept as read: a correction is a ValueCorrection."""

    __tablename__ = "extracted_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    field: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[Any] | None] = mapped_column(JSON)
    confidence: Mapped[float] = mapped_column(Float)
    document: Mapped[Document] = relationship(back_populates="values")


class ValueCorrection(Base):
    """A person's correction of one field: a layer over what was read, with who and when."""

    __tablename__ = "value_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    field: Mapped[str] = mapped_column(String(60))
    typed: Mapped[str] = mapped_column(Text)
    """What the person typed."""
    value_text: Mapped[str | None] = mapped_column(Text)
    """The value as staff read it after the correction; None when the field was removed."""
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    document: Mapped[Document] = relationship(back_populates="corrections")


class PageTextRow(Base):
    """The text read on one page of a document, kept for full-text search (storage.search)."""

    __tablename__ = "document_pages"
    __table_args__ = (UniqueConstraint("document_pk", "page"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    page: Mapped[int] = mapped_column(Integer)
    """1-based page number."""
    text: Mapped[str] = mapped_column(Text)


class FlagRow(Base):
    """A discrepancy flag: a case for registratur staff while it is open."""

    __tablename__ = "flags"
    __table_args__ = (Index("ix_flags_status_code", "status", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(10), default="open")
    """open, resolved, dismissed; a flag the checks no longer raise is resolved by "system".

    ``details`` hold the figures behind the flag: while it is open they follow the checks; a
    person's decision keeps the figures it was taken on, so a change in them reopens it."""
    comment: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    document: Mapped[Document] = relationship(back_populates="flags")


class Allocation(Base):
    __tablename__ = "allocations"
    __table_args__ = (UniqueConstraint("program", "grant_year", "recipient_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program: Mapped[str] = mapped_column(String(40))
    grant_year: Mapped[int] = mapped_column(Integer)
    recipient_code: Mapped[str] = mapped_column(String(4))
    recipient_name: Mapped[str] = mapped_column(String(200))
    amount_sek: Mapped[int] = mapped_column(Integer)
    municipal_share_min_percent: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(String(500))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AllocationUpload(Base):
    """An uploaded allocation list between its preview and its confirmation: the checked rows
    stay here, on the server, under a random id the preview page carries."""

    __tablename__ = "allocation_uploads"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(500))
    rows: Mapped[list[Any]] = mapped_column(JSON)
    """[program, grant_year, recipient_code, recipient_name, amount_sek, share] per row."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)


class AuditEntry(Base):
    """Every change a person or the system makes: who, when, what, old value → new value."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(100))
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    """registrator, handlaggare, admin."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class WebSession(Base):
    """A log-in to the review desk; the cookie holds only its token, the row its life."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """sha256 of the token in the cookie: a copy of the database opens no session."""
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    client: Mapped[str | None] = mapped_column(String(100))


class SourceState(Base):
    """Per mailbox source: the last poll, the last success, the last error, the backlog."""

    __tablename__ = "source_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(200), unique=True)
    last_poll_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    backlog: Mapped[int | None] = mapped_column(Integer)


class ReportDelivery(Base):
    """One weekly report to one recipient: sent once, retried while it has failed."""

    __tablename__ = "report_deliveries"
    __table_args__ = (UniqueConstraint("week", "recipient"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    week: Mapped[str] = mapped_column(String(8))
    """ISO week, "2024-W14"."""
    recipient: Mapped[str] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(10))
    """sending (claimed by a process), sent, failed."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """When a process took it to send; a claim older than delivery.CLAIM_TIMEOUT is void."""


class RecheckRun(Base):
    """One run of every check over every stored document: why, how far, what changed."""

    __tablename__ = "recheck_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    reason: Mapped[str] = mapped_column(String(40))
    """command, allocation_import, programs_changed."""
    actor: Mapped[str] = mapped_column(String(100))
    programs_hash: Mapped[str] = mapped_column(String(64))
    """The program catalogue the checks ran against."""
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)


class ExpectationRow(Base):
    """An expected document that has not arrived, or money to be repaid: a case that belongs
    to an organisation and a program-year, not to a document (validators.expected)."""

    __tablename__ = "expectations"
    __table_args__ = (UniqueConstraint("code", "program", "grant_year", "org_code"),
                      Index("ix_expectations_status", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    program: Mapped[str] = mapped_column(String(40))
    grant_year: Mapped[int] = mapped_column(Integer)
    org_code: Mapped[str] = mapped_column(String(4))
    org_kind: Mapped[str] = mapped_column(String(12))
    org_name: Mapped[str] = mapped_column(String(200))
    deadline: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[int | None] = mapped_column(Integer)
    """REPAYMENT_DUE: the unused amount the return report states."""
    message: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(10), default="open")
    """open, resolved, dismissed; resolved by "system" when the document has arrived."""
    comment: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    repaid_amount: Mapped[int | None] = mapped_column(Integer)
    """REPAYMENT_DUE: kronor a person has marked as paid back (all payments together)."""
    repaid_on: Mapped[date | None] = mapped_column(Date)
    """The day of the latest payment marked."""
