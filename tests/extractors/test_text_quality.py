from extractors.reading.text_quality import text_quality, word_is_damaged

CLEAN = (
    "Socialstyrelsen har i uppdrag att fördela statsbidrag till regioner och kommuner för att "
    "stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram. "
    "Den svenska barn- och ungdomshälsovården behöver bli mer sammanhållen och genomföra fler "
    "förebyggande och hälsofrämjande insatser. Region Örebro län rekvirerar 834 000 kr, 40 %, "
    "enligt § 245 i beslut RS 2024/863 den 2024-03-21, kommittén och idén."
)
DAMAGED = (  # seed 003's text layer
    "Socialstyrelsen har i uppdrag att fordela statsbidrag till regioner och kommuner for att "
    "stodja och stimulera barnhélsovardens forebyggande arbete med utokade hembesoksprogram. "
    "Den svenska barn- och ungdomshélsovarden behdver bli mer sammanhéllen och genomfora fler "
    "forebyggande och hélsofrimjande insatser. Uppfdljningen kan forbattras genom en 6kad "
    "samverkan mellan centrala aktorer, f6r barn som 16per en forhojd risk, dér utanférskapet ér."
)


def test_clean_swedish_scores_high():
    assert text_quality(CLEAN.split()) >= 0.95


def test_damaged_layer_scores_under_the_default_threshold():
    assert text_quality(DAMAGED.split()) < 0.75


def test_damage_marks():
    for word in ["6kad", "f6r", "16per", "hélsa", "dér", "for", "(cid:12)", "a\ufffdb"]:
        assert word_is_damaged(word), word
    for word in ["för", "ZV509", "2024-03-21", "S2023/01608", "40", "%", "§", "idé", "kommittén"]:
        assert not word_is_damaged(word), word


def test_no_words_is_not_damage():
    assert text_quality([]) == 1.0


SHORT_DAMAGED_FORM = (  # a short form as a scanner's OCR wrote it: no å/ä/ö left, é instead
    "Region Jdnképings lén Datum: 2024-03-14 Rekvisition – statsbidrag fér utdkade "
    "hembeséksprogram 2024 Belopp som rekvireras: 4 913 000 kr Kommuner som samverkan kommer "
    "att ske med: Jonkdpings kommun Del av bidraget som ska finansiera kommunal verksamhet: "
    "45 % 6nskar ta del av kvarvarande medel: Ja"
)
SHORT_FORM = (
    "Region Jönköpings län Datum: 2024-03-14 Rekvisition – statsbidrag för utökade "
    "hembesöksprogram 2024 Belopp som rekvireras: 4 913 000 kr enligt idén i kommittén"
)


def test_short_layer_that_lost_its_diacritics_scores_under_the_threshold():
    assert text_quality(SHORT_DAMAGED_FORM.split()) < 0.75
    assert text_quality(SHORT_FORM.split()) >= 0.95


def test_accent_after_a_vowel_is_damage():
    assert word_is_damaged("Luleé")
    assert not word_is_damaged("allé")
