"""The blind first passes: each blind corpus as the product read it before anyone had looked
at it, measured with the shipped calibration model — the honest estimate of how often a value
that goes out without review is right on a document nobody here has seen.

usage: python scripts/first_passes.py BLIND_DIR [--threshold T] [--wrong] [--only c17 c18 …]

scripts/blind/first_passes.toml names, per blind corpus, the commit whose product first read
it. Each commit is checked out in a temporary git worktree, and its own
scripts/train_calibration.load reads the corpus (BLIND_DIR/cN, made by scripts/blind/genCN.py);
the documents come back pickled (cached under /tmp) and are scored here by the shipped model
at its threshold (or --threshold): per corpus and pooled, the share of documents sent to
review and the share right of the values on the others. The calibration features have not
changed since the commits listed, so each computes them as the shipped model expects.
"""
from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_calibration import Document, at_threshold, outcomes, print_wrong  # noqa: E402

from extractors.fields.calibration import shipped_model  # noqa: E402

COMMITS = ROOT / "scripts" / "blind" / "first_passes.toml"
CACHE_DIR = Path("/tmp/first-passes")
LOAD = """
import pickle, sys
from pathlib import Path
sys.path[:0] = [{root!r}, {root!r} + "/scripts"]
from train_calibration import load
Path({out!r}).write_bytes(pickle.dumps(load(Path({corpus!r}))))
"""


def first_pass(corpus: Path, commit: str) -> list[Document]:
    """The corpus's documents as read by the product at ``commit``."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    out = CACHE_DIR / f"{corpus.name}-{commit}.pkl"
    if not out.exists():
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "tree"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree),
                            commit], check=True, capture_output=True)
            try:
                subprocess.run([sys.executable, "-c", LOAD.format(
                    root=str(tree), out=str(out), corpus=str(corpus.resolve()))],
                    cwd=tree, check=True)
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(tree)], check=True, capture_output=True)
    return pickle.loads(out.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("blind", type=Path, help="the folder holding c6, c7, … (genCN.py)")
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--wrong", action="store_true", help="list the wrong values")
    parser.add_argument("--only", nargs="+", metavar="CORPUS", help="these corpora only (c17 …)")
    args = parser.parse_args()
    model = shipped_model()
    if model is None:
        sys.exit("no calibration model shipped (config/calibration.json)")
    threshold = args.threshold if args.threshold is not None else model.threshold
    pooled = []
    print("| corpus | commit | review | unreviewed values right | values |")
    print("|---|---|---|---|---|")
    for name, commit in tomllib.loads(COMMITS.read_text(encoding="utf-8")).items():
        if args.only and name not in args.only:
            continue
        docs = first_pass(args.blind / name, commit)
        results = outcomes(docs, model)
        pooled += results
        review, right, _, n = at_threshold(results, threshold)
        print(f"| {name} | {commit} | {review:.0%} | {right:.3f} | {n} |")
        if args.wrong:
            print_wrong(docs, model)
    review, right, _, n = at_threshold(pooled, threshold)
    print(f"| pooled | | {review:.0%} | {right:.4f} | {n} |")


if __name__ == "__main__":
    main()
