"""Segmentation rules: joining lines, hyphens, bullets, indents, cleaning."""

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from extract.geometry import words_to_lines
from extract.settings import SegmentSettings
from extract.stages.segment import (
    PageLexicon,
    is_bullet,
    join_lines,
    joins_as_break,
    known_compounds,
    leading_bullet,
    lines_to_items,
    page_lexicon,
    strip_bullet,
)
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


def test_the_page_lexicon_holds_the_pages_words_and_the_known_compounds():
    """PageLexicon: the page's words (lower case, hyphenated compounds too) and the compounds of the
    canonical texts, nothing else."""
    page = lines(words_at("Porte-parole et coordination", 0, 0))
    lexicon = PageLexicon(page)
    compound = sorted(known_compounds())[0]
    for word in ("porte-parole", "et", "coordination", compound):
        assert word in lexicon
    for word in ("Porte-parole", "parole-porte", "coordinations", ""):
        assert word not in lexicon
    assert lexicon.words == page_lexicon(page) | known_compounds()


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


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["la de-", "mande"], "la demande"),
        (["the out-of-box-", "ing"], "the out-of-boxing"),
        (["la mise-en-", "scène"], "la mise-en-scène"),
    ],
)
def test_compound_link_is_the_last_part_of_a_hyphenated_head(texts, expected):
    """join_lines: a function word keeps the hyphen only as the last part of a hyphenated head."""
    assert join_lines(texts, EMPTY, SEG) == expected


# --- joining lines: the rules the cases above leave open -------------------------------------


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["aller vers le multi-", "culturel"], "aller vers le multi-culturel"),
        (["l’anti-", "racisme"], "l’anti-racisme"),
        (["l'anti-", "racisme"], "l'anti-racisme"),
        (["le bien-vivre-", "ensemble"], "le bien-vivre-ensemble"),
        (["e-", "Learning"], "e-Learning"),
    ],
)
def test_join_lines_prefix_rule_reads_the_last_part_before_the_hyphen(texts, expected):
    """Hyphen kept: the last part of the word before it (after ’ ' -) is a prefix, or the next word is capitalised."""
    assert join_lines(texts, EMPTY, SEG) == expected


def test_join_lines_rejoins_a_word_continued_after_an_apostrophe():
    """join_lines: « aujour- » then « d’hui » is one word broken at the line end."""
    assert join_lines(["c’est aujour-", "d’hui"], EMPTY, SEG) == "c’est aujourd’hui"


def test_list_items_use_the_page_lexicon_and_prefixes():
    """lines_to_items: hyphens inside items follow the page lexicon and the compound prefixes."""
    words = words_at("•", 10, 0) + paragraph(["un accord franco-", "marocain ;"], 20, 0)
    words += words_at("•", 10, 30) + paragraph(["un quartier multi-", "culturel"], 20, 30)
    lexicon = lexicon_of("franco-marocain")
    assert lines_to_items(lines(words), lexicon, SEG) == ["un accord franco-marocain", "un quartier multi-culturel"]


def test_join_lines_skips_empty_lines():
    """join_lines: blank lines add nothing, and the lines after them are kept."""
    assert join_lines(["un", "  ", "", "deux"], EMPTY, SEG) == "un deux"


def test_join_lines_a_lone_dash_is_not_a_broken_word():
    """join_lines: a line that is only a dash is text, not the end of a hyphenated word."""
    assert join_lines(["-", "mot"], EMPTY, SEG) == "- mot"


def test_join_lines_drops_soft_hyphens_inside_a_line():
    """join_lines: a soft hyphen (U+00AD) is never printed text, wherever it is."""
    assert join_lines(["inter\u00adnational et", "local"], EMPTY, SEG) == "international et local"


@pytest.mark.parametrize("left, right", [("2020", "mot"), ("mot", "2020"), ("", "mot"), ("mot", "")])
def test_joins_as_break_needs_a_word_on_both_sides(left, right):
    """joins_as_break: without a word before and after the hyphen, it is not a broken word."""
    assert not joins_as_break(left, right, EMPTY, SEG)


# --- hyphen re-joins decided by the page lexicon ---------------------------------------------


def lexicon_of(text: str) -> frozenset[str]:
    return page_lexicon(lines(words_at(text, 0, 0)))


def test_attested_hyphenated_form_keeps_the_hyphen_before_an_ordinary_word():
    """Lexicon: « franco-marocain » printed on the page keeps the hyphen, though « marocain » is lower case."""
    assert join_lines(["un partenariat franco-", "marocain"], EMPTY, SEG) == "un partenariat francomarocain"
    lexicon = lexicon_of("le dialogue franco-marocain")
    assert join_lines(["un partenariat franco-", "marocain"], lexicon, SEG) == "un partenariat franco-marocain"


def test_attested_joined_form_overrides_the_prefix_rule():
    """Lexicon: « Multiculturel » printed on the page re-joins « multi- culturel » despite the prefix."""
    lexicon = lexicon_of("Un quartier Multiculturel")
    assert join_lines(["un quartier multi-", "culturel"], lexicon, SEG) == "un quartier multiculturel"


