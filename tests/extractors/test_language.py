"""Every entry of config/language.toml with its examples: the data is the test's table."""
from __future__ import annotations

import tomllib

import pytest

from config.programs import default_programs
from extractors.fields import classify, extract_fields
from extractors.fields.amounts import find_amounts
from extractors.fields.context import DocumentContext
from extractors.fields.language import (
    LANGUAGE_FILE,
    compile_phrase,
    language,
    role_of,
    zero_statements,
)
from extractors.fields.nlp import parse
from extractors.fields.text import fold
from tests.extractors.test_fields import text_doc

LANGUAGE = language()
ROLES = tuple(r.role for r in LANGUAGE.roles)


def _cases(entries, attribute):
    return [pytest.param(e, example, id=f"{e.role}:{example[:40]}")
            for e in entries for example in getattr(e, attribute)]


@pytest.mark.parametrize(("entry", "example"), _cases(LANGUAGE.roles, "examples"))
def test_a_clause_gives_its_amount_the_role(entry, example):
    [amount] = [a for a in find_amounts(example) if a.has_unit]
    folded = fold(example)
    assert role_of(folded, (0, len(folded)), amount.start, amount.end, ROLES)[0] == entry.role


@pytest.mark.parametrize("role", LANGUAGE.roles, ids=lambda r: r.role)
def test_every_role_has_examples(role):
    assert role.examples


@pytest.mark.parametrize(("entry", "example"), _cases(LANGUAGE.zero, "examples"))
def test_a_statement_of_zero(entry, example):
    assert (entry.role, ) == tuple({r for r, _, _ in zero_statements(fold(example))})


@pytest.mark.parametrize(("entry", "example"), _cases(LANGUAGE.zero, "counter_examples"))
def test_not_a_statement_of_zero(entry, example):
    assert zero_statements(fold(example)) == []


@pytest.mark.parametrize("example", LANGUAGE.decision_examples)
def test_a_decision_sentence(example):
    folded = fold(example)
    assert LANGUAGE.decision_cues.search(folded) and LANGUAGE.decides.search(folded)


@pytest.mark.parametrize(("kind", "cue"), [(k, c) for k, cues in LANGUAGE.document_types.items()
                                           for c in cues])
def test_every_document_type_cue_is_found(kind, cue):
    hits = classify._type_phrases().find(parse(cue))
    assert any(h.key == kind and (h.start, h.end) == (0, len(cue)) for h in hits)


@pytest.mark.parametrize(("example", "cue"), [
    ("Med hänvisning till Socialstyrelsens anvisningar om statsbidrag ansöker regionen om medel.",
     "anvisningar"),
    ("Regionen rekvirerar medel enligt anvisningarna för 2024.", "anvisningar"),
    ("Jag ansvarar också för återrapporteringen av 2024 års bidrag.", "aterrapporteringen"),
])
def test_a_cue_that_names_another_document(example, cue):
    start = fold(example).index(cue)
    assert classify._refers_to_another(example, start)


def test_a_mail_about_a_new_contact_person_is_no_grant_document():
    ex = extract_fields(text_doc(
        "Ämne: Ny kontaktperson statsbidrag hembesöksprogram 2024\n"
        "Från: Eva Wikström <eva.wikstrom@regionvarmland.se>\nHej,\n"
        "Från och med 17 mars 2025 är jag kontaktperson för Region Värmlands statsbidrag\n"
        "för utökade hembesöksprogram 2024. Jag ansvarar också för återrapporteringen av\n"
        "2024 års bidrag.\nMed vänlig hälsning\nEva Wikström\n"))
    assert ex.document_type == "other"


@pytest.mark.parametrize("title", ["Anvisningar om statsbidrag 2024", "Rutin – rekvisition"])
def test_a_cue_that_begins_its_line_names_this_document(title):
    assert not classify._refers_to_another(title, 0)


@pytest.mark.parametrize(("field", "phrase"), [(f, p) for f, ps in LANGUAGE.labels.items()
                                               for p in ps])
def test_every_label_is_found_in_form_position(field, phrase):
    labels = DocumentContext(text_doc(f"Rekvisition\n{phrase}: 100 000 kr\n"), default_programs()).labels
    assert any(lb.field == field and lb.line == 1 for lb in labels)


@pytest.mark.parametrize("phrase", list(LANGUAGE.sentence_labels))
def test_every_sentence_label_is_found_inside_a_line(phrase):
    labels = DocumentContext(text_doc(f"Rekvisition\nArbetet sker {phrase} Solna kommun.\n"),
                       default_programs()).labels
    assert any(lb.field == LANGUAGE.sentence_labels[phrase] for lb in labels)


