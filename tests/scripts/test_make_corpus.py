"""Corpus specs rendered by make_corpus.py: the truth goes out as written beside the blocks,
the text as the blocks say, scans as images; specs a person got wrong are refused by name."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pdfplumber
import pytest
from corpora.render import page_setup, render_pdf
from corpora.spec import SpecError, load_corpus, load_yaml
from make_corpus import write_corpus

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
SAMPLE = {"variants1": ["V03", "V18"], "variants2": ["V31", "V34"], "variants3": ["W17"]}
"""Two-column marks, rows, pairs, fields, rules, a cost table; V34 is ``like: V31.yaml``."""


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def copy_specs(tmp_path: Path, corpus: str, names: list[str]) -> Path:
    folder = tmp_path / corpus
    folder.mkdir()
    for name in [*names, "corpus.yaml", "allocations.csv"]:
        source = CORPORA / corpus / (name if "." in name else f"{name}.yaml")
        if source.exists():
            shutil.copy(source, folder)
    return folder


@pytest.mark.parametrize("corpus", sorted(SAMPLE))
def test_truth_and_allocations_go_out_as_the_specs_hold_them(tmp_path: Path, corpus: str) -> None:
    specs = copy_specs(tmp_path, corpus, SAMPLE[corpus])
    out = tmp_path / "out"
    write_corpus(specs, out, as_text=True)

    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    for entry, name in zip(truth, SAMPLE[corpus], strict=True):
        spec = load_yaml(specs / f"{name}.yaml")
        assert entry == {"file": spec["file"], "scanned": False, "received": spec["received"],
                         "expect": spec["expect"], "flags": spec.get("flags", [])}
    assert (out / "allocations.csv").read_bytes() == (specs / "allocations.csv").read_bytes()


def test_each_block_reads_back_as_its_text(tmp_path: Path) -> None:
    specs = copy_specs(tmp_path, "variants1", ["V03", "V18"])
    write_corpus(specs, tmp_path / "out")
    two_columns = page_texts(tmp_path / "out" / "V03.pdf")[0].splitlines()
    assert "Västra Götalandsregionen Till" in two_columns  # mark/back: the right column beside
    assert "Rekvirerat belopp Andel: 35 %" in two_columns
    rows = page_texts(tmp_path / "out" / "V18.pdf")
    assert rows == [""]  # V18 is a flatbed scan: an image and no text layer
    write_corpus(specs, tmp_path / "text", as_text=True)
    assert "Mottaget bidrag 1 100 000 kr" in page_texts(tmp_path / "text" / "V18.pdf")[0]


def test_a_like_spec_is_the_other_documents_blocks_with_its_own_truth(tmp_path: Path) -> None:
    specs = copy_specs(tmp_path, "variants2", ["V31", "V34"])
    write_corpus(specs, tmp_path / "out")
    assert page_texts(tmp_path / "out" / "V34.pdf") == page_texts(tmp_path / "out" / "V31.pdf")
    flags = {d.file: d.flags for d in load_corpus(specs).documents}
    assert flags == {"V31.pdf": [], "V34.pdf": ["DUPLICATE_DOCUMENT"]}


def test_a_long_document_runs_onto_a_second_page_when_the_set_up_has_a_bottom() -> None:
    page = page_setup({"top": 40, "bottom": 60})
    pdf = render_pdf(page, [{"line": f"Rad {i}"} for i in range(60)])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 2


SPEC = """\
file: X01.pdf
received: '2024-03-15'
expect:
  document_type: requisition
  organisation: {kind: region, code: %s}
blocks:
- {line: Region Gotland}
"""


@pytest.mark.parametrize("code", ["1280", "0127"])
def test_a_code_written_as_a_bare_number_is_refused(tmp_path: Path, code: str) -> None:
    """YAML reads 1280 as a number and 0127 (Botkyrka) as the octal number 87."""
    (tmp_path / "X01.yaml").write_text(SPEC % code, encoding="utf-8")
    with pytest.raises(SpecError, match="expect.organisation.code must be quoted text"):
        load_corpus(tmp_path)


def test_an_unquoted_date_stays_the_text_the_truth_holds(tmp_path: Path) -> None:
    (tmp_path / "X01.yaml").write_text(SPEC.replace("'2024-03-15'", "2024-03-15") % "'09'",
                                       encoding="utf-8")
    assert load_corpus(tmp_path).documents[0].received == "2024-03-15"


def test_a_misspelt_key_or_block_is_refused(tmp_path: Path) -> None:
    (tmp_path / "X01.yaml").write_text(SPEC % "'09'" + "flag: [LATE_REQUISITION]\n",
                                       encoding="utf-8")
    with pytest.raises(SpecError, match="unknown keys \\['flag'\\]"):
        load_corpus(tmp_path)
    with pytest.raises(ValueError, match="unknown block: 'lien'"):
        render_pdf(page_setup(), [{"lien": "Region Gotland"}])
    with pytest.raises(ValueError, match="unexpected keyword argument 'bould'"):
        render_pdf(page_setup(), [{"line": "Region Gotland", "bould": True}])
