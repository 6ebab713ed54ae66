"""Layout stage: furniture (running text, page numbers, logos, sideways strips) and furniture learnt per document."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.geometry import Box, Line, Word
from extract.settings import Settings
from extract.stages.document import DocumentContext
from extract.stages.layout.document import is_learnt_furniture, learn_document, segment_key
from extract.stages.layout.furniture import _WordIndex, is_furniture, is_logo, logo_frames, sideways_glyphs
from extract.stages.read import PageContent
from tests.pages import page, words_at

S = Settings()
L = S.layout
BLUE = (0.0, 0.4, 0.6)


def word(text: str, x0: float = 10.0, top: float = 100.0, size: float = 9.0, font: str = "Sans") -> Word:
    return Word(text, x0, x0 + len(text) * size * 0.5, top, top + size, size, font)


# furniture.py


def seg(text: str, x0: float = 40.0, top: float = 400.0, size: float = 9.0, font: str = "Sans") -> Line:
    return Line(tuple(words_at(text, x0, top, size, font)))


BLANK = page([])


def test_running_headers_are_furniture_by_their_folded_prefix():
    """A segment starting with a listed running-header phrase (after folding) is furniture."""
    assert is_furniture(seg("Migration ville à ville en Méditerranée 2024"), BLANK, L)
    assert not is_furniture(seg("La migration ville à ville"), BLANK, L)


def test_text_set_sideways_is_furniture_only_when_every_word_is_tall():
    """A segment whose every word is taller than rotated_height_ratio sizes is a sideways strip."""
    tall = Word("MIGRATION", 10, 19, 100, 100 + 9 * L.rotated_height_ratio + 1, 9, "Sans")
    flat = Word("ville", 20, 40, 100, 109, 9, "Sans")
    assert is_furniture(Line((tall,)), BLANK, L)
    assert not is_furniture(Line((tall, flat)), BLANK, L)
    exact = Word("MIGRATION", 10, 19, 0, 9 * L.rotated_height_ratio, 9, "Sans")
    assert not is_furniture(Line((exact,)), BLANK, L)


def test_a_lone_number_is_furniture_only_in_the_top_or_bottom_margin():
    """Page numbers: digits alone in the page_number_margin_ratio bands; not mid-page, not words."""
    margin = L.page_number_margin_ratio * BLANK.height
    assert is_furniture(seg("3", top=BLANK.height - margin + 0.5), BLANK, L)
    assert is_furniture(seg("3", top=margin - 9 - 0.5), BLANK, L)
    assert not is_furniture(seg("3", top=400), BLANK, L)
    assert not is_furniture(seg("3", top=margin - 9 + 0.5), BLANK, L)
    assert not is_furniture(seg("3", top=BLANK.height - margin - 0.5), BLANK, L)
    assert not is_furniture(seg("3a", top=BLANK.height - 20), BLANK, L)


def test_learnt_furniture_is_furniture_of_its_document_only():
    """Text the document context learnt as repeated at one place is furniture; without context it is not."""
    footer = seg("Projet Alpha 2024", top=800)
    context = DocumentContext(file="f.pdf", page_count=5, furniture=(segment_key(footer, L),), learnt=True)
    assert is_furniture(footer, BLANK, L, document=context)
    assert not is_furniture(footer, BLANK, L)
    assert not is_furniture(footer, BLANK, L, document=DocumentContext(file="f.pdf", page_count=5))
    assert not is_learnt_furniture(footer, None, L)


def logo_page(box: Box, words: list[Word] | None = None) -> PageContent:
    return page(words if words is not None else words_at("LOGO", 40, 30, 8), [box])


def test_a_logo_is_small_text_framed_by_a_small_box_in_the_top_or_bottom_band():
    """Text inside a stroked or dark box, narrow, in the top/bottom band, with few words, is a logo."""
    box = Box(35, 80, 25, 42, False, True)
    p = logo_page(box)
    assert logo_frames(p, L) == (box,)
    assert is_furniture(seg("LOGO", top=30, size=8), p, L)
    dark = Box(35, 80, 25, 42, True, False, (0.1, 0.2, 0.3))
    assert logo_frames(logo_page(dark), L) == (dark,)


@pytest.mark.parametrize(
    "box",
    [
        Box(35, 80, 25, 42, True, False, (0.95, 0.95, 0.95)),  # light fill: a background
        Box(35, 80 + 0.3 * 595, 25, 42, False, True),  # wider than logo_box_max_width_ratio of the page
        Box(35, 80, 300, 317, False, True),  # mid-page, outside the bands
    ],
)
def test_light_wide_or_mid_page_boxes_frame_no_logo(box):
    """A logo frame is dark or stroked, narrow and in the top or bottom band."""
    assert logo_frames(logo_page(box), L) == ()


def test_a_frame_in_the_bottom_band_frames_a_logo():
    """The bottom band counts as well as the top one."""
    bottom = BLANK.height - L.logo_band_ratio * BLANK.height
    box = Box(35, 80, bottom, bottom + 17, False, True)
    assert logo_frames(logo_page(box, words_at("LOGO", 40, bottom + 4, 8)), L) == (box,)
    box = Box(35, 80, bottom - 0.5, bottom + 17, False, True)
    assert logo_frames(logo_page(box, words_at("LOGO", 40, bottom + 4, 8)), L) == ()


def test_a_box_holding_more_words_than_a_logo_name_frames_no_logo():
    """A box with more than logo_max_words words is a boxed item, not a logo."""
    box = Box(35, 170, 25, 42, False, True)
    assert logo_frames(logo_page(box, words_at("un deux trois", 40, 30, 8)), L) == (box,)
    assert logo_frames(logo_page(box, words_at("un deux trois quatre", 40, 30, 8)), L) == ()


def test_title_sized_or_loosely_framed_text_is_no_logo():
    """A logo is smaller than title size, and its frame is at most logo_box_max_lines of its height."""
    line = seg("LOGO", top=30, size=8)
    snug = Box(35, 80, 28, 40, False, True)
    assert is_logo(line, [snug], L, body=9.0)
    assert not is_logo(line, [snug], L, body=8 / L.title_min_ratio)
    assert is_logo(line, [snug], L)
    tall = Box(35, 80, 28, 28 + L.logo_box_max_lines * line.height + 0.5, False, True)
    assert not is_logo(line, [tall], L)
    low = Box(35, 80, 28, 28 + line.height - 0.5, False, True)
    assert not is_logo(line, [low], L)


def strip(x: float, top: float, count: int, pitch: float, size: float = 9.0) -> list[Word]:
    return [Word("A", x, x + 6, top + i * pitch, top + i * pitch + size, size, "Sans") for i in range(count)]


def test_a_column_of_single_glyphs_stacked_closer_than_a_line_is_sideways_text():
    """strip_min_glyphs or more short words with shared edges, each within strip_pitch_ratio sizes, are a strip."""
    glyphs = strip(560, 200, L.strip_min_glyphs, 9 * L.strip_pitch_ratio - 0.01)
    assert sideways_glyphs(glyphs, L) == frozenset(glyphs)
    assert sideways_glyphs(glyphs[:-1], L) == frozenset()


def test_glyphs_further_apart_than_the_pitch_break_the_strip():
    """A gap wider than strip_pitch_ratio sizes ends a run; each run is judged on its own."""
    glyphs = strip(560, 200, 4, 8) + strip(560, 300, 3, 8)
    assert sideways_glyphs(glyphs, L) == frozenset(glyphs[:4])
    loose = strip(560, 200, 5, 9 * L.strip_pitch_ratio + 0.5)
    assert sideways_glyphs(loose, L) == frozenset()


def test_words_longer_than_two_letters_never_form_a_strip():
    """Only short words (two letters at most) are strip glyphs."""
    words = [Word(t, 560, 566, 200 + i * 8, 209 + i * 8, 9, "Sans") for i, t in enumerate(["AB", "CD", "EF", "GHI"])]
    assert sideways_glyphs(words, L) == frozenset()
    words = [Word(t, 560, 566, 200 + i * 8, 209 + i * 8, 9, "Sans") for i, t in enumerate(["AB", "CD", "EF", "GH"])]
    assert sideways_glyphs(words, L) == frozenset(words)


# document.py


def test_a_segment_key_ignores_digits_case_and_small_shifts():
    """Key = folded text with digits as #, and position in furniture_position_tolerance buckets."""
    tol = L.furniture_position_tolerance
    assert segment_key(seg("Page 12", x0=5 * tol, top=100 * tol), L) == ("page #", 5, 100)
    assert segment_key(seg("PAGE 3", x0=5 * tol + 1, top=100 * tol - 1), L) == ("page #", 5, 100)