def test_attested_joined_form_overrides_the_capital_rule():
    """Lexicon: « MacDonald » printed on the page re-joins « Mac- Donald » despite the capital."""
    assert join_lines(["la fondation Mac-", "Donald"], EMPTY, SEG) == "la fondation Mac-Donald"
    lexicon = lexicon_of("la fondation MacDonald")
    assert join_lines(["la fondation Mac-", "Donald"], lexicon, SEG) == "la fondation MacDonald"


def test_attested_joined_form_wins_over_attested_hyphenated_form():
    """Lexicon: when both forms are printed, the hyphen at a line end is a break."""
    lexicon = lexicon_of("franco-marocain et francomarocain")
    assert join_lines(["franco-", "marocain"], lexicon, SEG) == "francomarocain"


# --- joining lines: line-end hyphens of compounds (« c’est- » / « à-dire ») ------------------


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["c’est-", "à-dire"], "c’est-à-dire"),
        (["vis-", "à-vis"], "vis-à-vis"),
        (["well-", "known"], "well-known"),
        (["informa-", "tion"], "information"),
        (["l’orga-", "nisa-", "tion"], "l’organisation"),
    ],
)
def test_join_lines_keeps_the_hyphen_when_the_next_word_is_hyphenated(texts, expected):
    """join_lines: a next word hyphenated before its first blank means a compound cut at its own
    hyphen; a next line that merely ends in a hyphen is not one (« nisa- » is broken again)."""
    assert join_lines(texts, EMPTY, SEG) == expected


def test_join_lines_peut_etre_needs_the_prefix_setting():
    """« peut- » / « être » are two words: only the page or `compound_prefixes` can tell."""
    assert join_lines(["peut-", "être"], EMPTY, SEG) == "peutêtre"
    seg = SegmentSettings(compound_prefixes=(*SEG.compound_prefixes, "peut"))
    assert join_lines(["peut-", "être"], EMPTY, seg) == "peut-être"


LETTERS = "abcdefghijklmnopqrstuvwxyzàâçéèêîôû"
PARTS = st.text(LETTERS, min_size=1, max_size=8)


@given(word=st.text(LETTERS, min_size=4, max_size=16), data=st.data())
def test_property_a_word_cut_anywhere_is_rejoined(word, data):
    """Property: a plain word cut at a line end comes back whole, unless its first part is a
    compound prefix (« well- » / « known »)."""
    cut = data.draw(st.integers(2, len(word) - 2))
    assume(word[:cut] not in SEG.compound_prefixes)
    assert join_lines([f"la {word[:cut]}-", f"{word[cut:]} suite"], EMPTY, SEG) == f"la {word} suite"


@given(parts=st.lists(PARTS, min_size=3, max_size=5), data=st.data())
def test_property_a_compound_cut_before_its_last_hyphen_is_kept_whole(parts, data):
    """Property: a compound cut at any of its hyphens but the last comes back whole, without help
    from the page."""
    compound = "-".join(parts)
    cut = len("-".join(parts[: data.draw(st.integers(1, len(parts) - 2))]))
    assert join_lines([compound[: cut + 1], compound[cut + 1 :]], EMPTY, SEG) == compound


@given(parts=st.lists(st.text(LETTERS, min_size=4, max_size=8), min_size=2, max_size=4), data=st.data())
def test_property_a_compound_cut_inside_a_part_needs_the_page(parts, data):
    """Property: « deci- » / « sion-making » is rejoined only when the page prints the compound
    whole; otherwise the next word's hyphen keeps the line-end one."""
    compound = "-".join(parts)
    cut = data.draw(st.integers(2, len(parts[0]) - 2))
    texts = [f"{compound[:cut]}-", compound[cut:]]
    assert join_lines(texts, frozenset({compound}), SEG) == compound
    assert join_lines(texts, EMPTY, SEG) == f"{compound[:cut]}-{compound[cut:]}"


@given(texts=st.lists(st.text(LETTERS + " -’", max_size=20), max_size=5))
def test_property_join_lines_only_adds_blanks_and_drops_line_end_hyphens(texts):
    """Property: every character but blanks and hyphens is kept, in order."""
    letters = lambda text: re.sub(r"[\s-]", "", text)  # noqa: E731
    assert letters(join_lines(texts, EMPTY, SEG)) == letters("".join(texts))


@given(texts=st.lists(st.text(LETTERS + " ", max_size=20), max_size=5))
def test_property_lines_without_hyphens_are_joined_by_one_blank(texts):
    """Property: without hyphens, joining lines is joining their words with single blanks."""
    assert join_lines(texts, EMPTY, SEG) == " ".join(" ".join(texts).split())


# --- bullets ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["\ue000", "\uf0b7", "\uf8ff"])
def test_private_use_glyph_is_a_bullet(text):
    """is_bullet: a lone private-use character (U+E000 to U+F8FF, both ends) is a bullet."""
    [word] = words_at(text, 10, 0)
    assert is_bullet(word, SEG)


