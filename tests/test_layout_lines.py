"""Layout stage: list markers, the coverage self-check, title and subtitle (synthetic words)."""

import pytest

from extract.geometry import Line, Word
from extract.settings import Settings
from extract.stages.layout.coverage import coverage_warning, page_coverage
from extract.stages.layout.markers import is_marker, marker_owners
from extract.stages.layout.model import Zone
from extract.stages.layout.title import find_subtitle, find_title
from tests.pages import words_at

S = Settings()
L = S.layout
BLUE = (0.0, 0.4, 0.6)


def word(text: str, x0: float = 10.0, top: float = 100.0, size: float = 9.0, font: str = "Sans") -> Word:
    return Word(text, x0, x0 + len(text) * size * 0.5, top, top + size, size, font)


# markers.py


@pytest.mark.parametrize("text", ["•", "–", "(cid:12)", "1.", "12)", "a)", "iv.", "(3)", "\ue000", "\uf8ff"])
def test_listed_numbered_unmapped_and_private_use_glyphs_are_markers(text):
    """Listed bullets, item numbers, unmapped (cid) glyphs and private-use characters open items."""
    assert is_marker(word(text), S.segment)


@pytest.mark.parametrize("text", ["mot", "x(cid:12)", "(cid:12)x", "123.", "1.5", "\udfff", "\uf900", "\ue000\ue000"])
def test_ordinary_words_and_near_misses_are_not_markers(text):
    """Words, glued cid codes, long numbers and characters just outside the private-use area are text."""
    assert not is_marker(word(text), S.segment)


def test_a_short_symbol_font_glyph_is_a_marker_whatever_its_case_or_subset():
    """Up to two glyphs in a symbol font (matched case-insensitively, subset prefix dropped) are a bullet."""
    assert is_marker(word("ab", font="ABCDEF+WINGDINGS-Regular"), S.segment)
    assert is_marker(word("n", font="zapfdingbats"), S.segment)
    assert not is_marker(word("abc", font="Wingdings"), S.segment)
    assert not is_marker(word("ab", font="Sans"), S.segment)


LEFT, RIGHT = Zone(0, 100, 0, 500), Zone(100, 300, 0, 500)


def test_a_marker_in_the_gutter_belongs_to_the_zone_of_the_text_right_of_it():
    """A lone marker whose text lies in another zone is owned by that zone."""
    marker = word("1.", x0=90, size=9)
    text = word("Former", x0=marker.x1 + 3)
    assert marker_owners([marker, text], {"left": LEFT, "right": RIGHT}, S.segment, L) == {marker: "right"}


def test_a_marker_in_its_texts_zone_needs_no_owner():
    """A marker already inside the zone of its text is left alone."""
    marker = word("•", x0=120)
    text = word("Former", x0=marker.x1 + 3)
    assert marker_owners([marker, text], {"left": LEFT, "right": RIGHT}, S.segment, L) == {}


def test_a_marker_joins_text_up_to_its_reach_and_not_beyond():
    """The text must start within marker_reach_ratio sizes right of the marker (inclusive)."""
    marker = word("1.", x0=90, size=8)
    reach = L.marker_reach_ratio * marker.size
    near = word("Former", x0=marker.x1 + reach)
    far = word("Former", x0=marker.x1 + reach + 0.5)
    zones = {"left": LEFT, "right": RIGHT}
    assert marker_owners([marker, near], zones, S.segment, L) == {marker: "right"}
    assert marker_owners([marker, far], zones, S.segment, L) == {}


def test_a_marker_owns_no_text_left_of_it_or_on_another_line():
    """Text left of the marker, or beyond the line tolerance above or below, is not its text."""
    marker = word("1.", x0=90, size=8)
    left = word("Avant", x0=40)
    low = word("Former", x0=marker.x1 + 3, top=marker.top + L.line_tolerance_ratio * 9 + 0.5, size=9)
    level = word("Former", x0=marker.x1 + 3, top=marker.top + L.line_tolerance_ratio * 9 - 0.5, size=9)
    zones = {"left": Zone(0, 95, 0, 500), "right": RIGHT}
    assert marker_owners([marker, left, low], zones, S.segment, L) == {}
    assert marker_owners([marker, level], zones, S.segment, L) == {marker: "right"}


def test_the_nearest_word_right_of_a_marker_decides_its_owner():
    """Of the words right of a marker, the nearest one (not the first in reading order) is its text."""
    marker = word("•", x0=90, size=9)
    nearest = word("a", x0=marker.x1 + 2)
    farther = word("b", x0=marker.x1 + 12)
    zones = {
        "left": Zone(0, 95, 0, 500),
        "mid": Zone(95, marker.x1 + 8, 0, 500),
        "right": Zone(marker.x1 + 8, 300, 0, 500),
    }
    assert marker_owners([farther, marker, nearest], zones, S.segment, L) == {marker: "mid"}


