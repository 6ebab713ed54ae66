"""Layout stage: what a text names (aliases), what makes a line a block header, its bar, the page
language and header rows."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.geometry import Box, Line, Word, words_to_segments
from extract.settings import Settings
from extract.stages.layout.aliases import (
    HeaderMatch,
    HeaderMatcher,
    alias_index,
    alias_words,
    header_aliases,
    header_words,
    match_header,
    match_indexed,
)
from extract.stages.layout.headers import (
    body_font,
    find_headers,
    header_bar,
    header_passes,
    header_rows,
    looks_like_header,
    missing_column_reason,
    page_language,
)
from extract.stages.layout.model import Header
from extract.text import fold, fold_compact
from tests.pages import words_at

S = Settings()
L = S.layout
BLUE = (0.0, 0.4, 0.6)


def word(text: str, x0: float = 10.0, top: float = 100.0, size: float = 9.0, font: str = "Sans") -> Word:
    return Word(text, x0, x0 + len(text) * size * 0.5, top, top + size, size, font)


# headers.py

ALIASES = alias_words(S.headers)


def test_header_words_drop_numbers_and_glue_a_lone_capital_to_its_word():
    """Folded words, numbers dropped, a lone letter glued to the next (small capitals in two sizes)."""
    assert header_words("3 R ECOMMANDATIONS Politiques") == ("recommandations", "politiques")
    assert header_words("Objectif 2 général") == ("objectif", "general")


def _header_words_rule(text: str) -> tuple[str, ...]:
    """header_words' rule spelt out: folded words, digit words dropped, a one-letter word glued to the next."""
    words: list[str] = []
    for word in fold(text).split():
        if not word.isdigit():
            if words and len(words[-1]) == 1:
                words[-1] += word
            else:
                words.append(word)
    return tuple(words)


@given(st.lists(st.sampled_from(["R", "é", "2", "12", "de", "Objectifs", "A", "x2", "²"]), max_size=8))
def test_header_words_follow_their_rule(words):
    """Whatever mix of letters, numbers and long words, the header words are the rule's."""
    text = " ".join(words)
    assert header_words(text) == _header_words_rule(text)


def test_a_header_in_small_capitals_cut_after_its_first_letter_names_its_kind():
    """A lone capital glued to the rest of its word ("R" + "ECOMMANDATIONS") starts an alias run."""
    assert match_header("R ECOMMANDATIONS POLITIQUES", ALIASES, 2) == HeaderMatch("recommendations", "fr", 2, 0)
    assert match_header("Nos R ECOMMANDATIONS POLITIQUES", ALIASES, 2) == HeaderMatch("recommendations", "fr", 2, 1)


def test_a_letter_spaced_header_matches_its_alias_exactly():
    """A line equal to an alias once spaces are dropped is that header, with no extra words."""
    assert match_header("A C T I V I T É S", ALIASES, 2) == HeaderMatch("activities", "fr", 1, 0)


def test_a_header_may_print_at_most_the_allowed_extra_words():
    """An alias with up to header_extra_words_max other words still names its kind; more do not."""
    assert match_header("Nos activités terrain", ALIASES, 2) == HeaderMatch("activities", "fr", 1, 2)
    assert match_header("Nos belles activités terrain", ALIASES, 2) is None
    assert match_header("Nos activités", ALIASES, 0) is None


def test_the_alias_with_the_most_words_wins():
    """'Objectifs de développement durable' names the SDG list, not the objective."""
    match = match_header("Les objectifs de développement durable", ALIASES, 2)
    assert match is not None and match.kind == "sdg"


def plain(text: str, size: float = 9.0, font: str = "Sans") -> Line:
    return Line(tuple(words_at(text, 40, 100, size, font)))


