from datetime import date

from config.programs import default_programs
from config.registry import load_registry


def test_every_program_year_of_the_contract_is_configured():
    programs = default_programs()
    h24 = programs.get("hembesok", 2024)
    assert (h24.pool, h24.requisition_deadline, h24.report_deadline) == (
        82_000_000, date(2024, 4, 5), date(2025, 3, 1))
    assert h24.recipients == {"region"}
    assert h24.required_fields("requisition", "region") == (
        "organisation", "amounts.requested", "collaborating_municipalities", "municipal_share_percent")
    assert h24.required_fields("requisition", "municipality") == ("organisation", "amounts.requested")
    assert programs.get("hembesok", 2023).pool == 42_000_000
    assert programs.get("hembesok", 2026).pool == 150_000_000
    assert programs.get("hembesok", 2025).recipients == {"region", "municipality"}
    pilot = programs.get("bhv-pilot", 2023)
    assert (pilot.pool, pilot.requisition_deadline, pilot.report_deadline) == (
        4_500_000, date(2023, 6, 16), date(2024, 5, 3))
    assert programs.get("hembesok", 2019) is None and programs.get(None, 2024) is None


def test_registry_has_all_regions_and_municipalities_with_scb_codes():
    reg = load_registry()
    assert len(reg.regions) == 21 and len(reg.municipalities) == 290
    assert reg.get("18").name == "Region Örebro län"
    assert reg.get("0980").short == "Gotland" and reg.get("09").kind == "region"
    assert all(len(c) == 4 and c.isdigit() for c in reg.municipalities)
    assert {m.region_code for m in reg.municipalities.values()} == set(reg.regions)


def test_variants_cover_the_ways_documents_write_names():
    by_text = {}
    for v in load_registry().variants():
        by_text.setdefault(v.text, set()).add(v.organisation.code)
    for text, code in [("Region Örebro län", "18"), ("Örebro läns region", "18"),
                       ("Västra Götalandsregionen", "14"), ("VGR", "14"), ("Sörmland", "04"),
                       ("Malmö stad", "1280"), ("Malmös stad", "1280"), ("Göteborgs stad", "1480"),
                       ("Stockholms stad", "0180"), ("Kommunen Kalmar", "0880"),
                       ("Region Jämtland Härjedalen", "23")]:
        assert code in by_text[text], text


def test_municipalities_that_call_themselves_stad_keep_that_name_and_every_other_form():
    reg = load_registry()
    assert reg.get("1280").name == "Malmö stad"
    assert reg.get("1480").name == "Göteborgs Stad"
    assert reg.get("0180").name == "Stockholms stad"
    assert reg.get("1490").name == "Borås Stad"
    assert reg.get("0127").name == "Botkyrka kommun"
    by_text = {}
    for v in reg.variants():
        by_text.setdefault(v.text.lower(), set()).add(v.organisation.code)
    for text in ("Malmö kommun", "Malmö stad", "Malmös stad", "Kommunen Malmö", "Malmö",
                 "Helsingborgs stad", "Helsingborg kommun", "Helsingborgs kommun"):
        code = "1280" if "Malmö" in text else "1283"
        assert code in by_text[text.lower()], text


def test_a_municipality_whose_own_name_is_not_its_place_name_is_known_by_both():
    reg = load_registry()
    assert reg.get("2080").name == "Falu kommun"
    texts = {v.text.lower() for v in reg.variants() if v.organisation.code == "2080"}
    assert {"falu kommun", "falun", "faluns kommun", "falun kommun"} <= texts
