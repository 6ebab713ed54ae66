"""A header owns a region: blocks found wherever a design puts them (synthetic unit pages)."""

import pytest

from extract.geometry import Box, Word, words_to_segments
from extract.settings import Settings
from extract.stages.document import DocumentContext
from extract.stages.layout import find_headers, learn_document, page_to_layout
from extract.stages.layout.furniture import sideways_glyphs
from extract.stages.segment import layout_to_fields
from tests.pages import page, paragraph, words_at

S = Settings()
GREY = (0.88, 0.88, 0.9)


def fields_of(p, document=None):
    return layout_to_fields(page_to_layout(p, S, document), S)


def header_kinds(text: str, font: str = "Sans-Bold", size: float = 9.0) -> list[str]:
    words = words_at(text, 40, 100, size, font) + words_at("Un texte courant de la page.", 40, 300)
    return [h.kind for h in find_headers(words_to_segments(words, 0.45, 1.2), [], S, 9.0)]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Objectif général", "objective"),
        ("Activités prévues", "activities"),
        ("Résultats obtenus", "results"),
        ("cibles Odd cOncernées", "sdg"),
        ("Objectifs de développement durable", "sdg"),
        ("Recommandations (politiques) MC2CM abordées", "recommendations"),
        ("MC2CM (policy) recommendations addressed", "recommendations"),
        ("SDG targets addressed", "sdg"),
        ("Planned activities", "activities"),
        ("★ Expected results", "results"),
        ("Partenaires", "partners"),
        ("Nos activités principales", "activities"),
        ("Cibles ODD visées", "sdg"),
        ("Our partners", "partners"),
    ],
)
def test_header_found_by_its_key_words(text, kind):
    assert header_kinds(text) == [kind]


def test_body_line_with_a_key_word_is_not_a_header():
    assert header_kinds("les résultats obtenus ici", font="Sans") == []
    assert header_kinds("Activités prévues par la ville en 2020", font="Sans-Bold") == []


def test_header_wrapped_with_extra_words():
    words = words_at("Cibles ODD", 40, 100, 9, "Sans-Bold") + words_at("concernées", 40, 111, 9, "Sans-Bold")
    headers = find_headers(words_to_segments(words, 0.45, 1.2), [], S, 9.0)
    assert [(h.kind, h.line.text) for h in headers] == [("sdg", "Cibles ODD concernées")]


def stacked_sheet(numbers_after_text: bool = False) -> list[Word]:
    """Title; objective full width left; activities | results below; SDG ruled table at the foot;
    numbered recommendations down a narrow right-hand column."""
    words = words_at("Un titre d’action", 40, 40, 22, "Sans-Bold")
    words += words_at("Objectif général", 40, 100, 10, "Sans-Bold")
    words += paragraph(["L’objectif est de renforcer la cohésion sociale", "dans toute la ville."], 40, 116)
    words += words_at("Activités prévues", 40, 170, 10, "Sans-Bold") + words_at(
        "Résultats attendus", 230, 170, 10, "Sans-Bold"
    )
    words += words_at("1)", 40, 186) + paragraph(["Former les agents", "de la ville ;"], 54, 186)
    words += words_at("2)", 40, 212) + words_at("Ouvrir un centre.", 54, 212)
    words += words_at("1)", 216, 186) + words_at("Un centre ouvert ;", 230, 186)
    words += words_at("2)", 216, 200) + words_at("Des agents formés.", 230, 200)
    words += words_at("Cibles ODD concernées", 40, 600, 10, "Sans-Bold")
    words += words_at("Cible 10.7", 40, 618, 9, "Sans-Bold") + paragraph(
        ["Faciliter la migration", "des personnes"], 130, 618, 8.4
    )
    words += words_at("16.6", 40, 648, 9, "Sans-Bold") + words_at("Des institutions efficaces", 130, 648, 8.4)
    words += words_at("Recommandations MC2CM", 440, 100, 10, "Sans-Bold")
    rec = [
        ("1.", ["Accès à", "l’éducation ;"]),
        ("2.", ["Accès à la", "santé ;"]),
        ("3.", ["Gouvernance", "multi-niveaux."]),
    ]
    y = 118.0
    for number, lines in rec:
        text = paragraph(lines, 456, y)
        words += (text + words_at(number, 440, y)) if numbers_after_text else (words_at(number, 440, y) + text)
        y += 36
    return words


@pytest.mark.parametrize("numbers_after_text", [False, True])
def test_stacked_design_with_sdg_table_and_numbered_margin_recommendations(numbers_after_text):
    table = [Box(36, 420, y, y, False, True, (0.5, 0.5, 0.5)) for y in (614, 644, 664)]
    p = page(stacked_sheet(numbers_after_text), table)
    f = fields_of(p)
    assert f.objective == "L’objectif est de renforcer la cohésion sociale dans toute la ville."
    assert f.activities == ("Former les agents de la ville", "Ouvrir un centre")
    assert f.results == ("Un centre ouvert", "Des agents formés")
    assert f.sdg_targets == (("10.7", "Faciliter la migration des personnes"), ("16.6", "Des institutions efficaces"))
    assert f.recommendations == ("Accès à l’éducation", "Accès à la santé", "Gouvernance multi-niveaux")
    assert f.coverage == 1.0
    assert not f.warnings


