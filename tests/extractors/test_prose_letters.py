"""Letters whose every figure stands in a sentence, as officials write them: the request after
the allocation it cites, a share the region lets finance municipal work, a report's account in
sentences that wrap, a part of the received amount; a printed mail whose sender's surname is a
place; a title under a letterhead and an address block before a sentence that wraps."""
from __future__ import annotations

from extractors.fields import extract_fields
from tests.extractors.test_fields import text_doc

REQUISITION = """
Region Västernorrland Dnr 2024/1718
Härnösand 2024-02-08
Rekvisition – utökade hembesöksprogram 2024
Socialstyrelsen har i sina anvisningar för bidragsåret 2024 meddelat att regionerna kan
rekvirera statsbidrag. Totalt fördelas 82 000 000 kronor och enligt fördelningslistan har
Region Västernorrland tilldelats 1 400 000:-.
{request}
Av bidraget avser regionen att låta 35 procent, det vill säga 474 950 kr, finansiera
kommunal verksamhet inom socialtjänstens förebyggande arbete.
För 2023 erhöll regionen 831 000 kr.
"""


def _requisition(request: str):
    return extract_fields(text_doc(REQUISITION.format(request=request)))


def test_a_request_after_the_allocation_it_cites() -> None:
    ex = _requisition("Region Västernorrland ansöker härmed om att få ta del av 1 357 000 "
                      "kronor av 2024 års statsbidrag.")
    assert ex.amounts["requested"].value == 1_357_000


def test_a_wish_to_receive_is_a_request() -> None:
    ex = _requisition("Eftersom arbetet har kommit igång snabbare önskar Region Västernorrland "
                      "erhålla ytterligare 150 000 kr ur de kvarvarande medlen.")
    assert ex.amounts["requested"].value == 150_000


def test_the_share_the_region_lets_finance_municipal_work() -> None:
    ex = _requisition("Region Västernorrland ansöker nu om 1 357 000 kronor.")
    assert ex.municipal_share_percent == 35


def test_a_share_beside_kommunal_that_ocr_damaged_after_the_figure() -> None:
    ex = extract_fields(text_doc(
        "Region Västmanland\nRekvisition 2024\nVi vill härmed rekvirera 2 114 000 kronor för "
        "bidragsåret 2024.\n35 % av medlen ska gå till kammnnal verksamhet, vilket motsvarar "
        "739 900 kronor.\n", source="ocr", confidence=0.9))
    assert ex.municipal_share_percent == 35


REPORT = """
Södertälje kommun RS 2024/3718
Socialtjänsten, förebyggande enheten
Box 2002, 151 89 Södertälje
Socialstyrelsen
Statsbidragsenheten
106 30 Stockholm
Återrapportering statsbidrag för utökade hembesöksprogram
2023
I enlighet med Socialstyrelsens anvisningar redovisar kommunen nedan hur
statsbidraget för 2023 har använts.
{account}
Verksamheten fortsätter och en ny ansökan lämnas när Socialstyrelsen öppnar nästa utlysning.
"""


def _report(account: str):
    return extract_fields(text_doc(REPORT.format(account=account)))


def test_a_title_under_an_address_block_names_the_document() -> None:
    assert _report("Av de 580 000 kr som kommunen erhöll har 561 240 kr använts.") \
        .document_type == "return_report"


def test_an_account_in_sentences_whose_verb_wraps_after_the_figure() -> None:
    ex = _report("Det erhållna bidraget uppgick till 1 327 000 kr. Under året har 1 238 588 "
                 "kronor\nförbrukats och 88 412 SEK återstår, vilket kommunen återbetalar.")
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 1_327_000, "used": 1_238_588, "unused": 88_412}


def test_a_part_of_the_received_amount_has_no_role_of_its_own() -> None:
    ex = _report("Kommunen har för 2023 erhållit totalt 1 773 000 kronor, varav 350 000 kronor\n"
                 "avser kvarvarande medel. Av detta har 1 675 600 kronor förbrukats under året.\n"
                 "Resterande 97 400 kr kommer att betalas tillbaka.")
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 1_773_000, "used": 1_675_600, "unused": 97_400}


def test_a_printed_mails_sender_whose_surname_is_a_municipality() -> None:
    ex = extract_fields(text_doc(
        "Åsa Norberg\nFrån: Åsa Norberg <asa.norberg@regionstockholm.se>\n"
        "Skickat: den 26 februari 2024 10:40\nÄmne: Återrapportering statsbidrag 2023\n"
        "Av de 8 176 000 kr som regionen erhöll har 7 563 266 kronor använts.\n"
        "Med vänliga hälsningar\nÅsa Norberg\nRegion Stockholm | Ekonomiavdelningen\n"))
    assert ex.organisation is not None and ex.organisation.code == "01"
