"""How far the extractor's confidence can be trusted: a reliability table over labelled sets.

usage: python scripts/calibration.py CORPUS_DIR [CORPUS_DIR ...] [--raw]

Every field the truth names is compared the way ../shared/tools/score.py does
(scripts/eval_extraction.compare) and filed under the confidence its evidence carries.
Prints, per confidence bucket, how many values and the share right; then the share right of
values at or above the review threshold, and of every value on documents that go out without
review (no LOW_CONFIDENCE), which must be right 99 % of the time. Pages are read by the
product's reader (extractors.reading.pages); with --raw, by plain Tesseract, cached under /tmp.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_extraction import as_record, compare, read  # noqa: E402

from config.programs import default_programs  # noqa: E402
from extractors.fields import extract_fields  # noqa: E402
from extractors.reading.pages import DocumentReader, ReadOptions  # noqa: E402
from validators.model import Context  # noqa: E402
from validators.rules.completeness import low_confidence  # noqa: E402

BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
"""Lower bounds of the confidence buckets; the last holds exactly 1.0."""


def bucket(confidence: float | None) -> str:
    if confidence is None:
        return "no evidence"
    lower = max(b for b in BUCKETS if confidence >= b)
    if lower == 1.0:
        return "1.00"
    upper = BUCKETS[BUCKETS.index(lower) + 1]
    return f"{lower:.2f}–{upper:.2f}"


def measure(corpora: list[Path], reader) -> tuple[dict[str, list[bool]], list[bool], list[bool]]:
    """Per bucket the outcomes; outcomes at or above the threshold; outcomes on documents
    sent out without review."""
    ctx = Context(programs=default_programs())
    by_bucket: dict[str, list[bool]] = {}
    sure: list[bool] = []
    unreviewed: list[bool] = []
    for corpus in corpora:
        for d in json.loads((corpus / "truth.json").read_text(encoding="utf-8")):
            ex = extract_fields(read(corpus / d["file"], d.get("scanned", False), reader))
            reviewed = bool(low_confidence(ex, ctx))
            for field, ok in compare(d["expect"], as_record(ex)):
                confidence = ex.confidence(field)
                by_bucket.setdefault(bucket(confidence), []).append(ok)
                if confidence is not None and confidence >= ctx.confidence_threshold:
                    sure.append(ok)
                if not reviewed:
                    unreviewed.append(ok)
    return by_bucket, sure, unreviewed


def share(outcomes: list[bool]) -> str:
    return f"{sum(outcomes) / len(outcomes):.3f}" if outcomes else "–"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--raw", action="store_true", help="plain Tesseract, cached")
    args = parser.parse_args()
    if args.raw:
        by_bucket, sure, unreviewed = measure(args.corpora, None)
    else:
        with DocumentReader(ReadOptions(page_seconds=300)) as reader:
            by_bucket, sure, unreviewed = measure(args.corpora, reader)
    order = ["no evidence", *(bucket(b) for b in BUCKETS)]
    print("| confidence | values | share right |")
    print("|---|---|---|")
    for name in order:
        if name in by_bucket:
            print(f"| {name} | {len(by_bucket[name])} | {share(by_bucket[name])} |")
    print(f"values at or above the review threshold: {len(sure)}, right {share(sure)}")
    print(f"values on documents not sent to review: {len(unreviewed)}, right {share(unreviewed)}")


if __name__ == "__main__":
    main()
