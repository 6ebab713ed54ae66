"""Layout heuristics on small synthetic pages."""

import pytest

from extract.errors import PageSkipped
from extract.geometry import Box, gutters, words_to_lines, words_to_segments
from extract.settings import Settings
from extract.stages.layout import find_headers, header_rows, is_furniture, page_to_layout
from extract.stages.segment import layout_to_fields
from tests.pages import action_sheet, page, paragraph, words_at

S = Settings()


def fields_of(p):
    return layout_to_fields(page_to_layout(p, S), S)


@pytest.mark.parametrize("bars", [True, False])
@pytest.mark.parametrize("reverse_stream", [True, False])
def test_columns_found_with_or_without_bars_in_any_stream_order(bars, reverse_stream):
    f = fields_of(action_sheet(bars=bars, reverse_stream=reverse_stream))
    assert f.objective == "L’objectif est de renforcer la cohésion sociale."
    assert f.activities == ("Organiser des ateliers", "Former les agents")
    assert f.results == ("Un centre ouvert",)


def test_title_subtitle_and_language():
    f = fields_of(action_sheet(english=True))
    assert f.title == "Titre de l’action"
    assert f.subtitle == "Un sous-titre en italique"
    assert f.language == "en"
    assert fields_of(action_sheet()).language == "fr"


def test_sdg_codes_with_labels_badges_ignored():
    f = fields_of(action_sheet())
    assert f.sdg_targets == (
        ("10.7", "Faciliter la migration des personnes"),
        ("16.b", "Promouvoir des lois non discriminatoires"),
    )


def test_sdg_list_on_top_with_labels_beside_codes():
    f = fields_of(action_sheet(sdg_left=False, bars=False))
    assert f.sdg_targets == (("10.7", "Faciliter la migration"), ("16.b", "Promouvoir des lois"))
    assert f.activities == ("Organiser des ateliers", "Former les agents")


def test_recommendation_cells_from_rules():
    assert fields_of(action_sheet()).recommendations == ("Accès à l’éducation", "Accès à la santé")


def test_furniture_and_page_number_are_dropped():
    p = action_sheet()
    segments = words_to_segments(p.words, S.layout.line_tolerance_ratio, S.layout.segment_gap_ratio)
    dropped = [s.text for s in segments if is_furniture(s, p, S.layout)]
    assert dropped == ["MIGRATION VILLE A VILLE EN MEDITERRANEE", "3"]


def test_page_without_headers_is_skipped_with_reason():
    p = page(paragraph(["Introduction", "Un texte courant sans colonnes."], 40, 100))
    with pytest.raises(PageSkipped, match="no action blocks"):
        page_to_layout(p, S)


def test_missing_column_is_named():
    words = words_at("OBJECTIF", 40, 100) + words_at("ACTIVITES", 200, 100) + words_at("Texte", 40, 120)
    with pytest.raises(PageSkipped, match="missing RESULTATS column"):
        page_to_layout(page(words), S)


def test_scanned_page_reason():
    with pytest.raises(PageSkipped, match="no text layer"):
        page_to_layout(page([], images=1), S)


def test_letter_spaced_header_matches():
    words = words_at("A C T I V I T E S", 100, 50)
    segments = words_to_segments(words, 0.45, 1.2)
    assert [h.kind for h in find_headers(segments, [], S)] == ["activities"]


def test_headers_in_rows():
    words = words_at("OBJECTIF", 40, 100) + words_at("ACTIVITES", 200, 101) + words_at("RESULTATS", 40, 300)
    headers = find_headers(words_to_segments(words, 0.45, 1.2), [], S)
    rows = header_rows(headers, S.layout.header_row_tolerance)
    assert [[h.kind for h in row] for row in rows] == [["objective", "activities"], ["results"]]


def test_stacked_sections_with_headers_beside_text():
    words = words_at("Le titre", 40, 40, 22)
    for i, (head, text) in enumerate(
        [("OBJECTIF", "Un objectif clair."), ("ACTIVITES", "• Première activité ;"), ("RESULTATS", "• Un résultat ;")]
    ):
        words += words_at(head, 40, 100 + 60 * i, 9, "Sans-Bold") + words_at(text, 150, 100 + 60 * i)
    f = fields_of(page(words))
    assert (f.objective, f.activities, f.results) == ("Un objectif clair.", ("Première activité",), ("Un résultat",))


def test_header_bar_ignores_white_background():
    words = words_at("OBJECTIF", 100, 100)
    segments = words_to_segments(words, 0.45, 1.2)
    background = Box(0, 595, 0, 842, True, False, (1.0, 1.0, 1.0))
    assert find_headers(segments, [background], S)[0].bar is None


def test_gutters_between_spans():
    assert gutters([(10, 20), (15, 30), (50, 60)], 0, 100, 5) == [(0, 10), (30, 50), (60, 100)]


def test_words_to_lines_groups_by_top():
    words = words_at("b", 50, 100.5) + words_at("a", 10, 100) + words_at("c", 10, 120)
    assert [l.text for l in words_to_lines(words, 0.45)] == ["a b", "c"]


def test_small_caps_header_stays_one_line_beside_a_higher_column_line():
    """Letters of two sizes share a baseline; a line in another column a little higher (its top
    within the tolerance of the large letter, not of the small ones) never splits the header."""
    words = words_at("Provision of welcoming", 440, 171.07, 7.6) + words_at("M", 65, 174.68, 10.0, "Sans-Bold")
    words += words_at("AIN ACTIVITIES", 76.1, 176.36, 7.8, "Sans-Bold")
    segments = words_to_segments(words, 0.45, 1.2)
    assert sorted(s.text for s in segments) == ["M AIN ACTIVITIES", "Provision of welcoming"]


