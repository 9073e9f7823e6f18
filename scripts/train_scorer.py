"""Train the amount scorer (extractors.fields.scorer) on labelled corpora, and measure it.

usage:
  python scripts/train_scorer.py train CORPUS_DIR ... [--out extractors/fields/scorer_model.json]
  python scripts/train_scorer.py loo --blind C_DIR ... --with CORPUS_DIR ...
  python scripts/train_scorer.py eval CORPUS_DIR ... [--model PATH]

Training rows: for every document, every candidate (extractors.fields.candidates) for every
amount field its true type states; the label is whether the candidate's value equals the
true amount of that field. One L2-regularised logistic regression (numpy, Newton steps) over
the features with a shared and a per-field copy; no class weights, so the probabilities stay
calibrated. The presence threshold is the one that reads most fields right on the training
set (absent counts right where the truth has no value), the lowest of equals: a document of
a type states its fields nearly always.

``loo`` is the honest measure: for each blind corpus, train on every other corpus given
(blind ones included) and compare scorer and rules on it. Pages are read once through the
product's reader and cached (scripts/scorer_corpus.py).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from scorer_corpus import read_corpus  # noqa: E402

from config.programs import default_programs  # noqa: E402
from extractors.fields.candidates import Candidate, candidates, document_fields  # noqa: E402
from extractors.fields.context import DocumentContext, Reading  # noqa: E402
from extractors.fields.readers import run_readers  # noqa: E402
from extractors.fields.scorer import MODEL_FILE, Model, choose, expand  # noqa: E402

L2 = 1.0
PRESENCE_GRID = (0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
REVIEW_THRESHOLD = 0.6
"""settings.confidence_threshold: values under it go to review."""
BUCKETS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95)


@dataclass
class Prepared:
    """One labelled document as training and evaluation need it."""

    corpus: str
    file: str
    scanned: bool
    truth: dict[str, int]
    true_type: str
    rules_type: str
    rules: dict[str, tuple[int, float | None]]
    """The rules' amounts: field to (value, evidence confidence)."""
    train_cands: list[Candidate] = field(default_factory=list)
    """Candidates for the true type's fields (training)."""
    cands: list[Candidate] = field(default_factory=list)
    """Candidates for the fields of the type the rules read (evaluation)."""
    ocr_conf: dict[tuple[int, int], float] = field(default_factory=dict)
    """A candidate's span to the OCR confidence of its digits."""


def prepare(corpus: Path) -> list[Prepared]:
    out = []
    catalog = default_programs()
    for d in read_corpus(corpus):
        true_type = d.expect.get("document_type", "other")
        truth = {k: int(v) for k, v in d.expect.get("amounts", {}).items()}
        if d.text.error or not d.text.pages:
            out.append(Prepared(d.corpus, d.file, d.scanned, truth, true_type, "other", {}))
            continue
        ctx = DocumentContext(d.text, catalog)
        record = run_readers(ctx)
        rules = {k: (a.value, record.confidence(f"amounts.{k}")) for k, a in record.amounts.items()}
        values = {k: a.value for k, a in record.amounts.items()}
        train = candidates(ctx, true_type, values)
        cands = train if record.document_type == true_type else \
            candidates(ctx, record.document_type, values)
        conf = {}
        for c in {(c.start, c.end): c for c in train + cands}.values():
            ev = ctx.evidence("x", Reading(c.amount, c.start, c.end, 1.0))
            conf[(c.start, c.end)] = ev.confidence if ev else 1.0
        out.append(Prepared(d.corpus, d.file, d.scanned, truth, true_type, record.document_type,
                            rules, train, cands, conf))
    print(f"{corpus}: {len(out)} documents", file=sys.stderr, flush=True)
    return out


def rows(docs: list[Prepared], pure: bool) -> tuple[list[dict[str, float]], list[int]]:
    """Training rows; ``pure`` leaves out the rules' choice as a feature."""
    xs, ys = [], []
    for doc in docs:
        for c in doc.train_cands:
            for f, features in c.features.items():
                x = expand(f, features)
                xs.append({n: v for n, v in x.items() if "rules_" not in n} if pure else x)
                ys.append(int(f in doc.truth and c.amount.value == doc.truth[f]))
    return xs, ys


def fit(xs: list[dict[str, float]], ys: list[int], l2: float = L2) -> tuple[list[str], np.ndarray]:
    """L2-regularised logistic regression by Newton's method (the bias terms unpenalised)."""
    names = sorted({n for x in xs for n in x})
    index = {n: i for i, n in enumerate(names)}
    X = np.zeros((len(xs), len(names)))
    for r, x in enumerate(xs):
        for n, v in x.items():
            X[r, index[n]] = v
    y = np.array(ys, dtype=float)
    penalty = np.array([0.0 if n.endswith("bias") else l2 for n in names])
    w = np.zeros(len(names))
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        grad = X.T @ (p - y) + penalty * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-6:
            break
    return names, w


def field_outcomes(docs: list[Prepared], model: Model, train: bool = False
                   ) -> list[tuple[str, str, int | None, float | None]]:
    """(doc, field, value read, probability) for every field a document's type states."""
    out = []
    for doc in docs:
        cands = doc.train_cands if train else doc.cands
        kind = doc.true_type if train else doc.rules_type
        chosen = {c.field: c for c in choose(cands, model)}
        for f in document_fields(kind):
            c = chosen.get(f)
            out.append((doc.file, f, c.candidate.amount.value if c else None,
                        c.probability if c else None))
    return out


