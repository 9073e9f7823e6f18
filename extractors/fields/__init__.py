"""Text → fields: a document's words to the fields of its record, each with evidence.

Never imports ``extractors.reading``; both stages meet only in ``extractors.model``.
"""
from extractors.fields.extractor import extract_fields

__all__ = ["extract_fields"]