def test_a_marker_whose_text_is_in_no_zone_has_no_owner():
    """Text outside every zone gives its marker no owner."""
    marker = word("•", x0=90)
    text = word("Former", x0=marker.x1 + 3)
    assert marker_owners([marker, text], {"left": Zone(0, 95, 0, 500)}, S.segment, L) == {}


# coverage.py


def test_coverage_is_the_share_of_characters_assigned_rounded_to_four_places():
    """Coverage counts characters, not words, and is rounded to 4 decimals."""
    a, b, c = word("abc", top=10), word("de", top=30), word("fghijk", top=50)
    share, left = page_coverage([a, b, c], {a}, L)
    assert share == 0.2727
    assert [line.text for line in left] == ["de", "fghijk"]


def test_an_empty_page_is_fully_covered():
    """A page without text has coverage 1.0 and nothing left over."""
    assert page_coverage([], set(), L) == (1.0, ())


def test_a_fully_assigned_page_leaves_nothing():
    """All characters assigned: coverage 1.0, no segment left."""
    a = word("abc")
    assert page_coverage([a], {a}, L) == (1.0, ())


def test_no_coverage_warning_at_or_above_the_threshold_or_without_leftovers():
    """The warning fires only below coverage_warn_below and when some text is left out."""
    left = (Line((word("perdu", x0=40, top=300),)),)
    assert coverage_warning(L.coverage_warn_below, left, L) is None
    assert coverage_warning(0.1, (), L) is None
    assert coverage_warning(L.coverage_warn_below - 0.01, left, L) is not None


def test_the_coverage_warning_quotes_the_left_text_with_its_position_within_budget():
    """The warning quotes each left-out line with its position, cut at coverage_quote_chars."""
    layout = L.model_copy(update={"coverage_quote_chars": 5})
    lines = (Line((word("abcdefgh", x0=40.4, top=300.6),)), Line((word("xyz", x0=50, top=320),)))
    assert coverage_warning(0.5, lines, layout) == "coverage 0.50: not in any block: “abcde” (x 40, y 301)"
    layout = L.model_copy(update={"coverage_quote_chars": 10})
    assert coverage_warning(0.5, lines, layout) == (
        "coverage 0.50: not in any block: “abcdefgh” (x 40, y 301); “xy” (x 50, y 320)"
    )


# title.py


def test_the_title_is_the_largest_text_with_its_wrapped_lines_badges_excluded():
    """The largest non-digit words, within title_size_tolerance of the largest, in lines up to a gap."""
    words = words_at("Titre de", 30, 90, 24) + words_at("l’action", 30, 118, 23) + words_at("10", 500, 80, 40)
    words += words_at("Texte", 30, 300, 9) + words_at("Loin", 30, 300, 24)
    title = find_title(words, 9.0, L)
    assert [line.text for line in title] == ["Titre de", "l’action"]


def test_no_title_when_the_largest_text_is_not_title_sized():
    """The title must reach title_min_ratio times the body size (inclusive)."""
    words = words_at("Titre", 30, 90, 11.9) + words_at("Texte", 30, 200, 10)
    assert find_title(words, 10.0, L) == ()
    exact = words_at("Titre", 30, 90, L.title_min_ratio * 10) + words_at("Texte", 30, 200, 10)
    assert [line.text for line in find_title(exact, 10.0, L)] == ["Titre"]


def test_no_title_from_digits_alone():
    """A page whose only text is numbers has no title."""
    assert find_title(words_at("10 16", 30, 90, 30), 9.0, L) == ()


def test_a_word_just_below_the_title_size_tolerance_is_not_title():
    """Words smaller than the largest by more than title_size_tolerance stay out of the title."""
    smaller = 24 * (1 - L.title_size_tolerance) - 0.1
    words = words_at("Titre", 30, 90, 24) + words_at("petit", 200, 90, smaller) + words_at("Texte", 30, 300, 9)
    assert [line.text for line in find_title(words, 9.0, L)] == ["Titre"]


def title_of(text: str = "Titre", size: float = 24.0) -> tuple[Line, ...]:
    return (Line(tuple(words_at(text, 30, 90, size))),)


def test_the_subtitle_is_the_smaller_larger_than_body_text_right_below_the_title():
    """Lines below the title, smaller than it and at least subtitle_min_ratio x body, until a gap."""
    title = title_of()
    words = words_at("Un sous-titre", 30, 120, 12) + words_at("Texte", 30, 140, 9) + words_at("Loin", 30, 300, 12)
    assert [line.text for line in find_subtitle(words, title, 9.0, L)] == ["Un sous-titre"]