def test_a_line_looks_like_a_header_by_bar_bold_font_size_or_capitals():
    """Each of: a bar, a bold word, another font, header_size_min_ratio x body, mostly capitals."""
    bar = Box(30, 300, 95, 115, True, False, (0.0, 0.4, 0.6))
    assert not looks_like_header(plain("Nos activités"), None, "Sans", 9.0, L)
    assert looks_like_header(plain("Nos activités"), bar, "Sans", 9.0, L)
    assert looks_like_header(plain("Nos activités", font="Sans-Bold"), None, "Sans-Bold", 9.0, L)
    assert looks_like_header(plain("Nos activités", font="Serif"), None, "Sans", 9.0, L)
    assert looks_like_header(plain("Nos activités", size=L.header_size_min_ratio * 9.0), None, "Sans", 9.0, L)
    assert not looks_like_header(
        plain("Nos activités", size=L.header_size_min_ratio * 9.0 - 0.01), None, "Sans", 9.0, L
    )
    assert not looks_like_header(plain("Nos activités", size=20), None, "Sans", 0.0, L)
    assert looks_like_header(plain("NOs Ab"), None, "Sans", 9.0, L)  # 3 of 5 letters
    assert not looks_like_header(plain("NOs ab"), None, "Sans", 9.0, L)
    assert not looks_like_header(plain("2024 ..."), None, "Sans", 9.0, L)


def test_the_body_font_carries_most_characters_ties_by_name():
    """The font with most characters; a tie goes to the first name in order."""
    words = words_at("aaaa", 0, 0, font="B") + words_at("bb bb", 0, 20, font="A")
    assert body_font(words) == "A"
    assert body_font(words_at("aaaaa", 0, 0, font="B") + words_at("bb bb", 0, 20, font="A")) == "B"
    assert body_font([]) == ""


def test_the_header_bar_is_the_smallest_dark_filled_box_no_taller_than_a_few_lines():
    """Light, unfilled, too tall or not holding boxes are no bar; of the others the smallest wins."""
    line = plain("ACTIVITÉS")
    small = Box(35, 100, 96, 112, True, False, (0.0, 0.4, 0.6))
    large = Box(30, 200, 95, 113, True, False, (0.0, 0.4, 0.6))
    light = Box(36, 99, 97, 111, True, False, (0.97, 0.97, 0.97))
    hollow = Box(36, 99, 97, 111, False, True, (0.0, 0.4, 0.6))
    tall = Box(36, 99, 70, 100 + 9 * 4 + 0.5, True, False, (0.0, 0.4, 0.6))
    aside = Box(200, 300, 95, 113, True, False, (0.0, 0.4, 0.6))
    assert header_bar(line, [large, small, light, hollow], L) == small
    assert header_bar(line, [light, hollow, tall, aside], L) is None
    assert header_bar(line, [Box(36, 99, 100 - 18, 100 + 18, True, False, (0.0, 0.4, 0.6))], L) is not None


def hdr(kind: str, language: str, x: float, top: float) -> Header:
    return Header(kind, language, Line(tuple(words_at(kind.upper(), x, top))))


def test_the_page_language_is_the_majority_of_its_headers_ties_to_the_first():
    """Most headers' language; on a tie, the language of the first header."""
    assert (
        page_language([hdr("objective", "en", 0, 0), hdr("activities", "fr", 0, 0), hdr("results", "fr", 0, 0)]) == "fr"
    )
    assert page_language([hdr("objective", "en", 0, 0), hdr("activities", "fr", 0, 0)]) == "en"
    assert page_language([hdr("objective", "fr", 0, 0), hdr("activities", "en", 0, 0)]) == "fr"


def test_header_rows_group_headers_by_top_within_tolerance_left_to_right():
    """Headers whose tops differ by at most the tolerance share a row; rows top to bottom."""
    a, b, c = hdr("results", "fr", 300, 104), hdr("objective", "fr", 40, 100), hdr("activities", "fr", 40, 200)
    assert header_rows([c, a, b], 4.0) == [[b, a], [c]]
    assert header_rows([c, a, b], 3.9) == [[b], [a], [c]]


