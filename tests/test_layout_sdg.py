"""Layout stage: printed SDG codes, their badges, pills, prefixes and labels (synthetic words)."""

import re

import pytest

from extract.geometry import Box, Line, Word, words_to_segments
from extract.settings import Settings
from extract.stages.layout.sdg import assign_to_anchors, badges_of, code_companions, pills_of, sdg_anchors
from tests.pages import words_at

S = Settings()
L = S.layout
BLUE = (0.0, 0.4, 0.6)


def word(text: str, x0: float = 10.0, top: float = 100.0, size: float = 9.0, font: str = "Sans") -> Word:
    return Word(text, x0, x0 + len(text) * size * 0.5, top, top + size, size, font)


# sdg.py

CODE = re.compile(L.sdg_code_pattern)


def segs(words: list[Word]) -> list[Line]:
    return words_to_segments(words, L.line_tolerance_ratio, L.segment_gap_ratio)


def texts(words) -> list[str]:
    return [w.text for w in words]


def test_a_code_starting_its_segment_or_after_a_badge_or_prefix_is_an_anchor():
    """Codes at a segment start (badge digits ignored) or after a listed prefix are printed codes."""
    words = words_at("10.7 Faciliter", 60, 100, 9, "Sans-Bold") + words_at("10 16.b lois", 40, 150, 9, "Sans-Bold")
    words += words_at("ODD 5.1", 60, 200, 9, "Sans")
    assert texts(sdg_anchors(segs(words), CODE, L.sdg_code_prefixes)) == ["10.7", "16.b", "5.1"]


def test_a_code_inside_running_text_of_its_font_is_no_anchor_unless_the_font_changes():
    """A code-shaped word after text in the same font is prose; after another font, a sidebar code."""
    prose = words_at("voir la cible 10.7", 60, 100)
    assert sdg_anchors(segs(prose), CODE, L.sdg_code_prefixes) == []
    sidebar = words_at("texte", 60, 100) + words_at("10.7", 60 + 5 * 4.5 + 2, 100, 9, "Sans-Bold")
    assert texts(sdg_anchors(segs(sidebar), CODE)) == ["10.7"]
    assert sdg_anchors(segs(words_at("ODD 5.1", 60, 200)), CODE) == []


def test_a_goal_badge_is_its_goal_number_just_left_of_the_code_on_its_level():
    """The goal's number within badge_reach_ratio code sizes left of it, level with it, is its badge."""
    code = Word("10.7", 100, 118, 100, 109, 9, "Sans-Bold")
    reach = L.badge_reach_ratio * 9
    badge = Word("10", 100 - reach - 10, 100 - reach, 98, 111, 13, "Sans-Bold")
    assert badges_of([code], [badge], L) == [badge]
    assert badges_of([code], [Word("16", 80, 90, 98, 111, 13, "Sans")], L) == []
    assert badges_of([code], [Word("10", 70, 100 - reach - 0.5, 98, 111, 13, "Sans")], L) == []
    assert badges_of([code], [Word("10", 120, 130, 98, 111, 13, "Sans")], L) == []
    high = 104.5 - reach / 2 - 0.5
    assert badges_of([code], [Word("10", 80, 90, high - 5, high + 5, 10, "Sans")], L) == []
    level = 104.5 - reach / 2 + 0.5
    assert badges_of([code], [Word("10", 80, 90, level - 5, level + 5, 10, "Sans")], L) != []


def test_a_codes_pill_is_the_smallest_short_box_holding_it_alone():
    """Boxes holding another code, or taller than pill_max_height_ratio code sizes, are no pill."""
    a = Word("10.7", 100, 118, 100, 109, 9, "Sans")
    b = Word("16.b", 100, 118, 140, 149, 9, "Sans")
    small = Box(95, 200, 95, 130)
    big = Box(90, 210, 90, 135)
    both = Box(95, 200, 95, 160)
    assert pills_of([a, b], [big, small, both], L) == {a: small}
    tall = Box(95, 200, 95, 95 + L.pill_max_height_ratio * 9 + 0.5)
    assert pills_of([a], [tall], L) == {}


def test_label_lines_below_a_code_are_its_label_until_a_gap():
    """Segments below a code belong to it, until a gap wider than block_gap_ratio sizes; badges skipped."""
    code = words_at("10.7", 60, 100, 9, "Sans-Bold")
    label = words_at("Faciliter la", 60, 112) + words_at("migration", 60, 124)
    far = words_at("Loin", 60, 124 + 9 + L.block_gap_ratio * 9 + 1)
    badge = words_at("10", 30, 100, 13, "Sans-Bold")
    words = code + label + far + badge
    items = assign_to_anchors(words, code, L)
    assert [line.text for line in items[0].label] == ["Faciliter la", "migration"]
    assert items[0].printed_code == "10.7"


