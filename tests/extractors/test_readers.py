"""The field stage's shape: declared readers in an order that gives each what it needs, a
draft that refuses undeclared writes, and two stages that never import each other."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from extractors.fields.context import DocumentContext, Reading
from extractors.fields.readers import READERS, Draft, Reader, run_readers
from config.programs import default_programs
from tests.extractors.test_fields import text_doc

EXTRACTORS = Path(__file__).resolve().parents[2] / "extractors"


@pytest.mark.parametrize("index", range(len(READERS)), ids=[r.name for r in READERS])
def test_a_reader_needs_only_what_readers_before_it_write(index):
    written = {w for r in READERS[:index + 1] for w in r.writes}
    assert set(READERS[index].needs) <= written


def test_a_reader_may_not_write_what_it_does_not_declare():
    ctx = DocumentContext(text_doc("Rekvisition\nRegion Gotland\n"), default_programs())

    def rogue(ctx: DocumentContext, out: Draft) -> None:
        out.write("grant_year", Reading(2024, 0, 5, 1.0))

    with pytest.raises(ValueError, match="grant_year"):
        run_readers(ctx, (Reader("rogue", rogue, ("organisation",)),))


def test_readers_that_do_not_apply_do_not_run():
    ctx = DocumentContext(text_doc(
        "Rekvisition – utökade hembesöksprogram 2024\nRegion Gotland\n"
        "Regionen har tagit emot 834 000 kronor.\n"), default_programs())
    record = run_readers(ctx)
    assert record.document_type == "requisition"
    assert "received" not in record.amounts


@pytest.mark.parametrize(("stage", "other"), [("reading", "fields"), ("fields", "reading")])
def test_the_two_stages_never_import_each_other(stage, other):
    for path in (EXTRACTORS / stage).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(f"extractors.{other}"), path
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith(f"extractors.{other}") for a in node.names), path