def test_the_missing_column_reason_names_the_first_missing_column_in_the_page_language():
    """No column header: 'no action blocks'; else the first missing column's first alias."""
    assert missing_column_reason([hdr("sdg", "fr", 0, 0)], S) == "no action blocks"
    found = [hdr("objective", "en", 0, 0), hdr("results", "en", 0, 0)]
    name = S.headers.columns()["activities"]["en"][0]
    assert missing_column_reason(found, S) == f"missing {name} column"
    complete = [hdr(kind, "fr", 0, 0) for kind in ("objective", "activities", "results")]
    assert missing_column_reason(complete, S) is None


def test_header_aliases_map_compact_folded_words_to_the_first_kind_naming_them():
    """Each alias, folded without spaces, maps to its kind and language."""
    table = header_aliases(S.headers)
    assert table["activites"] == ("activities", "fr")
    assert table["expectedresults"] == ("results", "en")


def test_a_lone_letter_glues_only_one_letter_words():
    """Only a one-letter word is glued to the next; two-letter words stay words."""
    assert header_words("de la R ecommandation") == ("de", "la", "recommandation")


def test_an_alias_matches_at_the_end_of_the_line_too():
    """The alias words may close the line after the extra words."""
    assert match_header("Nos principales activités", ALIASES, 2) == HeaderMatch("activities", "fr", 2, 1)
    assert match_header("Le projet activités", ALIASES, 2) == HeaderMatch("activities", "fr", 1, 2)


def test_a_letter_spaced_alias_of_several_words_matches_exactly():
    """Letter-spaced words of a multi-word alias compare equal once spaces are dropped."""
    assert match_header("O B J E C T I F G É N É R A L", ALIASES, 2) == HeaderMatch("objective", "fr", 2, 0)


def test_a_numbered_header_is_an_exact_match_without_extra_words():
    """A number before the alias folds away: the match has no extra words."""
    assert match_header("3 Activités", ALIASES, 2) == HeaderMatch("activities", "fr", 1, 0)


def test_of_two_aliases_of_equal_length_the_first_listed_wins():
    """On equal alias length the earlier kind keeps the match."""
    match = match_header("Objectif activités", ALIASES, 2)
    assert match is not None and match.kind == "objective"


def test_the_header_bar_is_chosen_by_area_and_holds_its_header_within_the_slack():
    """Of holding bars the smallest in area wins (not the squarest); bar_slack lets the text touch its edge."""
    line = plain("ACTIVITÉS")
    flat = Box(35, 135, 96, 112, True, False, (0.0, 0.4, 0.6))
    square = Box(38, 108, 90, 120, True, False, (0.0, 0.4, 0.6))
    assert header_bar(line, [square, flat], L) == flat
    tight = Box(41, line.x1 - 1, 101, 108, True, False, (0.0, 0.4, 0.6))
    assert header_bar(line, [tight], L) == tight


def test_an_unknown_page_language_names_the_missing_column_in_the_first_language():
    """When the page's language has no words for the missing column, the first language's name is used."""
    found = [hdr("objective", "xx", 0, 0), hdr("results", "xx", 0, 0)]
    name = next(iter(S.headers.columns()["activities"].values()))[0]
    assert missing_column_reason(found, S) == f"missing {name} column"


def test_a_loose_header_counts_in_a_bar_or_bold_but_not_as_body_text():
    """A header with extra words must look like one: in a bar it does, in the body font it does not."""
    body = words_at("Un texte courant de la page assez long.", 40, 300)
    loose = words_at("Nos activités terrain", 40, 100)
    segments = words_to_segments(loose + body, L.line_tolerance_ratio, L.segment_gap_ratio)
    assert find_headers(segments, [], S, 9.0) == []
    bar = Box(35, 200, 96, 112, True, False, (0.0, 0.4, 0.6))
    found = find_headers(segments, [bar], S, 9.0)
    assert [(h.kind, h.bar) for h in found] == [("activities", bar)]