def band_page(number: int, *lines: tuple[str, float]) -> PageContent:
    words = [w for text, top in lines for w in words_at(text, 40, top, 9)]
    return page(words + words_at("Un texte courant", 40, 400), number=number)


def test_text_repeated_in_the_outer_band_of_most_pages_is_learnt_furniture():
    """Band text at one place on furniture_repeat_min_share of the pages (and min pages) is learnt."""
    pages = [band_page(n, (f"Rapport annuel {n}", 20.0), ("Pied de page", 820.0)) for n in range(1, 5)]
    context = learn_document(pages, L)
    assert context.learnt and context.page_count == 4
    assert context.furniture == tuple(
        sorted([segment_key(seg("Rapport annuel 1", top=20), L), segment_key(seg("Pied de page", top=820), L)])
    )


def test_band_text_on_too_few_pages_or_mid_page_is_not_learnt():
    """Below the repeat share, below the minimum pages, or outside the bands: not furniture."""
    few = [band_page(n, ("Pied", 820.0)) for n in range(1, 3)] + [band_page(n) for n in range(3, 6)]
    assert learn_document(few, L).furniture == ()
    share = [band_page(n, ("Pied", 820.0)) for n in range(1, 4)] + [band_page(n) for n in range(4, 10)]
    assert learn_document(share, L).furniture == ()
    mid = [band_page(n, ("Milieu", 300.0)) for n in range(1, 5)]
    assert learn_document(mid, L).furniture == ()


