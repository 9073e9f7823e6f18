"""A long report's program: its title names it in full, while its activity tables and prose
say "hembesök" (home visits, which the pilot makes too) row after row."""
from __future__ import annotations

from extractors.fields import extract_fields
from tests.extractors.test_fields import raw, text_doc

PILOT_REPORT = """Botkyrka kommun Dnr SN 2024/1056
Återrapportering av statsbidrag för pilotverksamhet i
barnhälsovården i socioekonomiskt utsatta områden
2023
Organisation Botkyrka kommun
Under 2023 har arbetet med utökade hembesök fortsatt enligt pilotmodellen.
Enhet Hembesök 2023 Hembesök 2022 Familjer
Alby 470 266 159
Hembesök Familjecentralen 375 260 65
Hembesök BVC Centrum 507 394 129
Erhållet bidrag 580 000 kr
Förbrukat bidrag 512 000 kr
"""


def test_the_title_naming_the_program_in_full_outweighs_its_repeated_word_for_home_visits():
    ex = extract_fields(text_doc(PILOT_REPORT))
    assert ex.program == "bhv-pilot"
    assert raw(ex, "program") >= 0.9


def test_a_wrapped_title_and_a_table_column_are_no_form_of_tick_box_options():
    """Lines that begin with two programs' names are options only when they stand together."""
    ex = extract_fields(text_doc(PILOT_REPORT))
    assert raw(ex, "program") > 0.5


def test_a_year_between_label_and_amount_says_which_years_grant():
    ex = extract_fields(text_doc(
        "Återrapportering 2023\nRegion Dalarna\nSammanställning Kronor\n"
        "Erhållet statsbidrag 2023 1 690 000\nFörbrukat bidrag 1 512 400\n"
        "Ej förbrukat bidrag att återbetala 177 600\n"))
    assert ex.amounts["received"].value == 1_690_000
    assert raw(ex, "amounts.received") >= 0.85