def test_items_are_ordered_top_to_bottom_and_labels_go_to_the_code_above():
    """Each label goes to the lowest code above it; items come out top to bottom."""
    first = words_at("16.b", 60, 100, 9, "Sans-Bold")
    second = words_at("10.7:", 60, 140, 9, "Sans-Bold")
    words = second + words_at("deuxième", 60, 152) + first + words_at("première", 60, 112)
    items = assign_to_anchors(words, second + first, L)
    assert [(i.code.text, i.printed_code, [ln.text for ln in i.label]) for i in items] == [
        ("16.b", "16.b", ["première"]),
        ("10.7:", "10.7", ["deuxième"]),
    ]


def test_a_prefix_beside_or_above_a_code_is_its_companion_not_its_label():
    """'ODD' just left of a code or just above it, and the goal badge, are companions, not label words."""
    code = Word("10.7", 100, 118, 100, 109, 9, "Sans-Bold")
    beside = Word("ODD", 80, 98, 100, 109, 9, "Sans")
    above = Word("Cible", 100, 120, 88, 97, 9, "Sans")
    badge = Word("10", 70, 78, 100, 109, 9, "Sans")
    stray = Word("ODD", 300, 318, 100, 109, 9, "Sans")
    companions = code_companions([code], [beside, above, badge, stray], L)
    assert set(companions) == {beside, above, badge}
    label = words_at("Faciliter", 100, 112)
    items = assign_to_anchors([code, beside, above, badge, *label], [code], L)
    assert [ln.text for ln in items[0].label] == ["Faciliter"]


def test_words_inside_a_codes_pill_are_its_label_wherever_they_sit():
    """A word inside a code's pill belongs to that code even if another code is nearer."""
    a = Word("10.7", 100, 118, 100, 109, 9, "Sans-Bold")
    b = Word("16.b", 300, 318, 100, 109, 9, "Sans-Bold")
    inside = Word("migrants", 200, 240, 112, 121, 9, "Sans")
    pill = Box(95, 250, 95, 125)
    items = assign_to_anchors([a, b, inside], [a, b], L, [pill])
    assert {i.code.text: [ln.text for ln in i.label] for i in items} == {"10.7": ["migrants"], "16.b": []}


def test_a_label_line_under_a_row_of_codes_is_cut_where_each_code_starts():
    """Labels of codes set side by side on one line are split at each code's left edge."""
    a = Word("10.7", 40, 58, 100, 109, 9, "Sans-Bold")
    b = Word("16.b", 200, 218, 100, 109, 9, "Sans-Bold")
    label = words_at("Faciliter la", 40, 112) + words_at("Promouvoir", 200 - 1.2 * 9 + 2, 112)
    items = assign_to_anchors([a, b, *label], [a, b], L)
    assert {i.code.text: [ln.text for ln in i.label] for i in items} == {
        "10.7": ["Faciliter la"],
        "16.b": ["Promouvoir"],
    }


@pytest.mark.parametrize(
    "prefix",
    [
        Word("ODD", 82, 100, 100, 110, 10, "Sans"),  # touching the code
        Word("ODD", 72, 90, 104.5, 114.5, 10, "Sans"),  # a code size left, line_tolerance_ratio x size lower
        Word("Cible", 102, 125, 90, 100, 10, "Sans"),  # touching above, sdg_label_slack to the right
        Word("Cible", 100, 125, 80, 90, 10, "Sans"),  # a code size above
    ],
)
def test_a_prefix_touching_or_a_code_size_away_is_the_codes_prefix(prefix):
    """The prefix bounds are inclusive: gap 0 to one code size, within the line tolerance or label slack."""
    code = Word("10.7", 100, 118, 100, 110, 10, "Sans-Bold")
    assert code_companions([code], [prefix], L) == [prefix]


def test_a_label_word_in_a_pill_belongs_to_its_code_however_far_below():
    """Pill words (held within sdg_label_slack) escape the gap rule; the code may stick out of its pill by the slack."""
    code = Word("10.7", 100, 118, 100, 109, 9, "Sans-Bold")
    far = words_at("migrants", 200, 109 + L.block_gap_ratio * 9 + 5)
    pill = Box(101, far[0].x1 - 1, 95, 150)
    items = assign_to_anchors([code, *far], [code], L, [pill])
    assert [ln.text for ln in items[0].label] == ["migrants"]
    assert [ln.text for ln in assign_to_anchors([code, *far], [code], L)[0].label] == []
