"""Measure field extraction over a dev set: per-field accuracy for text and scanned documents.

usage: python scripts/eval_extraction.py [CORPUS_DIR] [--only text|scanned] [--file A13.pdf]

Text PDFs are read through their text layer (extractors.reading.pdf_text.page_words); scanned ones
through Tesseract (extractors.reading.tesseract, swe+eng, 300 dpi, one thread), with OCR words cached under
/tmp so reruns are fast. With --pages, every file goes through the product's page reader
(extractors.reading.pages.DocumentReader) instead. Fields are compared the way ../shared/tools/score.py's ``compare``
does. Results go to stdout; a wrong value is printed with what was expected.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pdfplumber
import pypdfium2
from PIL import Image

from extractors.fields import extract_fields
from extractors.model import DocumentText, Extraction, PageText, Word
from extractors.reading.pdf_text import assign_lines, page_words
from extractors.reading.tesseract import tesseract_words

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "devset"
CACHE_DIR = Path("/tmp/grant-intake-eval-ocr-v2")
DPI = 300


def _ocr_page(path: Path, index: int) -> list[dict]:
    """Tesseract words of one page, rendered by pdftoppm (pdfium's render OCRs worse here)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", "-singlefile", "-f", str(index + 1),
             "-l", str(index + 1), str(path), str(out)],
            check=True,
        )
        with Image.open(out.with_suffix(".pgm")) as image:
            raw = tesseract_words(np.asarray(image.convert("L")), languages="swe+eng")
    scale = 72 / DPI
    words = []
    for r in raw:
        x, y, w, h = (v * scale for v in r.box)
        words.append({"text": r.text, "bbox": [x, y, x + w, y + h], "conf": r.confidence})
    return words


def read_scanned(path: Path) -> DocumentText:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    pdf = pypdfium2.PdfDocument(str(path))
    pages = []
    for index in range(len(pdf)):
        cache = CACHE_DIR / f"{digest}-{index + 1}.json"
        if cache.exists():
            raw = json.loads(cache.read_text(encoding="utf-8"))
        else:
            raw = _ocr_page(path, index)
            cache.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        width, height = pdf[index].get_size()
        words = assign_lines(
            Word(w["text"], index + 1, tuple(w["bbox"]), w["conf"]) for w in raw
        )
        pages.append(PageText(index + 1, width, height, words, "ocr"))
    return DocumentText(pages, "application/pdf")


def read_text(path: Path) -> DocumentText:
    with pdfplumber.open(path) as pdf:
        pages = [
            PageText(i + 1, float(p.width), float(p.height), page_words(p, i + 1), "text")
            for i, p in enumerate(pdf.pages)
        ]
    return DocumentText(pages, "application/pdf")


def read(path: Path, scanned: bool, reader=None) -> DocumentText:
    """The product's page reader when given, else the text layer or this script's OCR."""
    if reader is not None:
        return reader.read(path.read_bytes(), "application/pdf")
    return read_scanned(path) if scanned else read_text(path)


def as_record(ex: Extraction) -> dict:
    """The record keys compare() looks at, shaped like the CLI's JSON."""
    return {
        "document_type": ex.document_type,
        "program": ex.program,
        "grant_year": ex.grant_year,
        "document_date": ex.document_date.isoformat() if ex.document_date else None,
        "municipal_share_percent": ex.municipal_share_percent,
        "organisation": ex.organisation.as_record() if ex.organisation else None,
        "amounts": {k: a.value for k, a in ex.amounts.items()},
        "collaborating_municipalities": [
            {"name": m.name, "code": m.code} for m in ex.collaborating_municipalities
        ],
    }


def compare(exp: dict, got: dict) -> list[tuple[str, bool]]:
    """Same rules as score.py's compare (kept in step by hand: score.py is not a module)."""
    res = []
    for key in ("document_type", "program", "grant_year", "document_date",
                "municipal_share_percent"):
        if key in exp:
            g = got.get(key)
            if key == "municipal_share_percent" and g is not None:
                ok = float(g) == float(exp[key])
            else:
                ok = g == exp[key]
            res.append((key, ok))
    if "organisation" in exp:
        o = got.get("organisation") or {}
        res.append(("organisation", o.get("code") == exp["organisation"]["code"]
                    and o.get("kind") == exp["organisation"]["kind"]))
    for k, v in exp.get("amounts", {}).items():
        g = (got.get("amounts") or {}).get(k)
        res.append((f"amounts.{k}", g is not None and abs(float(g) - v) < 0.5))
    if "collaborating_municipalities" in exp:
        codes = sorted(m["code"] for m in got.get("collaborating_municipalities") or [])
        res.append(("collaborating_municipalities", codes == exp["collaborating_municipalities"]))
    return res


def _shown(field: str, record: dict):
    if field.startswith("amounts."):
        return record["amounts"].get(field.split(".", 1)[1])
    value = record.get(field)
    if field == "organisation" and value:
        return f"{value['code']} {value['name']}"
    if field == "collaborating_municipalities":
        return sorted(m["code"] for m in value)
    return value


def _expected(field: str, exp: dict):
    if field.startswith("amounts."):
        return exp["amounts"][field.split(".", 1)[1]]
    value = exp[field]
    return value["code"] if field == "organisation" else value


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--only", choices=["text", "scanned"])
    ap.add_argument("--file", action="append", help="only these files")
    ap.add_argument("--pages", action="store_true",
                    help="read through extractors.reading.pages.DocumentReader (no OCR cache)")
    args = ap.parse_args()
    reader = None
    if args.pages:
        from extractors.reading.pages import DocumentReader, ReadOptions

        reader = DocumentReader(ReadOptions(workers=1))
    truth = json.loads((args.corpus / "truth.json").read_text(encoding="utf-8"))
    per = {"text": [0, 0], "scanned": [0, 0]}
    per_field: dict[str, list[int]] = {}
    slowest = 0.0
    extract_fields(read_text(args.corpus / truth[0]["file"]))  # build the pipeline first
    for d in truth:
        kind = "scanned" if d["scanned"] else "text"
        if args.only and kind != args.only or args.file and d["file"] not in args.file:
            continue
        doc = read(args.corpus / d["file"], d["scanned"], reader)
        t0 = time.perf_counter()
        got = as_record(extract_fields(doc))
        slowest = max(slowest, (time.perf_counter() - t0) / max(1, len(doc.pages)))
        for field, ok in compare(d["expect"], got):
            per[kind][0] += ok
            per[kind][1] += 1
            stats = per_field.setdefault(field, [0, 0])
            stats[0] += ok
            stats[1] += 1
            if not ok:
                print(f"WRONG {d['file']} {kind} {field}: got {_shown(field, got)!r} "
                      f"expected {_expected(field, d['expect'])!r}")
    for field, (ok, n) in sorted(per_field.items()):
        print(f"{field:32} {ok}/{n}")
    for kind, (ok, n) in per.items():
        if n:
            print(f"{kind:8} fields {ok}/{n} = {ok / n:.3f}")
    print(f"slowest extraction {slowest * 1000:.1f} ms/page")
    if reader is not None:
        reader.close()


if __name__ == "__main__":
    main()