@pytest.mark.parametrize("text, font", [("\uf900", "Sans"), ("a", "Sans"), ("Un", "Sans"), ("lll", "ZapfDingbats")])
def test_not_a_bullet(text, font):
    """is_bullet: letters in a text font, a CJK character, or three symbol-font glyphs are not bullets."""
    [word] = words_at(text, 10, 0, font=font)
    assert not is_bullet(word, SEG)


def test_two_symbol_font_glyphs_are_a_bullet():
    """is_bullet: up to two glyphs of a symbol font at a line start are a bullet."""
    [word] = words_at("ll", 10, 0, font="ABCDEF+Wingdings-Regular")
    assert is_bullet(word, SEG)


@pytest.mark.parametrize("text", ["-mot collé", "–2020 et après", "—suite", "*note"])
def test_dash_glued_to_a_word_is_not_a_bullet(text):
    """leading_bullet: - – — * glued to a word are a hyphen, a range or a mark, not a bullet."""
    [line] = lines(words_at(text, 10, 0))
    assert leading_bullet(line, SEG) is None
    assert strip_bullet(line, SEG) == text


def test_line_starting_with_a_glued_dash_continues_its_item():
    """lines_to_items: a line starting « –2020 » or « -mot » is not a new item."""
    words = (
        words_at("•", 10, 0)
        + paragraph(["Budget 2019", "–2020 ;"], 20, 0)
        + words_at("•", 10, 30)
        + paragraph(["Un tiret", "-mot collé"], 20, 30)
    )
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Budget 2019 –2020", "Un tiret -mot collé"]


@pytest.mark.parametrize(
    "text, glyph, rest", [("•À l’échelle locale", "•", "À l’échelle locale"), ("▪x y", "▪", "x y")]
)
def test_bullet_glued_to_a_word_keeps_the_words_in_order(text, glyph, rest):
    """strip_bullet: a hard bullet glued to the first word is cut off; the words stay in order."""
    [line] = lines(words_at(text, 10, 0))
    assert leading_bullet(line, SEG) == glyph
    assert strip_bullet(line, SEG) == rest


# --- items -----------------------------------------------------------------------------------


def test_lead_in_line_before_the_first_bullet_is_an_item():
    """item_starts: text above the first bullet is kept as an item of its own."""
    words = (
        words_at("Les activités :", 10, 0)
        + words_at("•", 10, 15)
        + words_at("Ateliers", 20, 15)
        + words_at("•", 10, 30)
        + words_at("Formations", 20, 30)
    )
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Les activités", "Ateliers", "Formations"]


def test_bullets_within_the_alignment_slack_start_items():
    """_bullet_starts: a bullet up to bullet_align_slack right of the leftmost starts an item; deeper is inside."""
    slack = SEG.bullet_align_slack
    words = (
        words_at("•", 10, 0)
        + words_at("Premier", 20, 0)
        + words_at("•", 10 + slack, 15)
        + words_at("Second", 20 + slack, 15)
        + words_at("•", 10 + slack + 8, 30)
        + words_at("sous-item", 20 + slack + 8, 30)
    )
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Premier", "Second • sous-item"]


def test_first_line_indent_items():
    """_indent_starts: when the first line is indented, every indented line starts an item."""
    words = (
        words_at("Premier item", 20, 0)
        + words_at("qui continue", 10, 12)
        + words_at("Second item", 20, 24)
        + words_at("suite", 10, 36)
    )
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Premier item qui continue", "Second item suite"]


def test_an_indent_of_exactly_the_ratio_counts():
    """_indent_starts: an indent of hanging_indent_ratio x font size (or more) is an indent."""
    indent = SEG.hanging_indent_ratio * 10
    words = (
        words_at("Premier", 10, 0, size=10)
        + words_at("suite", 10 + indent, 13, size=10)
        + words_at("Second", 10, 26, size=10)
    )
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Premier suite", "Second"]


def test_a_small_offset_is_not_an_indent():
    """_indent_starts: lines a fraction of a point apart are one paragraph, not items."""
    words = words_at("Une phrase", 10, 0) + words_at("qui continue", 10.5, 12) + words_at("ici", 10, 24)
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Une phrase qui continue ici"]


def test_uniformly_spaced_lines_are_one_item():
    """_gap_starts: without a wider gap or a « ; », lines are one item whatever their number."""
    words = paragraph(["Une phrase", "qui continue", "sur quatre", "lignes."], 10, 0)
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Une phrase qui continue sur quatre lignes"]


def test_a_gap_must_exceed_the_ratio_to_start_an_item():
    """_gap_starts: a gap of exactly paragraph_gap_ratio x the line pitch is not a paragraph break."""
    pitch = 10.0
    words = (
        words_at("Un", 10, 0)
        + words_at("deux", 10, pitch)
        + words_at("trois", 10, pitch * (1 + SEG.paragraph_gap_ratio))
    )
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Un deux trois"]
    words = words_at("Un", 10, 0) + words_at("deux", 10, pitch) + words_at("trois", 10, pitch * 2.5 + 1)
    assert lines_to_items(lines(words), EMPTY, SEG) == ["Un deux", "trois"]