def test_a_header_wrapped_before_its_key_words_is_joined_with_its_next_line():
    """A line that only starts an alias is joined with the aligned line below in the same face."""
    head = words_at("MC2CM POLICY", 40, 100, 9, "Sans-Bold") + words_at("RECOMMENDATIONS", 40, 111, 9, "Sans-Bold")
    body = words_at("Some running text of the page.", 40, 300)
    segments = words_to_segments(head + body, L.line_tolerance_ratio, L.segment_gap_ratio)
    found = find_headers(segments, [], S, 9.0)
    assert [(h.kind, h.line.text) for h in found] == [("recommendations", "MC2CM POLICY RECOMMENDATIONS")]


def test_a_header_does_not_join_a_line_far_below_or_in_another_face():
    """Wrapping stops at a gap over header_wrap_gap_ratio line heights, or a line in another font."""
    body = words_at("Some running text of the page.", 40, 300)
    for second in (
        words_at("RECOMMENDATIONS", 40, 109 + L.header_wrap_gap_ratio * 9 + 1, 9, "Sans-Bold"),
        words_at("RECOMMENDATIONS", 40, 111, 9, "Serif"),
    ):
        head = words_at("MC2CM POLICY", 40, 100, 9, "Sans-Bold") + second
        segments = words_to_segments(head + body, L.line_tolerance_ratio, L.segment_gap_ratio)
        assert [h.line.text for h in find_headers(segments, [], S, 9.0)] != ["MC2CM POLICY RECOMMENDATIONS"]


def _scan_match(text: str, aliases, extra_max: int) -> HeaderMatch | None:
    """The rule as a plain scan of the aliases in order (the reference the index must agree with)."""
    compact = fold_compact(text)
    for run, kind, language in aliases:
        if "".join(run) == compact:
            return HeaderMatch(kind, language, len(run), 0)
    words = header_words(text)
    best = None
    for run, kind, language in aliases:
        extra = len(words) - len(run)
        inside = any(words[i : i + len(run)] == run for i in range(len(words) - len(run) + 1))
        if 0 <= extra <= extra_max and inside and (best is None or len(run) > best.matched):
            best = HeaderMatch(kind, language, len(run), extra)
    return best


VOCABULARY = sorted(
    {w for text in header_aliases(S.headers) for w in text.split()}
    | {word for run, _, _ in ALIASES for word in run}
    | {"nos", "2", "R", "de", "la", "A C T I V I T É S", "É", "ECOMMANDATIONS", "CTIVITÉS", "BJECTIF"}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=7), st.integers(0, 3))
def test_the_alias_index_matches_as_a_scan_of_the_aliases_in_order(words, extra_max):
    """Exact compact match first, else the longest alias run inside the words (ties: first listed)."""
    text = " ".join(words)
    assert match_header(text, ALIASES, extra_max) == _scan_match(text, ALIASES, extra_max)


def test_the_alias_index_keeps_the_first_alias_of_a_text_and_every_prefix():
    """Two aliases folding alike: the first listed names the text; every start of an alias is a prefix."""
    index = alias_index(((("a", "b"), "first", "fr"), (("ab",), "second", "en"), (("b",), "third", "fr")))
    assert index.exact["ab"] == HeaderMatch("first", "fr", 2, 0)
    assert index.runs[("ab",)] == (1, "second", "en")
    assert index.lengths == (2, 1)
    assert index.prefixes == frozenset({"a", "ab", "b"})
    assert match_indexed("xy b", index, 1) == HeaderMatch("third", "fr", 1, 1)
    assert match_indexed("xy b", index, 0) is None


def test_header_passes_find_a_kind_again_below_its_first_header():
    """The first pass is find_headers' result; the next finds the same kind again in what is left."""
    head = words_at("ACTIVITÉS", 40, 100, 9, "Sans-Bold") + words_at("OBJECTIF", 300, 100, 9, "Sans-Bold")
    again = words_at("ACTIVITÉS", 40, 400, 9, "Sans-Bold")
    body = words_at("Un texte courant de la page assez long.", 40, 200)
    segments = words_to_segments(head + again + body, L.line_tolerance_ratio, L.segment_gap_ratio)
    passes = header_passes(segments, [], S, 9.0)
    assert passes[0] == find_headers(segments, [], S, 9.0)
    assert [[(h.kind, h.line.words[0].top) for h in found] for found in passes] == [
        [("activities", 100), ("objective", 100)],
        [("activities", 400)],
    ]
    assert header_passes(words_to_segments(body, L.line_tolerance_ratio, L.segment_gap_ratio), [], S, 9.0) == []


