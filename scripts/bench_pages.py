"""Page-reading throughput on a directory of documents, against the raw engines.

usage: python scripts/bench_pages.py DEVSET_DIR [--workers N] [--no-baseline]

Documents are split by whether their first page has a text layer (pdfplumber extract_text,
as ../shared/tools/perf.py does). Each group is read with one DocumentReader (pool start-up
included); prints pages/s per group, the share of worker time per stage (text layer, render,
preprocess, tesseract, recheck, checkboxes, orientation, mapping), and the same pages through
the raw engines (perf.py's baseline: pdfplumber extract_text; image_to_string swe on a 300-dpi grayscale
render; one process per core). Not a test: a measure to judge the next change by.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pdfplumber
import pypdfium2 as pdfium
import pytesseract

from extractors.reading.pages import DocumentReader, ReadOptions


def _has_text_layer(path: Path) -> bool:
    with pdfplumber.open(path) as pdf:
        return len((pdf.pages[0].extract_text() or "").strip()) > 20


def _raw_page(job: tuple[str, int]) -> str:
    path, index = job
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[index].extract_text() or ""
    if len(text.strip()) > 20:
        return "text"
    doc = pdfium.PdfDocument(path)
    image = doc[index].render(scale=300 / 72).to_pil().convert("L")
    doc.close()
    pytesseract.image_to_string(image, lang="swe")
    return "ocr"


def _baseline(paths: list[Path], workers: int) -> tuple[int, float]:
    jobs = [(str(p), i) for p in paths for i in range(len(pdfium.PdfDocument(p)))]
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_raw_page, jobs))
    return len(jobs), time.perf_counter() - started


def _ours(paths: list[Path], options: ReadOptions) -> tuple[int, float, dict[str, float], dict]:
    started = time.perf_counter()
    sources: dict[str, int] = {}
    with DocumentReader(options) as reader:
        items = ((p.name, p.read_bytes(), None) for p in paths)
        for _, doc in reader.read_many(items):
            for page in doc.pages:
                sources[page.source] = sources.get(page.source, 0) + 1
        stages = dict(reader.stage_seconds)
    return sum(sources.values()), time.perf_counter() - started, stages, sources


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("devset", type=Path)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    paths = sorted(args.devset.glob("*.pdf"))
    groups = {"text": [p for p in paths if _has_text_layer(p)]}
    groups["ocr"] = [p for p in paths if p not in groups["text"]]
    options = ReadOptions(workers=args.workers)
    total_ours = total_base = 0.0
    for name, group in groups.items():
        if not group:
            continue
        pages, wall, stages, sources = _ours(group, options)
        total_ours += wall
        busy = sum(stages.values()) or 1.0
        shares = "  ".join(f"{k} {v / busy:.0%}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]))
        print(f"{name} pages: {pages} in {wall:.1f}s = {pages / wall:.2f} pages/s "
              f"(sources {sources}); worker time {busy:.1f}s: {shares}")
        if not args.no_baseline:
            base_pages, base_wall = _baseline(group, args.workers)
            total_base += base_wall
            print(f"{name} raw engines: {base_pages} in {base_wall:.1f}s = "
                  f"{base_pages / base_wall:.2f} pages/s; ratio {wall / base_wall:.2f}")
    if total_base:
        print(f"SUMMARY pages ratio={total_ours / total_base:.2f} ours={total_ours:.1f}s "
              f"raw={total_base:.1f}s")


if __name__ == "__main__":
    main()
