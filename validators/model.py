"""What the rules see (a document's fields and its context) and what they return (flags)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from config.calibration import review_threshold
from config.programs import ProgramCatalog

Severity = Literal["error", "warning", "info", "review"]


@dataclass(frozen=True)
class Flag:
    code: str
    severity: Severity
    message: str
    """Swedish, for registratur staff: the rule and the numbers behind it."""
    details: dict = field(default_factory=dict)
    """The numbers behind the message, for the UI and reports (JSON-serialisable)."""

    def as_record(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message}


@dataclass(frozen=True)
class AllocationRow:
    program: str
    grant_year: int
    recipient_code: str
    recipient_name: str
    amount_sek: int
    municipal_share_min_percent: float | None = None


@dataclass(frozen=True)
class FiledRequisition:
    """A requisition already on file (another document), for pool and duplicate checks."""

    document_id: int
    organisation_code: str | None
    requested: int | None


@dataclass
class Context:
    """Everything a rule may look at besides the document's own fields.

    Built by the pipeline from settings and the database; the rules stay pure functions.
    """

    programs: ProgramCatalog
    received: datetime | None = None
    allocations: dict[tuple[str, int, str], AllocationRow] = field(default_factory=dict)
    """Keyed by (program, grant_year, recipient_code)."""
    requisitions_on_file: list[FiledRequisition] = field(default_factory=list)
    """Other requisitions for the document's program-year, any organisation."""
    duplicate_of: int | None = None
    """Id of an earlier document with the same sha256, in another message."""
    read_error: str | None = None
    """Why the file could not be read (Swedish); set for unreadable documents."""
    no_document: bool = False
    """The message carried nothing that could be processed."""
    read_by_ocr: bool = False
    """Some page was read by OCR: a field not found may be one the reading lost."""
    confidence_threshold: float = field(default_factory=review_threshold)
