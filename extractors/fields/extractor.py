"""From a document's words to the fields of its record, each with evidence.

The document is parsed once (extractors.fields.context: regroup words into lines by
geometry, fold, parse with spaCy, find labels, dates and money mentions), then the declared
readers (extractors.fields.readers) run in order over it. Every value keeps the words it came
from; its evidence's confidence is the calibrated probability that the value is right
(extractors.fields.calibration), from the words' OCR confidence, how sure the reading is and
what else the document says. With ``GRANT_INTAKE_AMOUNTS=scorer`` the amounts come from the
candidate scorer (extractors.fields.scorer) instead of the readers.
"""
from __future__ import annotations

from config.programs import ProgramCatalog, default_programs
from extractors.fields import scorer
from extractors.fields.calibration import calibrate
from extractors.fields.context import DocumentContext
from extractors.fields.readers import run_readers
from extractors.model import DocumentText, Extraction


def extract_fields(doc: DocumentText, catalog: ProgramCatalog | None = None) -> Extraction:
    """Every field of the record that the document's words state, with evidence."""
    ctx = DocumentContext(doc, catalog or default_programs())
    record = run_readers(ctx)
    if scorer.scorer_chosen() and ctx.flow.lines:
        scorer.rewrite_amounts(ctx, record)
    return calibrate(record, ctx, doc)
