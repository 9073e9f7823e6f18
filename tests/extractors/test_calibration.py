"""The calibration stage: the shipped model loads, its probability rises with the raw
confidence, and the features come from what the record and the document carry."""
from __future__ import annotations

import pytest

from config.programs import default_programs
from extractors.fields import extract_fields
from extractors.fields.calibration import (
    MONOTONE,
    Model,
    calibrate,
    features,
    parse_model,
    shipped_model,
)
from extractors.fields.context import DocumentContext
from extractors.fields.readers import run_readers
from tests.extractors.test_fields import text_doc

REPORT = """
Region Norrbotten
Luleå den 28 januari 2025
Återrapportering av statsbidrag för utökade hembesöksprogram 2024
Region Norrbotten har erhållit 5 035 000 kronor i statsbidrag för utökade hembesöksprogram.
Av dessa har 4 800 000 kronor förbrukats under året. Ej förbrukade medel, 235 000 kronor,
återbetalas till Socialstyrelsen.
"""
REPORT_NOT_ADDING_UP = REPORT.replace("235 000", "135 000")


def raw_features(text: str, source: str = "text", confidence: float = 1.0):
    doc = text_doc(text, source, confidence)
    ctx = DocumentContext(doc, default_programs())
    record = run_readers(ctx)
    return {ev.field: (ev, f) for ev, f in features(record, ctx, doc)}


def test_the_shipped_model_loads_with_a_threshold_and_monotone_coefficients() -> None:
    model = shipped_model()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert "bias" in model.coefficients
    assert all(model.coefficients.get(name, 0.0) >= 0.0 for name in MONOTONE)


@pytest.mark.parametrize("field", ["amounts.requested", "amounts.received", "organisation",
                                   "grant_year", "document_type"])
def test_the_probability_rises_with_the_raw_confidence(field: str) -> None:
    model = shipped_model()
    assert model is not None
    base = {"bias": 1.0, f"field={field}": 1.0, "ocr": 1.0}
    probabilities = [
        model.probability({**base, "certainty": c, "word_confidence": w, "raw": c * w,
                           "certain": float(c * w >= 0.999)})
        for c, w in [(0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.85, 0.9), (0.95, 0.97), (1.0, 1.0)]
    ]
    assert probabilities == sorted(probabilities)


def test_features_name_the_reader_and_the_confidence_parts() -> None:
    found = raw_features(REPORT, source="ocr", confidence=0.9)
    ev, f = found["amounts.received"]
    assert ev.source == "report amounts in prose"
    assert f["source=report amounts in prose"] == 1.0
    assert f["field=amounts.received"] == 1.0
    assert f["word_confidence"] == pytest.approx(0.9)
    assert f["raw"] == pytest.approx(ev.certainty * 0.9)
    assert f["ocr"] == 1.0
    assert f["type_confidence"] > 0.0


def test_the_report_arithmetic_corroborates_or_contradicts_its_amounts() -> None:
    holds = raw_features(REPORT)
    assert all(holds[f"amounts.{k}"][1].get("sum_holds") == 1.0
               for k in ("received", "used", "unused"))
    fails = raw_features(REPORT_NOT_ADDING_UP)
    assert fails["amounts.unused"][1].get("sum_fails") == 1.0
    assert "sum_holds" not in fails["amounts.unused"][1]


def test_a_text_layer_page_counts_as_neither_ocr_nor_damaged() -> None:
    _, f = raw_features(REPORT)["document_type"]
    assert f["ocr"] == 0.0 and f["damage"] == 0.0


def test_calibrate_keeps_the_raw_confidence_and_writes_the_probability() -> None:
    doc = text_doc(REPORT)
    ctx = DocumentContext(doc, default_programs())
    model = parse_model({"threshold": 0.9, "coefficients": {"bias": -1.0, "raw": 4.0}})
    record = calibrate(run_readers(ctx), ctx, doc, model)
    for ev in record.evidence:
        assert ev.raw_confidence is not None
        assert ev.confidence == pytest.approx(
            model.probability({"bias": 1.0, "raw": ev.raw_confidence}), abs=1e-3)


def test_extract_fields_gives_calibrated_probabilities() -> None:
    ex = extract_fields(text_doc(REPORT))
    model = shipped_model()
    assert model is not None
    assert all(0.0 < ev.confidence <= 1.0 and ev.raw_confidence is not None
               for ev in ex.evidence)
    assert {ev.source for ev in ex.evidence} >= {"type and program", "report amounts in prose"}


def test_a_model_clamps_extreme_scores() -> None:
    model = Model({"bias": 1e6}, 0.5)
    assert model.probability({"bias": 1.0}) == pytest.approx(1.0)
    assert Model({"bias": -1e6}, 0.5).probability({"bias": 1.0}) == pytest.approx(0.0)