def train(docs: list[Prepared], l2: float = L2, pure: bool = False) -> Model:
    xs, ys = rows(docs, pure)
    names, w = fit(xs, ys, l2)
    weights = {n: float(v) for n, v in zip(names, w)}
    best = (-1, PRESENCE_GRID[0])
    for presence in PRESENCE_GRID:
        model = Model.from_dict({"weights": weights, "presence": presence})
        right = 0
        by_file = {d.file: d for d in docs}
        for file, f, value, _ in field_outcomes(docs, model, train=True):
            right += value == by_file[file].truth.get(f)
        if right > best[0]:
            best = (right, presence)
    return Model.from_dict({"weights": weights, "presence": best[1]})


def save(model: Model, path: Path, trained_on: list[str]) -> None:
    data = {
        "about": "Amount scorer coefficients (extractors/fields/scorer.py), written by "
                 "scripts/train_scorer.py",
        "trained_on": trained_on,
        "presence": model.presence,
        "weights": {n: round(float(w), 5) for n, w in zip(model.names, model.weights)
                    if abs(w) > 1e-5},
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    sure: int = 0
    sure_right: int = 0

    def add(self, ok: bool, confidence: float | None) -> None:
        self.total += 1
        self.right += ok
        if confidence is not None and confidence >= REVIEW_THRESHOLD:
            self.sure += 1
            self.sure_right += ok

    def __str__(self) -> str:
        acc = self.right / self.total if self.total else 0.0
        sure = self.sure_right / self.sure if self.sure else 0.0
        return (f"{self.right}/{self.total} = {acc:.3f}; p>={REVIEW_THRESHOLD}: "
                f"{self.sure_right}/{self.sure} = {sure:.3f}")


def measure(docs: list[Prepared], model: Model, verbose: bool = False) -> dict[str, Tally]:
    """Amount fields the truth states, right or wrong, for rules and scorer; text and scan."""
    tallies = {k: Tally() for k in ("rules", "scorer", "rules text", "scorer text",
                                    "rules scanned", "scorer scanned")}
    for doc in docs:
        chosen = {c.field: c for c in choose(doc.cands, model)}
        kind = "scanned" if doc.scanned else "text"
        for f, want in doc.truth.items():
            rv, rc = doc.rules.get(f, (None, None))
            c = chosen.get(f)
            sv = c.candidate.amount.value if c else None
            sc = c.probability * doc.ocr_conf.get((c.candidate.start, c.candidate.end), 1.0) \
                if c else None
            for who, value, conf in (("rules", rv, rc), ("scorer", sv, sc)):
                ok = value is not None and value == want
                tallies[who].add(ok, conf)
                tallies[f"{who} {kind}"].add(ok, conf)
            if verbose and sv != want:
                p = f"{c.probability:.2f}" if c else "-"
                print(f"  scorer WRONG {doc.corpus}/{doc.file} {f}: got {sv} (p={p}) "
                      f"want {want}; rules {rv}")
    return tallies


def reliability(docs: list[Prepared], model: Model) -> None:
    """Chosen values by probability bucket: how many, and the share right."""
    counts = {b: [0, 0] for b in BUCKETS}
    for doc in docs:
        for c in choose(doc.cands, model):
            if c.field not in doc.truth:
                continue
            b = max(x for x in BUCKETS if c.probability >= x)
            counts[b][0] += 1
            counts[b][1] += c.candidate.amount.value == doc.truth[c.field]
    print("  reliability: bucket  values  share right")
    for b, (n, ok) in counts.items():
        if n:
            print(f"    p>={b:<5} {n:5d}  {ok / n:.3f}")


def load(paths: list[Path]) -> dict[str, list[Prepared]]:
    return {str(p): prepare(p) for p in paths}


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("corpora", nargs="+", type=Path)
    t.add_argument("--out", type=Path, default=MODEL_FILE)
    t.add_argument("--l2", type=float, default=L2)
    t.add_argument("--pure", action="store_true", help="without the rules' choice as a feature")
    lo = sub.add_parser("loo")
    lo.add_argument("--blind", nargs="+", type=Path, required=True)
    lo.add_argument("--with", dest="others", nargs="*", type=Path, default=[])
    lo.add_argument("--l2", type=float, default=L2)
    lo.add_argument("--pure", action="store_true", help="without the rules' choice as a feature")
    lo.add_argument("-v", action="store_true")
    e = sub.add_parser("eval")
    e.add_argument("corpora", nargs="+", type=Path)
    e.add_argument("--model", type=Path, default=MODEL_FILE)
    e.add_argument("-v", action="store_true")
    args = ap.parse_args()
    if args.command == "train":
        docs = [d for ds in load(args.corpora).values() for d in ds]
        model = train(docs, args.l2, args.pure)
        save(model, args.out, [p.name for p in args.corpora])
        print(f"trained on {len(docs)} documents, presence {model.presence}: {args.out}")
        reliability(docs, model)
    elif args.command == "loo":
        sets = load(args.blind + args.others)
        for blind in args.blind:
            rest = [d for k, ds in sets.items() if k != str(blind) for d in ds]
            model = train(rest, args.l2, args.pure)
            print(f"{blind.name}: trained on {len(rest)} documents, presence {model.presence}")
            for who, tally in measure(sets[str(blind)], model, args.v).items():
                print(f"  {who:15} {tally}")
            reliability(sets[str(blind)], model)
    else:
        model = Model.from_dict(json.loads(args.model.read_text(encoding="utf-8")))
        for path, docs in load(args.corpora).items():
            print(path)
            for who, tally in measure(docs, model, args.v).items():
                print(f"  {who:15} {tally}")
            reliability(docs, model)


if __name__ == "__main__":
    main()
