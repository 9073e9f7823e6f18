"""How far the extractor's confidence can be trusted: a reliability table over labelled sets.

usage: python scripts/calibration.py CORPUS_DIR [CORPUS_DIR ...] [--raw]

Every field the truth names is compared the way ../shared/tools/score.py does
(scripts/eval_extraction.compare) and filed under the calibrated probability its evidence
carries (extractors.fields.calibration, the shipped model). Prints, per probability bucket,
how many values and the share right; then the share of documents sent to review
(LOW_CONFIDENCE at the model's threshold) and the share right of the values on the others,
which must be right 99 % of the time. With --raw, the hand-made confidence before calibration
at the threshold given by --threshold. Pages are read by the product's reader
(extractors.reading.pages), cached under /tmp (scripts/calibration_data.py).
A corpus the shipped model was trained on reads better than an unseen one: measure unseen
corpora with scripts/train_calibration.py --holdout.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_calibration import load, outcomes, print_report  # noqa: E402

from extractors.fields.calibration import shipped_model  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--raw", action="store_true", help="the confidence before calibration")
    parser.add_argument("--threshold", type=float, default=0.6,
                        help="review threshold for --raw")
    args = parser.parse_args()
    model = None if args.raw else shipped_model()
    if model is None and not args.raw:
        sys.exit("no calibration model shipped (config/calibration.json)")
    threshold = args.threshold if model is None else model.threshold
    docs = [d for corpus in args.corpora for d in load(corpus)]
    name = " + ".join(c.name for c in args.corpora)
    print_report(f"{name} ({'raw' if model is None else 'calibrated'})",
                 outcomes(docs, model), threshold)


if __name__ == "__main__":
    main()
