"""Render a corpus folder of document specs into the dev set's format.

usage: python scripts/make_corpus.py SPECDIR OUTDIR [--text]

SPECDIR holds one YAML spec per document (page set-up, blocks, scan degradations and the
truth beside them; see scripts/corpora/), an optional ``corpus.yaml`` (the page set-up of all
its documents) and ``allocations.csv``. OUTDIR gets the documents, ``truth.json`` and
``allocations.csv`` (see ../shared/tools/score.py). ``--text`` writes scans as the text PDFs
they were made from (scanned=false): to tell OCR errors from extraction errors.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora.degrade import degrade  # noqa: E402
from corpora.devset import truth_entry, write_truth  # noqa: E402
from corpora.render import render_pdf  # noqa: E402
from corpora.spec import Document, load_corpus  # noqa: E402


def document_bytes(doc: Document, as_text: bool = False) -> tuple[str, bytes]:
    """The file name and bytes of one document."""
    pdf = render_pdf(doc.page, doc.blocks)
    if doc.scan is None or as_text:
        return str(Path(doc.file).with_suffix(".pdf")), pdf
    return doc.file, degrade(pdf, doc.scan)


def write_corpus(specs: Path, out: Path, as_text: bool = False) -> int:
    corpus = load_corpus(specs)
    out.mkdir(parents=True, exist_ok=True)
    truth = []
    for doc in corpus.documents:
        file, data = document_bytes(doc, as_text)
        (out / file).write_bytes(data)
        truth.append(truth_entry(file, scanned=doc.scanned and not as_text,
                                 received=doc.received, expect=doc.expect, flags=doc.flags))
    write_truth(out, truth)
    shutil.copyfile(corpus.allocations, out / "allocations.csv")
    return len(truth)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--text"]
    if len(args) != 2:
        sys.exit(__doc__)
    specs, out = map(Path, args)
    n = write_corpus(specs, out, as_text="--text" in sys.argv[1:])
    print(f"{n} documents in {out}")


if __name__ == "__main__":
    main()
