"""Train the calibration model (extractors.fields.calibration) on labelled sets and choose the
review threshold.

usage: python scripts/train_calibration.py CORPUS_DIR [...] [--write] [--holdout CORPUS_DIR ...]
       [--target 0.99]

Every field the truth names and the record carries is a sample: its evidence's features and
whether the value is right (compared as ../shared/tools/score.py does). The model is an
L2-regularised logistic regression fitted by Newton's method in numpy; a confidence feature
whose coefficient comes out negative is held at zero and the rest refitted, so the
probability is monotone in the raw confidence. The threshold is chosen on out-of-fold
probabilities (each training corpus predicted by a model trained without it): the lowest
threshold at which the values on documents not sent to review are right at least ``--target``
of the time, so as few documents as possible go to review. With --write the model and
threshold go to config/calibration.json; with --holdout each held-out corpus is reported by a
model trained on the others (leave-one-out: a corpus named both ways is left out of its own
training).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calibration_data import labelled  # noqa: E402
from eval_extraction import as_record, compare  # noqa: E402

from config.programs import default_programs  # noqa: E402
from extractors.fields.calibration import MODEL_FILE, MONOTONE, Model, features  # noqa: E402
from extractors.fields.context import DocumentContext  # noqa: E402
from extractors.fields.readers import run_readers  # noqa: E402
from extractors.model import Evidence, Extraction  # noqa: E402
from validators.model import Context  # noqa: E402
from validators.rules.completeness import low_confidence  # noqa: E402

L2 = 100.0
PRIOR = {"logit_raw": (1.0, 20.0)}
"""Prior mean and strength per coefficient (others: mean 0, strength L2): the hand-made
confidence's log-odds is taken at its word unless the data says otherwise. The labelled sets
hold few wrong values, too few to learn from alone how little a low raw confidence is worth."""
MIN_SUPPORT = 5
"""A one-hot feature (a field, a source) seen fewer times than this in training is dropped."""
MIN_GROUPS = 3
"""Out-of-fold probabilities come from leaving out one corpus at a time, or with fewer
corpora than this, one of this many slices of the documents."""
REVIEW_BUDGET = 0.15
"""The most documents the threshold may send to review over the training sets (issue 10)."""
BUCKETS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 1.0)


@dataclass
class Document:
    corpus: str
    file: str
    record: Extraction
    evidence: list[tuple[Evidence, dict[str, float]]]
    outcomes: list[tuple[str, bool]]
    """Every field the truth names: right or not (a missing value is not right)."""


def load(corpus: Path) -> list[Document]:
    """The raw (uncalibrated) extraction of every document of a corpus, with its features."""
    catalog = default_programs()
    docs = []
    for item in labelled(corpus):
        ctx = DocumentContext(item.text, catalog)
        record = run_readers(ctx)
        docs.append(Document(str(corpus), item.file, record, features(record, ctx, item.text),
                             compare(item.expect, as_record(record))))
    return docs


def samples(docs: list[Document]) -> tuple[list[dict[str, float]], list[bool]]:
    """Per field the record carries and the truth names: the features of its weakest
    evidence, and whether the value is right."""
    xs, ys = [], []
    for d in docs:
        for field, ok in d.outcomes:
            evidence = [(e, f) for e, f in d.evidence if e.field == field]
            if not evidence:
                continue
            _, f = min(evidence, key=lambda ef: ef[1]["raw"])
            xs.append(f)
            ys.append(ok)
    return xs, ys


def fit(xs: list[dict[str, float]], ys: list[bool], l2: float = L2) -> dict[str, float]:
    """Logistic regression by Newton's method with an L2 penalty towards the prior (none on
    the bias); monotone features with a negative coefficient are held at zero."""
    support: dict[str, int] = {}
    for f in xs:
        for name, value in f.items():
            if value:
                support[name] = support.get(name, 0) + 1
    names = sorted(n for n, c in support.items()
                   if c >= MIN_SUPPORT or "=" not in n)
    y = np.array(ys, dtype=float)
    fixed: set[str] = set()
    while True:
        active = [n for n in names if n not in fixed]
        x = np.array([[f.get(n, 0.0) for n in active] for f in xs])
        strength = np.array([0.0 if n == "bias" else PRIOR.get(n, (0.0, l2))[1] for n in active])
        mean = np.array([PRIOR.get(n, (0.0, l2))[0] for n in active])
        w = _newton(x, y, strength, mean)
        negative = [n for n, v in zip(active, w) if n in MONOTONE and v < 0]
        if not negative:
            return {n: round(float(v), 4) for n, v in zip(active, w)}
        fixed.update(negative)


def _newton(x: np.ndarray, y: np.ndarray, penalty: np.ndarray, mean: np.ndarray,
            steps: int = 50) -> np.ndarray:
    w = mean.copy()
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * (w - mean)
        hess = (x.T * (p * (1 - p))) @ x + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w


def calibrated(doc: Document, model: Model) -> Extraction:
    return replace(doc.record, evidence=[
        replace(e, confidence=round(model.probability(f), 3), raw_confidence=e.confidence)
        for e, f in doc.evidence])


def review_score(record: Extraction, ctx: Context) -> float:
    """The lowest confidence among the fields the LOW_CONFIDENCE rule checks (1.0: none)."""
    flags = low_confidence(record, replace(ctx, confidence_threshold=2.0))
    return min(flags[0].details["confidence"].values()) if flags else 1.0


@dataclass
class Outcome:
    score: float
    """The document's review score: it goes to review under a threshold above this."""
    values: list[tuple[float, bool]]
    """Every value it carries that the truth names: its probability and whether right."""
    missing: int
    """Fields the truth names that it does not carry."""