def test_an_italic_body_sized_line_below_the_title_is_a_subtitle():
    """An italic line is a subtitle even at body size; a digit badge never is."""
    title = title_of()
    words = words_at("en italique", 30, 120, 9, "Sans-Italic") + words_at("10", 200, 120, 12)
    assert [line.text for line in find_subtitle(words, title, 9.0, L)] == ["en italique"]


def test_no_subtitle_far_below_the_title_or_title_sized_or_above_it():
    """Lines further than block_gap_ratio below, as large as the title, or above it are no subtitle."""
    title = title_of()
    far = words_at("Loin", 30, 114 + L.block_gap_ratio * 12 + 1, 12)
    assert find_subtitle(far, title, 9.0, L) == ()
    assert find_subtitle(words_at("Grand", 30, 120, 23), title, 9.0, L) == ()
    assert find_subtitle(words_at("Dessus", 30, 60, 12), title, 9.0, L) == ()
    near = words_at("Proche", 30, 114 + L.block_gap_ratio * 12 - 1, 12)
    assert [line.text for line in find_subtitle(near, title, 9.0, L)] == ["Proche"]


def test_a_subtitle_may_start_a_point_above_the_titles_bottom():
    """A subtitle line overlapping the title's bottom by up to 1 pt still counts."""
    title = title_of()
    assert [line.text for line in find_subtitle(words_at("Sous", 30, 113, 12), title, 9.0, L)] == ["Sous"]
    assert find_subtitle(words_at("Sous", 30, 112.5, 12), title, 9.0, L) == ()


def test_a_marker_without_text_does_not_stop_the_others():
    """A marker with nothing right of it is skipped; later markers are still placed."""
    lone = word("•", x0=90, top=50)
    marker = word("1.", x0=90, size=8)
    text = word("Former", x0=marker.x1 + 5)
    zones = {"left": Zone(0, 95, 0, 500), "right": RIGHT}
    assert marker_owners([lone, marker, text], zones, S.segment, L) == {marker: "right"}


def test_text_touching_its_marker_or_level_within_tolerance_of_the_larger_size_is_its_text():
    """Gap 0 counts; tops may differ by line_tolerance_ratio x the larger of the two sizes (inclusive)."""
    zones = {"left": Zone(0, 95, 0, 500), "right": RIGHT}
    marker = word("1.", x0=90, size=8)
    assert marker_owners([marker, word("Former", x0=marker.x1)], zones, S.segment, L) == {marker: "right"}
    assert marker_owners([marker, word("Former", x0=marker.x1 + 0.5)], zones, S.segment, L) == {marker: "right"}
    level = word("Former", x0=marker.x1 + 3, top=marker.top + L.line_tolerance_ratio * 10, size=10)
    assert marker_owners([marker, level], zones, S.segment, L) == {marker: "right"}


def test_a_word_exactly_at_the_title_size_tolerance_is_title_not_subtitle():
    """The tolerance bound is inclusive for the title and exclusive for the subtitle."""
    edge = 24 * (1 - L.title_size_tolerance)
    words = words_at("Titre", 30, 90, 24) + words_at("bord", 200, 90, edge) + words_at("Texte", 30, 300, 9)
    assert [line.text for line in find_title(words, 9.0, L)] == ["Titre bord"]
    assert find_subtitle(words_at("bord", 30, 120, edge), title_of(), 9.0, L) == ()


def test_a_line_exactly_subtitle_min_ratio_times_body_is_a_subtitle():
    """The subtitle size bound is inclusive."""
    words = words_at("Sous", 30, 120, L.subtitle_min_ratio * 9.0)
    assert [line.text for line in find_subtitle(words, title_of(), 9.0, L)] == ["Sous"]


def test_the_coverage_quote_budget_stops_at_zero_not_before():
    """A budget with one character left still quotes one character of the next line."""
    layout = L.model_copy(update={"coverage_quote_chars": 9})
    lines = (Line((word("abcdefgh", x0=40, top=300),)), Line((word("xyz", x0=50, top=320),)))
    assert coverage_warning(0.5, lines, layout).endswith("; “x” (x 50, y 320)")


def test_a_subtitle_exactly_block_gap_ratio_below_the_title_still_counts():
    """The gap that separates a subtitle from its title must exceed block_gap_ratio line sizes."""
    words = words_at("Sous", 30, 114 + L.block_gap_ratio * 10, 10, "Sans-Italic")
    assert [line.text for line in find_subtitle(words, title_of(), 9.0, L)] == ["Sous"]