ZERO_VALUE_EXAMPLES = tomllib.loads(LANGUAGE_FILE.read_text(encoding="utf-8"))[
    "zero_values"]["examples"]
"""The language data's own examples of a form's value of nothing (the loader keeps only the
words)."""


@pytest.mark.parametrize("line", ZERO_VALUE_EXAMPLES)
def test_a_form_value_of_nothing(line):
    ex = extract_fields(text_doc(
        "Ekonomisk redovisning av statsbidrag\nRegion Kronoberg\nBidragsår 2024\n"
        f"Erhållet bidrag (kr) 3 210 000\nFörbrukat bidrag (kr) 3 210 000\n{line}\n"))
    assert ex.document_type == "return_report"
    assert ex.amounts["unused"].value == 0


@pytest.mark.parametrize(("text", "field", "value"), [
    ("Rekvisition – utökade hembesöksprogram 2024\nRegion Gotland\n"
     "Det belopp som rekvireras uppgår till 1 452 000 kr.\n", "requested", 1_452_000),
    ("Återrapportering - ekonomisk redovisning\nErhållet bidrag 255 000\n"
     "Förbrukade medel under bidragsåret 255 000\n", "used", 255_000),
    ("Ekonomisk sammanfattning\nErhållet bidrag 2 084 000 kr\n"
     "Förbrukat enligt bilaga 1 984 000 kr\nEj förbrukat 100 000 kr\n", "used", 1_984_000),
    ("Region Skanes aterrapportering\nErhallet bidrag inklusive kvarvarande medel: "
     "12 906 000 kr\nFörbrukat: 12 511 300 kr\nEj förbrukat: 394 700 kr\n",
     "received", 12_906_000),
    ("Återrapportering\n-Erhållet bidrag: 1 047 000 kr\n-Förbrukat: 1 047 000 kr\n",
     "received", 1_047_000),
], ids=["prose label", "form row saying when", "summary pointing to its appendix",
        "received with last year's remainder", "a dash OCR glued to the label"])
def test_label_filler_keeps_a_label_sure(text, field, value):
    ex = extract_fields(text_doc(text))
    assert ex.amounts[field].value == value
    assert ex.confidence(f"amounts.{field}") >= 0.8
    assert next(e for e in ex.evidence if e.field == f"amounts.{field}").certainty >= 0.85


@pytest.mark.parametrize(("phrase", "text", "matches"), [
    ("tagit|tagits emot", "har tagit emot", True),
    ("förbruka*", "forbrukats", True),
    ("ej [har] förbruka*", "ej har forbrukat", True),
    ("ej [har] förbruka*", "ej forbrukat", True),
    ("återstår", "aterstaende", False),
])
def test_the_pattern_language(phrase, text, matches):
    assert bool(compile_phrase(phrase).search(text)) is matches


def test_a_phrase_may_not_begin_optional():
    with pytest.raises(ValueError):
        compile_phrase("[har] förbrukat")


def test_a_reminder_to_report_is_no_report():
    ex = extract_fields(text_doc(
        "Socialstyrelsen\n106 30' Stockholm · Besök: Rålambsvägen 3\n2024-01-12\nRegion Uppsala\n"
        "Registrator\nPåminnelse om återrapportering\nEnligt Socialstyrelsens anvisningar ska "
        "Region Uppsala senast den 1 mars 2024\nåterrapportera hur 2023 års statsbidrag för "
        "utökade hembesöksprogram har använts.\n"))
    assert ex.document_type == "other"
    assert ex.organisation.code == "03"  # the addressee: Stockholm is Socialstyrelsen's box


def test_a_requisition_answering_a_reminder_is_a_requisition():
    ex = extract_fields(text_doc(
        "Ämne: SV: Påminnelse rekvisition hembesöksprogram 2024\nHej!\n"
        "Region Östergötland rekvirerar härmed statsbidrag för utökade hembesöksprogram\n"
        "inom barnhälsovården för år 2024.\nRekvirerat belopp: 4 778 tkr\n"))
    assert ex.document_type == "requisition"


@pytest.mark.parametrize("line", LANGUAGE.list_intro_examples)
def test_a_line_introducing_the_municipalities_taking_part(line):
    ex = extract_fields(text_doc(
        f"Rekvisition av statsbidrag 2024\nRegion Halland\n{line}\n• Halmstads kommun\n"
        "• Hylte kommun\nRekvirerat belopp: 2 600 000 kr\n"))
    assert [o.code for o in ex.collaborating_municipalities] == ["1380", "1315"]
