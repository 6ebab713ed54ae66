"""Segmentation rules: joining lines, hyphens, bullets, indents, cleaning."""

import pytest

from extract.geometry import words_to_lines
from extract.settings import SegmentSettings
from extract.stages.segment import is_bullet, join_lines, lines_to_items, page_lexicon
from extract.text import clean, fold, strip_item_end
from tests.pages import paragraph, words_at

SEG = SegmentSettings()
EMPTY = frozenset()


def lines(words):
    return words_to_lines(words, 0.45)


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["une coordina-", "tion locale"], "une coordination locale"),
        (["le vivre-", "ensemble"], "le vivre-ensemble"),
        (["d’Al-", "Majd"], "d’Al-Majd"),
        (["socio-", "économiques"], "socio-économiques"),
        (["inter\u00ad", "national"], "international"),
        (["un mot", "suivant"], "un mot suivant"),
        (["la date -", "demain"], "la date - demain"),
    ],
)
def test_join_lines_hyphen_rules(texts, expected):
    assert join_lines(texts, EMPTY, SEG) == expected


def test_page_lexicon_decides_hyphen():
    lexicon = page_lexicon(lines(words_at("porte-parole et coordination", 0, 0)))
    assert join_lines(["un porte-", "parole"], lexicon, SEG) == "un porte-parole"
    assert join_lines(["la coordi-", "nation"], lexicon, SEG) == "la coordination"


def test_clean_folds_spaces_and_ligatures():
    assert clean("ef\ufb01cace\u00a0 et  \ufb02ux\u200b ") == "efficace et flux"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Organiser des ateliers ;", "Organiser des ateliers"),
        ("Un centre.", "Un centre"),
        ("Item,", "Item"),
        ("Sans ponctuation", "Sans ponctuation"),
    ],
)
def test_strip_item_end(text, expected):
    assert strip_item_end(text, SEG.item_end_punctuation) == expected


def test_fold_drops_accents_case_punctuation():
    assert fold("Résultats  attendus :") == fold("RESULTATS ATTENDUS") == "resultats attendus"


@pytest.mark.parametrize("glyph", ["•", "▪", "–", "-", "(cid:108)", "\uf0b7", "1.", "a)"])
def test_bullet_items(glyph):
    words = (
        words_at(glyph, 10, 0)
        + paragraph(["Premier item qui", "continue ;"], 20, 0)
        + words_at(glyph, 10, 30)
        + words_at("Second item ;", 20, 30)
    )
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Premier item qui continue", "Second item"]


def test_symbol_font_glyph_is_bullet():
    [word] = words_at("l", 10, 0, font="ABCDEF+ZapfDingbats")
    assert is_bullet(word, SEG)


def test_bullet_glued_to_text():
    words = words_at("•Premier", 10, 0) + words_at("•Second", 10, 15)
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Premier", "Second"]


def test_hanging_indent_items_without_bullets():
    words = words_at("Premier item", 10, 0) + words_at("suite indentée", 20, 12) + words_at("Second item", 10, 24)
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Premier item suite indentée", "Second item"]


def test_paragraph_gap_items_without_bullets_or_indent():
    words = paragraph(["Premier item", "sur deux lignes"], 10, 0) + paragraph(["Second item"], 10, 40)
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Premier item sur deux lignes", "Second item"]


def test_semicolon_ends_item_when_spacing_is_uniform():
    words = paragraph(["Premier item ;", "Second item ;", "Troisième"], 10, 0)
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Premier item", "Second item", "Troisième"]


def test_dash_inside_text_is_not_a_bullet():
    words = words_at("•", 10, 0) + paragraph(["Un item avec", "- un tiret plus loin ;"], 20, 0)
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Un item avec - un tiret plus loin"]


def test_line_end_hyphen_of_a_compound_on_a_function_word_stays():
    from extract.settings import SegmentSettings
    from extract.stages.segment import join_lines

    seg = SegmentSettings()
    assert (
        join_lines(["courses for out-of-", "school children"], frozenset(), seg) == "courses for out-of-school children"
    )
    assert join_lines(["droits socio-éco-", "nomiques"], frozenset(), seg) == "droits socio-économiques"