def test_sdg_codes_in_the_band_are_never_learnt_as_furniture():
    """A band line holding an SDG code is content, however often it repeats."""
    pages = [band_page(n, ("10.7 Faciliter", 820.0)) for n in range(1, 5)]
    assert learn_document(pages, L).furniture == ()


def test_learning_keeps_the_given_context():
    """The learnt furniture is added to the context passed in, its other facts kept."""
    base = DocumentContext(file="f.pdf", page_count=40)
    context = learn_document([band_page(n, ("Pied", 820.0)) for n in range(1, 5)], L, base)
    assert (context.file, context.page_count, context.learnt) == ("f.pdf", 40, True)
    assert len(context.furniture) == 1


def test_frames_passed_in_replace_the_pages_own_and_body_size_rules_out_title_text():
    """is_furniture uses the logo frames it is given, and no title-sized text is a logo."""
    snug = Box(35, 80, 28, 40, False, True)
    line = seg("LOGO", top=30, size=8)
    assert is_furniture(line, BLANK, L, frames=[snug])
    assert not is_furniture(line, BLANK, L, frames=[])
    assert not is_furniture(line, BLANK, L, body=8 / L.title_min_ratio, frames=[snug])


def test_logo_frame_bounds_are_inclusive():
    """A frame exactly logo_box_max_width_ratio of the page wide, ending exactly at the top band, counts."""
    band = L.logo_band_ratio * BLANK.height
    box = Box(35, 35 + L.logo_box_max_width_ratio * BLANK.width, band - 17, band, False, True)
    assert logo_frames(logo_page(box, words_at("LOGO", 40, band - 13, 8)), L) == (box,)


def test_strip_glyphs_a_little_off_their_column_still_join_it():
    """Glyph edges are compared in STRIP_EDGE_TOLERANCE buckets: small jitter keeps one column."""
    glyphs = [
        Word("A", x, x + 6, 200 + i * 8, 209 + i * 8, 9, "Sans") for i, x in enumerate([560.2, 560.9, 560.2, 560.9])
    ]
    assert sideways_glyphs(glyphs, L) == frozenset(glyphs)


def test_a_logo_frame_holds_its_text_with_slack_from_one_to_logo_box_max_lines_heights():
    """The frame holds the text within logo_frame_slack and is one to logo_box_max_lines text heights tall."""
    line = seg("LOGO", x0=34, top=30, size=8)
    assert is_logo(line, [Box(35, 80, 30, 38, False, True)], L)
    assert is_logo(line, [Box(35, 80, 28, 28 + L.logo_box_max_lines * 8, False, True)], L)


def test_a_strip_pitch_counts_the_larger_size_of_either_glyph_and_the_last_glyphs_height():
    """Glyphs join a strip while each lies within strip_pitch_ratio x the largest of both sizes and the last height."""
    sizes = [9, 5, 9, 5]
    glyphs = [Word("A", 560, 566, 200 + i * 9, 205 + i * 9, s, "Sans") for i, s in enumerate(sizes)]
    assert sideways_glyphs(glyphs, L) == frozenset(glyphs)
    pairs = [Word("AB", 560, 566, 200 + i * 9, 209 + i * 9, 5, "Sans") for i in range(4)]
    assert sideways_glyphs(pairs, L) == frozenset(pairs)


def test_band_text_on_exactly_the_least_number_of_pages_is_learnt_and_textless_marks_never():
    """Repeats on exactly max(furniture_repeat_min_pages, share x pages) pages count; a key with no text never."""
    pages = [band_page(n, ("Pied", 820.0), ("•", 20.0)) for n in range(1, 4)] + [band_page(4)]
    context = learn_document(pages, L)
    assert [key[0] for key in context.furniture] == ["pied"]
    assert context.file == ""


EDGE = st.floats(min_value=0, max_value=200, allow_nan=False)


@st.composite
def rects(draw) -> tuple[float, float, float, float]:
    x0, top = draw(EDGE), draw(EDGE)
    return x0, x0 + draw(st.floats(0, 80)), top, top + draw(st.floats(0, 40))


@given(st.lists(rects(), max_size=30), rects(), st.floats(0, 5))
def test_the_word_index_counts_what_testing_every_word_counts(spots, frame, slack):
    """logo_frames: the words a box holds, counted through the page's top/bottom index."""
    words = [Word("w", x0, x1, top, bottom, 9.0, "Sans") for x0, x1, top, bottom in spots]
    box = Box(*frame)
    assert _WordIndex(words).count_in(box, slack) == sum(box.contains(w, slack) for w in words)
