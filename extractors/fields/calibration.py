"""Calibrated confidence: the probability that a field's value is right, from its evidence.

The readers' confidence is hand-made (a reading's certainty times its words' OCR confidence)
and does not know how often it is wrong. A logistic model over features of the evidence —
which reader read the value, its certainty, its words' OCR confidence, whether its page was
OCR'd and how clean the text is, whether the report's arithmetic corroborates it, whether
another candidate for the same field says something else, how sure the document's type is —
turns it into P(value right). The model is trained by scripts/train_calibration.py on
labelled sets and shipped as coefficients in config/calibration.json; applying it needs only
the standard library. Coefficients of the confidence features are kept non-negative by the
training, so the probability never falls as the raw confidence rises.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import cache

from config.calibration import CALIBRATION_FILE
from extractors.fields.context import DocumentContext
from extractors.model import DocumentText, Evidence, Extraction

MODEL_FILE = CALIBRATION_FILE
MONOTONE = ("certainty", "word_confidence", "raw", "certain", "logit_raw")
"""Features that rise with the raw confidence; their coefficients are never negative."""
ROUND = 3
LOGIT_CLIP = 0.001
"""The raw confidence enters as its log-odds, clipped: 1.0 counts as 0.999."""
SUM_TOLERANCE = 1
"""Kronor: received = used + unused holds within rounding."""


@dataclass(frozen=True)
class Model:
    coefficients: dict[str, float]
    threshold: float
    """The review threshold chosen with the model: a document whose checked field's
    probability falls under it goes to review (validators LOW_CONFIDENCE)."""

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.coefficients.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def parse_model(data: dict) -> Model:
    return Model({str(k): float(v) for k, v in data["coefficients"].items()},
                 float(data["threshold"]))


@cache
def shipped_model() -> Model | None:
    """The repository's model; None when none is shipped (confidences stay raw)."""
    if not MODEL_FILE.exists():
        return None
    return parse_model(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def evidence_features(ev: Evidence, record: Extraction, ctx: DocumentContext,
                      doc: DocumentText) -> dict[str, float]:
    """The features of one piece of evidence (all numbers; absent ones count as 0)."""
    raw = ev.raw_confidence if ev.raw_confidence is not None else ev.confidence
    page = next((p for p in doc.pages if p.number == ev.page), None)
    ocr = page is not None and page.source == "ocr"
    features = {
        "bias": 1.0,
        f"field={ev.field}": 1.0,
        f"source={ev.source}": 1.0,
        "certainty": ev.certainty,
        "word_confidence": ev.word_confidence,
        "raw": raw,
        "logit_raw": _logit(raw),
        "certain": 1.0 if raw >= 0.999 else 0.0,
        "ocr": 1.0 if ocr else 0.0,
        "damage": (1.0 - page.quality) if page is not None and ocr else 0.0,
        "type_confidence": _type_confidence(record),
    }
    if ev.field.startswith("amounts."):
        features.update(_amount_features(ev.field.split(".", 1)[1], record, ctx))
    elif ev.field == "organisation":
        features["competing"] = _other_organisations(record, ctx)
    return features


def _logit(p: float) -> float:
    p = min(max(p, LOGIT_CLIP), 1 - LOGIT_CLIP)
    return math.log(p / (1 - p))


def _type_confidence(record: Extraction) -> float:
    values = [e.raw_confidence if e.raw_confidence is not None else e.confidence
              for e in record.evidence if e.field == "document_type"]
    return min(values) if values else 0.0


def _amount_features(key: str, record: Extraction, ctx: DocumentContext) -> dict[str, float]:
    amount = record.amounts.get(key)
    if amount is None:
        return {}
    out: dict[str, float] = {}
    same = [a for a in ctx.amounts if a.amount.value == amount.value]
    out["repeated"] = 1.0 if len(same) > 1 else 0.0
    parts = [record.amounts.get(k) for k in ("received", "used", "unused")]
    if key in ("received", "used", "unused") and all(p is not None for p in parts):
        received, used, unused = (p.value for p in parts)
        holds = abs(received - used - unused) <= SUM_TOLERANCE
        out["sum_holds" if holds else "sum_fails"] = 1.0
    own = "amount" if key in ("requested", "decided") else key
    others = set()
    for label in ctx.labels_for(key, own):
        reading = ctx.amount_after(label)
        if reading is not None and reading.value != amount:
            others.add(reading.value)
    out["competing"] = float(min(len(others), 2))
    return out


def _other_organisations(record: Extraction, ctx: DocumentContext) -> float:
    """Whether an explicit mention names only organisations other than the chosen one."""
    if record.organisation is None:
        return 0.0
    code = record.organisation.code
    others = [m for m in ctx.orgs if m.explicit
              and all(c.organisation.code != code for c in m.candidates if c.explicit)]
    return 1.0 if others else 0.0


def features(record: Extraction, ctx: DocumentContext,
             doc: DocumentText) -> list[tuple[Evidence, dict[str, float]]]:
    return [(ev, evidence_features(ev, record, ctx, doc)) for ev in record.evidence]


def calibrate(record: Extraction, ctx: DocumentContext, doc: DocumentText,
              model: Model | None = None) -> Extraction:
    """The record with each evidence's confidence the model's probability that the value is
    right; the hand-made confidence kept as ``raw_confidence``."""
    model = model or shipped_model()
    if model is None:
        return record
    record.evidence = [
        replace(ev, confidence=round(model.probability(f), ROUND),
                raw_confidence=ev.raw_confidence if ev.raw_confidence is not None
                else ev.confidence)
        for ev, f in features(record, ctx, doc)
    ]
    return record