@pytest.mark.parametrize(
    "line, code, label",
    [
        ("ODD 10.7 – Faciliter la migration", "10.7", "Faciliter la migration"),
        ("10.7: Faciliter la migration", "10.7", "Faciliter la migration"),
        ("SDG 16.b Promote laws", "16.b", "Promote laws"),
    ],
)
def test_sdg_code_with_prefix_or_punctuation(line, code, label):
    p = action_sheet(sdg_left=False)
    words = [w for w in p.words if not (150 <= w.top <= 170)] + words_at(line, 40, 160, 9)
    f = fields_of(page(words, list(p.boxes)))
    assert f.sdg_targets == ((code, label),)


def test_code_inside_column_text_is_not_an_sdg_target():
    p = action_sheet()
    words = list(p.words) + words_at("cible 10.7 des ODD", 200, 245)
    f = fields_of(page(words, list(p.boxes)))
    assert [c for c, _ in f.sdg_targets] == ["10.7", "16.b"]


def test_header_wrapped_on_two_lines():
    words = words_at("RECOMMANDATIONS POLITIQUES", 40, 600, 9, "Sans-Bold") + words_at(
        "MC2CM ABORDÉES", 40, 611, 9, "Sans-Bold"
    )
    headers = find_headers(words_to_segments(words, 0.45, 1.2), [], S)
    assert [(h.kind, h.line.text) for h in headers] == [
        ("recommendations", "RECOMMANDATIONS POLITIQUES MC2CM ABORDÉES")
    ]


def test_prefix_of_header_alone_is_not_a_header():
    words = words_at("RECOMMANDATIONS", 40, 600, 9) + words_at("Un texte courant", 40, 611, 9)
    assert find_headers(words_to_segments(words, 0.45, 1.2), [], S) == []


def test_stacked_sections_stop_at_sdg_sidebar_on_the_right():
    words = words_at("Le titre", 40, 40, 22)
    for i, (head, text) in enumerate(
        [("OBJECTIF", "Un objectif clair."), ("ACTIVITES", "• Première activité ;"), ("RESULTATS", "• Un résultat ;")]
    ):
        words += words_at(head, 40, 100 + 60 * i, 9, "Sans-Bold") + words_at(text, 150, 100 + 60 * i)
    words += words_at("10.7", 420, 100, 9, "Sans-Bold") + words_at("Faciliter la migration", 420, 112, 8.4)
    f = fields_of(page(words))
    assert f.objective == "Un objectif clair."
    assert f.sdg_targets == (("10.7", "Faciliter la migration"),)


def plain_sheet() -> list:
    """Title and three plain bold headers at x 40/170/300, one line in the first two columns."""
    words = words_at("Le titre", 40, 40, 22)
    for x, head in ((40, "OBJECTIF"), (170, "ACTIVITES"), (300, "RESULTATS")):
        words += words_at(head, x, 100, 9, "Sans-Bold")
    return words + words_at("Un objectif.", 40, 115) + words_at("• Une activité ;", 170, 115)


def test_goal_badge_of_a_right_sidebar_stays_out_of_the_last_column():
    words = plain_sheet()
    result = words_at("• Un résultat ;", 300, 115)
    badge_x = result[-1].x1 + 7  # closer to the column than to its own code: gutters cannot tell
    words += result + words_at("8", badge_x, 117, 13, "Sans-Bold")
    words += words_at("8.5", badge_x + 30, 115, 9, "Sans-Bold") + words_at("Plein emploi", badge_x + 30, 127, 8.4)
    f = fields_of(page(words))
    assert f.results == ("Un résultat",)
    assert f.sdg_targets == (("8.5", "Plein emploi"),)


def test_number_in_last_column_near_a_right_sidebar_is_not_a_badge():
    words = plain_sheet()
    result = words_at("• Élèves accueillis : 1 200", 300, 115)
    code_x = result[-1].x1 + 12
    words += result + words_at("8.5", code_x, 115, 9, "Sans-Bold") + words_at("Plein emploi", code_x, 127, 8.4)
    f = fields_of(page(words))
    assert f.results == ("Élèves accueillis : 1 200",)
    assert f.sdg_targets == (("8.5", "Plein emploi"),)


def test_last_column_ends_at_the_gutter_next_to_a_right_sidebar():
    """Justified word gaps wider than the column gap must not be taken for the column's edge."""
    words = plain_sheet()
    left = words_at("• Les capacités", 300, 115)
    right = words_at("renforcées ;", left[-1].x1 + 14, 115)  # a stretched justified space
    code_x = right[-1].x1 + 6
    words += left + right + words_at("8.5", code_x, 115, 9, "Sans-Bold") + words_at("Plein emploi", code_x, 127, 8.4)
    f = fields_of(page(words))
    assert f.results == ("Les capacités renforcées",)


def test_title_shrunk_to_fit_is_still_the_title():
    """Designs shrink long titles: 1.3 x the body size (14 pt over 10.5 pt seen in round trips)."""
    words = words_at("Un titre long réduit pour tenir", 40, 40, 13.7, "Sans-Bold")
    for x, head in ((40, "OBJECTIF"), (170, "ACTIVITES"), (300, "RESULTATS")):
        words += words_at(head, x, 100, 10.5, "Sans-Bold")
    words += paragraph(["Un objectif."], 40, 115, 10.5) + paragraph(["• Une activité ;"], 170, 115, 10.5)
    words += paragraph(["• Un résultat ;"], 300, 115, 10.5)
    assert fields_of(page(words)).title == "Un titre long réduit pour tenir"
