"""The amount scorer: a logistic model over the candidates of extractors.fields.candidates.

Each candidate is scored for each amount field its document's type states; a field takes its
best candidate when that one's probability reaches the model's presence threshold, and a
mention serves one field only (the surest first). The probability is the value's evidence
certainty, so the review threshold reads it directly; a logistic model's probabilities are
calibrated on its training data by construction (scripts/train_scorer.py prints the
reliability table).

The model is a JSON file of coefficients shipped in the repository (scorer_model.json beside
this module, written by scripts/train_scorer.py); scoring is one numpy dot product, nothing is
downloaded. The scorer runs instead of the rules' amounts only when chosen: the environment
variable ``GRANT_INTAKE_AMOUNTS=scorer`` (extractors.fields.extractor).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from extractors.fields.candidates import Candidate, candidates
from extractors.fields.context import DocumentContext, Reading
from extractors.model import Extraction

MODEL_FILE = Path(__file__).with_name("scorer_model.json")
MODE_VARIABLE = "GRANT_INTAKE_AMOUNTS"


def scorer_chosen() -> bool:
    """Whether the amounts come from the scorer rather than the rules."""
    return os.environ.get(MODE_VARIABLE, "rules").strip().lower() == "scorer"


def expand(field: str, features: dict[str, float]) -> dict[str, float]:
    """The features as the model sees them: each shared, and a copy for the field alone, so
    fields share what labels and cues mean and still weigh them each their own way."""
    out = {"bias": 1.0, f"{field}:bias": 1.0}
    for name, value in features.items():
        if value:
            out[name] = value
            out[f"{field}:{name}"] = value
    return out


@dataclass(frozen=True)
class Model:
    names: tuple[str, ...]
    weights: np.ndarray
    presence: float
    """The least probability at which a field takes its best candidate at all."""

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        names = tuple(data["weights"])
        return cls(names, np.array([data["weights"][n] for n in names], dtype=float),
                   float(data["presence"]))

    def probabilities(self, rows: list[dict[str, float]]) -> np.ndarray:
        index = {n: i for i, n in enumerate(self.names)}
        matrix = np.zeros((len(rows), len(self.names)))
        for r, row in enumerate(rows):
            for name, value in row.items():
                i = index.get(name)
                if i is not None:
                    matrix[r, i] = value
        return 1.0 / (1.0 + np.exp(-(matrix @ self.weights)))


@cache
def load_model(path: Path = MODEL_FILE) -> Model:
    return Model.from_dict(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Choice:
    field: str
    candidate: Candidate
    probability: float


def rank(cands: list[Candidate], model: Model) -> dict[str, list[tuple[Candidate, float]]]:
    """Per field, its candidates with their probabilities, the likeliest first."""
    ranked: dict[str, list[tuple[Candidate, float]]] = {}
    pairs = [(f, c) for c in cands for f in c.features]
    if not pairs:
        return ranked
    probs = model.probabilities([expand(f, c.features[f]) for f, c in pairs])
    for (field, cand), p in zip(pairs, probs):
        ranked.setdefault(field, []).append((cand, float(p)))
    for items in ranked.values():
        items.sort(key=lambda cp: -cp[1])
    return ranked


def choose(cands: list[Candidate], model: Model) -> list[Choice]:
    """Each field's value: its likeliest candidate not yet taken by a surer field, when its
    probability reaches the presence threshold."""
    ranked = rank(cands, model)
    options = sorted(((p, f, c) for f, items in ranked.items() for c, p in items),
                     key=lambda t: -t[0])
    taken: set[tuple[int, int]] = set()
    chosen: dict[str, Choice] = {}
    for p, field, cand in options:
        if field in chosen or (cand.start, cand.end) in taken or p < model.presence:
            continue
        chosen[field] = Choice(field, cand, p)
        taken.add((cand.start, cand.end))
    return list(chosen.values())


def rewrite_amounts(ctx: DocumentContext, record: Extraction, model: Model | None = None) -> None:
    """Replace the rules' amounts in ``record`` with the scorer's, evidence included."""
    model = model or load_model()
    rules = {k: a.value for k, a in record.amounts.items()}
    cands = candidates(ctx, record.document_type, rules)
    record.amounts.clear()
    record.evidence = [e for e in record.evidence if not e.field.startswith("amounts.")]
    for choice in choose(cands, model):
        c = choice.candidate
        evidence = ctx.evidence(f"amounts.{choice.field}",
                                Reading(c.amount, c.start, c.end, choice.probability))
        record.amounts[choice.field] = c.amount
        if evidence is not None:
            record.evidence.append(evidence)
