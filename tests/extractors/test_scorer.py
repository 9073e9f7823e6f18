"""The amount scorer: candidates and their features, ranking, the shipped model, the switch."""
from __future__ import annotations

import json

import pytest

from config.programs import default_programs
from extractors.fields import extract_fields, scorer
from extractors.fields.candidates import candidates, document_fields
from extractors.fields.context import DocumentContext
from extractors.fields.scorer import MODEL_FILE, Model, choose, expand, load_model, rank
from tests.extractors.test_fields import text_doc

REPORT = """Återrapportering av statsbidrag för utökade hembesöksprogram 2024
Region Gotland
Regionen har tagit emot 900 000 kronor i statsbidrag.
Av dessa har 700 000 kronor förbrukats.
Ej förbrukade medel, 200 000 kronor, återbetalas.
"""

FORM = """Rekvisition av statsbidrag 2024
Region Gotland
Rekvirerat belopp: 834 000 kr
Telefon 0498 26 90 00
"""


def context(text: str) -> DocumentContext:
    return DocumentContext(text_doc(text), default_programs())


def by_value(cands, value):
    return next(c for c in cands if c.amount.value == value)


def test_every_money_mention_is_a_candidate_for_each_field_of_its_type():
    cands = candidates(context(REPORT), "return_report")
    assert {c.amount.value for c in cands} >= {900_000, 700_000, 200_000}
    assert all(set(c.features) == {"received", "used", "unused"} for c in cands)
    assert document_fields("requisition") == ("requested",)
    assert candidates(context(REPORT), "instruction") == []


def test_the_cues_of_a_clause_are_features_relative_to_the_field():
    cands = candidates(context(REPORT), "return_report")
    received = by_value(cands, 900_000).features
    assert received["received"].get("cue_same") == 1.0
    assert received["used"].get("cue_other") == 1.0
    unused = by_value(cands, 200_000).features
    assert unused["unused"].get("cue_same") == 1.0
    assert unused["unused"].get("negated") == 1.0
    assert by_value(cands, 900_000).features["received"].get("sum_of_two") == 1.0
    assert by_value(cands, 700_000).features["used"].get("part_of_sum") == 1.0


def test_a_label_owns_the_value_the_rules_would_read_after_it():
    cands = candidates(context(FORM), "requisition")
    requested = by_value(cands, 834_000).features["requested"]
    assert requested.get("label_same") == 1.0
    assert requested.get("line_label_same") == 1.0


def test_a_statement_of_nothing_is_a_candidate_of_zero():
    text = REPORT.replace("Ej förbrukade medel, 200 000 kronor, återbetalas.",
                          "Inget belopp återbetalas.")
    zero = [c for c in candidates(context(text), "return_report") if c.amount.value == 0]
    assert zero and zero[0].features["unused"].get("zero_same") == 1.0


def test_the_rules_choice_is_a_feature_only_when_given():
    ctx = context(FORM)
    assert "rules_same" not in by_value(candidates(ctx, "requisition"), 834_000).features["requested"]
    given = by_value(candidates(ctx, "requisition", {"requested": 834_000}), 834_000)
    assert given.features["requested"]["rules_same"] == 1.0


def toy_model(presence: float = 0.5) -> Model:
    return Model.from_dict({"presence": presence, "weights": {
        "bias": -3.0, "cue_same": 4.0, "cue_other": -2.0, "negated": -1.0,
        "unused:negated": 3.0}})


def test_ranking_puts_the_candidate_of_the_field_first_with_a_probability():
    ranked = rank(candidates(context(REPORT), "return_report"), toy_model())
    assert ranked["received"][0][0].amount.value == 900_000
    assert ranked["used"][0][0].amount.value == 700_000
    assert ranked["unused"][0][0].amount.value == 200_000
    assert all(0.0 < p < 1.0 for items in ranked.values() for _, p in items)
    assert ranked["received"][0][1] > ranked["received"][1][1]


def test_a_mention_serves_one_field_and_a_field_below_presence_stays_empty():
    cands = candidates(context(REPORT), "return_report")
    chosen = choose(cands, toy_model())
    spans = [(c.candidate.start, c.candidate.end) for c in chosen]
    assert len(spans) == len(set(spans))
    assert choose(cands, toy_model(presence=0.999)) == []


def test_features_get_a_shared_and_a_per_field_copy():
    assert expand("used", {"cue_same": 1.0, "negated": 0.0}) == {
        "bias": 1.0, "used:bias": 1.0, "cue_same": 1.0, "used:cue_same": 1.0}


def test_the_shipped_model_loads_and_is_plain_coefficients():
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert 0.0 < data["presence"] < 1.0
    assert all(isinstance(w, float) for w in data["weights"].values())
    model = load_model()
    assert len(model.names) == len(model.weights) > 10


def test_the_rules_read_the_amounts_unless_the_scorer_is_chosen(monkeypatch):
    calls = []
    monkeypatch.setattr(scorer, "rewrite_amounts", lambda ctx, record: calls.append(record))
    monkeypatch.delenv(scorer.MODE_VARIABLE, raising=False)
    assert extract_fields(text_doc(FORM)).amounts["requested"].value == 834_000
    assert calls == []
    monkeypatch.setenv(scorer.MODE_VARIABLE, "scorer")
    extract_fields(text_doc(FORM))
    assert len(calls) == 1


@pytest.mark.parametrize("text, field, value", [
    (FORM, "requested", 834_000),
    (REPORT, "received", 900_000),
    (REPORT, "used", 700_000),
    (REPORT, "unused", 200_000),
])
def test_the_shipped_model_reads_plain_documents(monkeypatch, text, field, value):
    monkeypatch.setenv(scorer.MODE_VARIABLE, "scorer")
    record = extract_fields(text_doc(text))
    assert record.amounts[field].value == value
    assert 0.0 < record.confidence(f"amounts.{field}") <= 1.0