def test_an_alias_without_words_runs_inside_any_short_text():
    """An alias whose words all fold away (digits) is the empty run: every text of at most
    `extra_max` words holds it (no first word to look for)."""
    index = alias_index(((("a", "b"), "first", "fr"), ((), "empty", "en")))
    assert index.firsts is None
    assert match_indexed("xy z", index, 2) == HeaderMatch("empty", "en", 0, 2)
    assert match_indexed("xy zz ww", index, 2) is None
    assert alias_index(((("a", "b"), "first", "fr"),)).firsts == frozenset({"a"})


ROW_STEP = 5.5  # pt between generated lines of 9 pt: closer than a line, farther than its tolerance
HEADER_LINES = (
    "MC2CM POLICY",
    "RECOMMENDATIONS",
    "ACTIVITÉS",
    "PRINCIPALES",
    "OBJECTIF",
    "CIBLES DES",
    "ODD",
    "Un texte",
)


def _passes_by_find_headers(segments: list[Line]) -> list[list[Header]]:
    """header_passes' rule spelt out: find_headers over what the earlier passes left, until none."""
    passes, left = [], list(segments)
    while found := find_headers(left, [], S, 9.0):
        passes.append(found)
        used = {w for h in found for w in h.line.words}
        left = [s for s in left if used.isdisjoint(s.words)]
    return passes


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(HEADER_LINES),
            st.sampled_from((40.0, 42.0, 300.0)),
            st.integers(0, 8),
            st.sampled_from(("Sans-Bold", "Sans")),
        ),
        min_size=1,
        max_size=9,
    )
)
@example(
    [("MC2CM POLICY", 40.0, 0, "Sans-Bold"), ("OBJECTIF", 40.0, 1, "Sans"), ("RECOMMENDATIONS", 40.0, 2, "Sans-Bold")]
)
def test_header_passes_are_find_headers_over_what_each_pass_left(lines):
    """Each pass, over the segments left, finds what find_headers finds over them: a line whose
    wrap was stopped by a line the pass took is read again (lines half a line apart, two columns;
    the example: OBJECTIF taken, the policy header joins its second line in the next pass)."""
    words = [w for text, x, row, font in lines for w in words_at(text, x, 100 + row * ROW_STEP, 9, font)]
    segments = words_to_segments(words, L.line_tolerance_ratio, L.segment_gap_ratio)
    assert header_passes(segments, [], S, 9.0) == _passes_by_find_headers(segments)


def test_a_header_wrapped_over_three_lines_is_joined_while_its_lines_start_an_alias():
    """MC2CM / POLICY names nothing yet but starts an alias: the third line completes it."""
    head = [
        w
        for i, text in enumerate(("MC2CM", "POLICY", "RECOMMENDATIONS"))
        for w in words_at(text, 40, 100 + i * 11, 9, "Sans-Bold")
    ]
    segments = words_to_segments(head, L.line_tolerance_ratio, L.segment_gap_ratio)
    found = find_headers(segments, [], S, 9.0)
    assert [(h.kind, h.line.text) for h in found] == [("recommendations", "MC2CM POLICY RECOMMENDATIONS")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*VOCABULARY, "12", "politi", "x"]), min_size=1, max_size=5))
def test_a_text_starts_an_alias_when_its_header_words_run_together_begin_one(words):
    """HeaderMatcher.starts: the header words of the text, run together, are a prefix of an alias."""
    text = " ".join(words)
    matcher = HeaderMatcher(S)
    assert matcher.starts(text) == ("".join(header_words(text)) in matcher.index.prefixes)
    assert matcher.starts("Recommandations 12 politi") and not matcher.starts("Recommandations x")