def test_numbers_hanging_in_the_gutter_stay_with_their_column():
    words = words_at("Un titre", 40, 40, 22, "Sans-Bold")
    for x, head in ((40, "OBJECTIF"), (200, "ACTIVITES"), (360, "RESULTATS")):
        words += words_at(head, x, 100, 9, "Sans-Bold")
    words += paragraph(["Un objectif clair", "et partagé."], 40, 115)
    words += paragraph(["Une activité longue", "et détaillée ;"], 200, 115)
    words += words_at("1)", 346, 115) + words_at("Un résultat ;", 360, 115)
    words += words_at("2)", 346, 129) + words_at("Un autre.", 360, 129)
    f = fields_of(page(words))
    assert f.activities == ("Une activité longue et détaillée",)
    assert f.results == ("Un résultat", "Un autre")


def test_grey_sidebar_beside_the_objective_stays_out():
    words = words_at("Un titre", 40, 40, 22, "Sans-Bold") + words_at("OBJECTIVE", 40, 100, 9, "Sans-Bold")
    words += paragraph(["A clear objective for", "the whole city."], 40, 115)
    words += paragraph(["Key figures", "12 partner cities", "in the region"], 330, 100)
    words += words_at("ACTIVITIES", 40, 200, 9, "Sans-Bold") + words_at("OUTCOMES", 200, 200, 9, "Sans-Bold")
    words += words_at("• Train staff ;", 40, 215) + words_at("• A centre ;", 200, 215)
    sidebar = Box(320, 560, 90, 160, True, False, GREY)
    f = fields_of(page(words, [sidebar]))
    assert f.objective == "A clear objective for the whole city."
    assert f.coverage < 1.0 and any("Key figures" in w for w in f.warnings)


def test_partner_region_is_never_recommendations():
    words = words_at("Un titre", 40, 40, 22, "Sans-Bold")
    for x, head in ((40, "OBJECTIF"), (200, "ACTIVITES"), (360, "RESULTATS")):
        words += words_at(head, x, 100, 9, "Sans-Bold")
    words += (
        words_at("Un objectif.", 40, 115)
        + words_at("• Une activité ;", 200, 115)
        + words_at("• Un résultat ;", 360, 115)
    )
    words += words_at("RECOMMANDATIONS POLITIQUES MC2CM ABORDÉES", 40, 600, 9, "Sans-Bold")
    words += words_at("Partenaires", 400, 600, 9, "Sans-Bold")
    words += words_at("Accès à l’éducation", 40, 620) + words_at("Accès à la santé", 40, 640)
    words += words_at("ICMPD", 400, 620) + words_at("UCLG", 400, 640)
    f = fields_of(page(words))
    assert f.recommendations == ("Accès à l’éducation", "Accès à la santé")
    assert f.coverage == 1.0


def test_boxed_recommendations_are_one_item_per_box():
    words = words_at("Un titre", 40, 40, 22, "Sans-Bold")
    for x, head in ((40, "OBJECTIF"), (200, "ACTIVITES"), (360, "RESULTATS")):
        words += words_at(head, x, 100, 9, "Sans-Bold")
    words += (
        words_at("Un objectif.", 40, 115)
        + words_at("• Une activité ;", 200, 115)
        + words_at("• Un résultat ;", 360, 115)
    )
    words += words_at("POLICY RECOMMENDATIONS", 40, 600, 9, "Sans-Bold")
    words += paragraph(["Access to", "education"], 46, 620) + paragraph(["Access to", "health"], 126, 620)
    boxes = [Box(40, 116, 614, 650, False, True, (0, 0, 0)), Box(120, 196, 614, 650, False, True, (0, 0, 0))]
    assert fields_of(page(words, boxes)).recommendations == ("Access to education", "Access to health")


def test_sdg_pills_in_a_row_with_goal_tiles():
    words = words_at("Un titre", 40, 40, 22, "Sans-Bold")
    words += words_at("SDG targets", 40, 70, 9, "Sans-Bold")
    words += words_at("10", 40, 84, 14, "Sans-Bold")  # a goal tile: not a target
    words += words_at("ODD 10.7", 70, 86, 8, "Sans-Bold") + words_at("Migration", 110, 86, 8)
    words += words_at("16.6", 220, 86, 8, "Sans-Bold") + words_at("Institutions", 245, 86, 8)
    for x, head in ((40, "OBJECTIVE"), (200, "ACTIVITIES"), (360, "OUTCOMES")):
        words += words_at(head, x, 120, 9, "Sans-Bold")
    words += (
        words_at("An objective.", 40, 135) + words_at("• An activity ;", 200, 135) + words_at("• A result ;", 360, 135)
    )
    f = fields_of(page(words))
    assert f.title == "Un titre"
    assert f.sdg_targets == (("10.7", "Migration"), ("16.6", "Institutions"))


