"""An e-service printout asks and the region answers on the line below ("Hur stor del av
bidraget ska finansiera kommunal verksamhet?" | "Svar: 25 %"): the question is the answer's
clause."""
from __future__ import annotations

from extractors.fields import extract_fields
from tests.extractors.test_fields import text_doc

PRINTOUT = """
Socialstyrelsen – E-tjänst för statsbidrag
Rekvisition: Utökade hembesöksprogram 2024
Organisation ........... Region Sörmland
Rekvirerat belopp ...... 2 170 000 kr
Ange vilka kommuner regionen samverkar med:
- Eskilstuna kommun
- Nyköpings kommun
Hur stor del av bidraget ska finansiera kommunal verksamhet?
Svar: 32,5 %
Önskar regionen ta del av eventuella kvarvarande medel?
Svar: Nej
"""


def test_the_share_answers_the_question_above_it() -> None:
    assert extract_fields(text_doc(PRINTOUT)).municipal_share_percent == 32.5


def test_an_answer_to_another_question_is_no_share() -> None:
    text = PRINTOUT.replace("kommunal verksamhet?", "regionens verksamhet?")
    assert extract_fields(text_doc(text)).municipal_share_percent is None