def outcomes(docs: list[Document], model: Model | None) -> list[Outcome]:
    ctx = Context(programs=default_programs())
    out = []
    for d in docs:
        record = calibrated(d, model) if model else d.record
        values = [(record.confidence(f), ok) for f, ok in d.outcomes if record.confidence(f) is not None]
        missing = sum(1 for f, _ in d.outcomes if record.confidence(f) is None)
        out.append(Outcome(review_score(record, ctx), values, missing))
    return out


def at_threshold(results: list[Outcome], threshold: float) -> tuple[float, float, float, int]:
    """Share of documents to review; share right of the values on the others; the same
    counting a missing field as wrong (score.py's measure); values unreviewed."""
    kept = [r for r in results if r.score >= threshold]
    values = [ok for r in kept for _, ok in r.values]
    fields = len(values) + sum(r.missing for r in kept)
    right = sum(values)
    return (1 - len(kept) / len(results), right / len(values) if values else 1.0,
            right / fields if fields else 1.0, len(values))


def choose_threshold(results: list[Outcome] | list[list[Outcome]], target: float,
                     budget: float = REVIEW_BUDGET) -> float:
    """The lowest threshold at which the unreviewed values are right at least ``target`` of
    the time in every group of results (a corpus each) — pooled, the many documents of the
    sets the extractor was tuned on would hide a set it reads worse. A group that cannot
    reach the target while at most ``budget`` of all documents go to review: the threshold
    within the budget with the least shortfall from the target, summed over the groups."""
    groups = [g for g in (results if results and isinstance(results[0], list) else [results])
              if g]
    pooled = [r for g in groups for r in g]
    candidates = [0.0, *(round(t + 0.0005, 4) for t in sorted({r.score for r in pooled}))]
    within = [t for t in candidates if at_threshold(pooled, t)[0] <= budget] or [0.0]
    def shortfall(t: float) -> float:
        return sum(max(0.0, target - at_threshold(g, t)[1]) for g in groups)

    least = min(shortfall(t) for t in within)
    return next(t for t in within if shortfall(t) <= least + 1e-9)


def reliability(results: list[Outcome]) -> list[tuple[str, int, float]]:
    rows = []
    values = [v for r in results for v in r.values]
    for lower, upper in zip(BUCKETS, (*BUCKETS[1:], 1.01)):
        inside = [ok for p, ok in values if lower <= p < upper]
        if inside:
            name = f"{lower:.2f}–{min(upper, 1.0):.2f}" if upper <= 1 else "1.00"
            rows.append((name, len(inside), sum(inside) / len(inside)))
    return rows


def print_wrong(docs: list[Document], model: Model | None) -> None:
    """Every wrong value with its probability, source and raw confidence."""
    for d in docs:
        record = calibrated(d, model) if model else d.record
        for field, ok in d.outcomes:
            evidence = [e for e in record.evidence if e.field == field]
            if evidence and not ok:
                e = min(evidence, key=lambda e: e.confidence)
                print(f"  wrong {Path(d.corpus).name}/{d.file} {field}: p={e.confidence} "
                      f"raw={e.raw_confidence} source={e.source!r} text={e.text!r}")


def print_report(name: str, results: list[Outcome], threshold: float) -> None:
    review, right, fields, n = at_threshold(results, threshold)
    print(f"{name}: {len(results)} documents, threshold {threshold}: review {review:.2f}, "
          f"unreviewed values right {right:.3f} ({n}), unreviewed fields right {fields:.3f}")
    print("| probability | values | share right |")
    print("|---|---|---|")
    for bucket, count, share in reliability(results):
        print(f"| {bucket} | {count} | {share:.3f} |")


def train(groups: dict[str, list[Document]], target: float) -> Model:
    """The model on every group, with the threshold from out-of-fold probabilities."""
    everything = [d for docs in groups.values() for d in docs]
    if len(groups) < MIN_GROUPS:
        groups = {str(k): everything[k::MIN_GROUPS] for k in range(MIN_GROUPS)}
    folds: list[list[Outcome]] = []
    for name, docs in groups.items():
        rest = [d for n, ds in groups.items() if n != name for d in ds]
        model = Model(fit(*samples(rest)), 0.0)
        folds.append(outcomes(docs, model))
    threshold = choose_threshold(folds, target)
    return Model(fit(*samples(everything)), threshold)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpora", nargs="+", type=Path)
    ap.add_argument("--holdout", nargs="*", type=Path, default=[])
    ap.add_argument("--target", type=float, default=0.99)
    ap.add_argument("--raw-threshold", type=float, default=0.6,
                    help="the threshold on the raw confidence, for the figures before")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--wrong", action="store_true", help="list the held-out wrong values")
    args = ap.parse_args()
    groups = {str(c): load(c) for c in dict.fromkeys([*args.corpora, *args.holdout])}
    for held in args.holdout:
        rest = {n: ds for n, ds in groups.items() if n != str(held)}
        model = train(rest, args.target)
        print_report(f"{held} before (raw, {args.raw_threshold})",
                     outcomes(groups[str(held)], None), args.raw_threshold)
        print_report(f"{held} after (calibrated)", outcomes(groups[str(held)], model),
                     model.threshold)
        if args.wrong:
            print_wrong(groups[str(held)], model)
        print()
    if args.write:
        training = {n: ds for n, ds in groups.items() if Path(n) in args.corpora}
        model = train(training, args.target)
        MODEL_FILE.write_text(json.dumps(
            {"threshold": model.threshold, "target": args.target,
             "trained_on": sorted(Path(n).name for n in training),
             "coefficients": dict(sorted(model.coefficients.items()))},
            indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE}: threshold {model.threshold}")


if __name__ == "__main__":
    main()