def four_pages_with_running_footer() -> list:
    pages = []
    for n, name in enumerate(("Alpha", "Beta", "Gamma", "Delta"), 1):
        words = words_at(f"Le titre {name}", 40, 40 + 3 * n, 22, "Sans-Bold")
        for x, head in ((40, "OBJECTIF"), (200, "ACTIVITES"), (360, "RESULTATS")):
            words += words_at(head, x, 100, 9, "Sans-Bold")
        words += words_at("Un objectif.", 40, 115) + words_at("• Une activité ;", 200, 115)
        words += words_at("• Un résultat ;", 360, 115)
        words += words_at(f"Projet Villes Ouvertes — page {n}", 40, 800, 8)
        pages.append(page(words, number=n))
    return pages


def test_running_footer_learnt_from_the_document():
    pages = four_pages_with_running_footer()
    document = learn_document(pages, S.layout)
    assert fields_of(pages[0], document).coverage == 1.0
    assert fields_of(pages[0], DocumentContext("x.pdf", 4)).coverage < 1.0


def test_rotated_side_strip_is_furniture():
    pages = four_pages_with_running_footer()
    strip = [Word("TUNIS", 570, 580, 300, 345, 9.0, "Sans-Bold")]  # set sideways: tall, narrow
    f = fields_of(page([*pages[0].words, *strip]), learn_document(pages, S.layout))
    assert f.coverage == 1.0 and f.results == ("Un résultat",)


def test_low_coverage_warning_quotes_text_and_position():
    words = four_pages_with_running_footer()[0].words
    f = fields_of(page(list(words)))
    assert any(
        w.startswith("coverage 0.") and "“Projet Villes Ouvertes — page 1” (x 40, y 800)" in w for w in f.warnings
    )


def test_sideways_strip_read_glyph_by_glyph_is_furniture_but_stacked_markers_are_not():
    pages = four_pages_with_running_footer()
    strip = [Word(c, 570, 580, 300 + 8 * i, 308 + 8 * i, 8.0, "Sans-Bold") for i, c in enumerate("SFAX·TUNISIE")]
    markers = [w for i in range(5) for w in words_at(f"{'abcde'[i]}) Item", 200, 300 + 12 * i)]
    sideways = sideways_glyphs([*strip, *markers], S.layout)
    assert set(strip) <= sideways and not sideways & set(markers)
    f = fields_of(page([*pages[0].words, *strip]), learn_document(pages, S.layout))
    assert f.coverage == 1.0


def test_small_caps_side_heading_beside_a_glyph_strip():
    """A sideways strip's glyph a little above a small-caps header (letters in two sizes, the
    small ones lower) never sets that header's line: the header stays whole and bounds the blocks."""
    words = words_at("Un titre d’action", 40, 40, 22, "Sans-Bold")
    words += words_at("Objectif général", 60, 100, 9, "Sans-Bold") + words_at("Renforcer la cohésion.", 180, 100)
    words += words_at("Activités prévues", 60, 150, 9, "Sans-Bold") + words_at("• Former les agents ;", 180, 150)
    words += words_at("Résultats attendus", 60, 200, 9, "Sans-Bold")
    words += words_at("1) Un centre ouvert pour les familles ;", 180, 200) + words_at("2) Des agents formés.", 180, 214)
    words += words_at("C", 60, 250, 11.2, "Sans-Bold") + words_at("IBLES", 65.8, 251.9, 8.8, "Sans-Bold")
    words += words_at("ODD", 90.5, 250, 11.2, "Sans-Bold") + words_at("CONCERNEES", 60, 265, 8.8, "Sans-Bold")
    words += words_at("Cible 10.7", 180, 252, 9, "Sans-Bold") + words_at("Faciliter la migration", 240, 252, 8.4)
    words += words_at("Cible 16.6", 180, 268, 9, "Sans-Bold") + words_at("Des institutions efficaces", 240, 268, 8.4)
    words += words_at("Recommandations MC2CM", 60, 320, 9, "Sans-Bold")
    words += words_at("1. Accès à l’éducation ;", 180, 320) + words_at("2. Accès à la santé.", 180, 334)
    # one glyph's top (245.4) is within a line's tolerance of "C", not of the lower "IBLES"
    strip = [Word(c, 10, 16, 181.4 + 8 * i, 189.4 + 8 * i, 8.0, "Sans-Bold") for i, c in enumerate("TUNIS·TUNISIE")]
    f = fields_of(page([*words, *strip]))
    assert f.results == ("Un centre ouvert pour les familles", "Des agents formés")
    assert f.sdg_targets == (("10.7", "Faciliter la migration"), ("16.6", "Des institutions efficaces"))
    assert f.recommendations == ("Accès à l’éducation", "Accès à la santé")
    assert f.coverage == 1.0
