"""Layout stage: the recommendations band and its item marks, and the regions headers own."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.geometry import Box, Line, Word
from extract.settings import Settings
from extract.stages.layout.model import Header, Zone
from extract.stages.layout.recommendations import band_block, cell_boxes
from extract.stages.layout.zones import (
    _crosses,
    asides,
    clip_to_panels,
    column_bounds,
    cut_at_gap,
    page_panels,
    region_bottom,
    row_bottom,
)
from tests.pages import page, paragraph, words_at

S = Settings()
L = S.layout
BLUE = (0.0, 0.4, 0.6)


def word(text: str, x0: float = 10.0, top: float = 100.0, size: float = 9.0, font: str = "Sans") -> Word:
    return Word(text, x0, x0 + len(text) * size * 0.5, top, top + size, size, font)


# recommendations.py


def band_header(bar: bool = True) -> Header:
    line = Line(tuple(words_at("RECOMMANDATIONS POLITIQUES", 40, 667, 9, "Sans-Bold")))
    return Header("recommendations", "fr", line, Box(30, 400, 662, 679, True, False, BLUE) if bar else None)


def test_the_band_holds_the_lines_below_its_bar_within_the_bar_width_until_a_gap():
    """Band lines: below the header, inside its bar's width (plus band_margin), up to a wide gap."""
    words = paragraph(["Accès à l’éducation", "et à la santé"], 40, 686) + words_at("Hors", 2, 686)
    words += words_at("Logo loin", 40, 686 + 12 + L.block_gap_ratio * 9 + 10)
    block, rules, boxes, numbers = band_block(band_header(), Zone(0, 595, 660, 842), words, page(words), L, S.segment)
    assert [ln.text for ln in block.lines] == ["Accès à l’éducation", "et à la santé"]
    assert block.zone.x0 == 30 - L.band_margin and block.zone.x1 == 400 + L.band_margin
    assert block.zone.bottom == block.lines[-1].bottom + L.band_margin
    assert (rules, boxes, numbers) == ((), (), ())


def test_a_band_without_bar_spans_its_whole_region():
    """Without a bar, the band reaches across its zone."""
    words = words_at("Accès", 40, 686) + words_at("Santé", 450, 686)
    block, *_ = band_block(band_header(bar=False), Zone(0, 595, 660, 842), words, page(words), L, S.segment)
    assert [ln.text for ln in block.lines] == ["Accès Santé"]


def test_thin_rules_inside_the_band_mark_its_items_left_to_right():
    """Rules at most rule_max_width wide, at least a line tall, inside the band, ordered top then left."""
    words = words_at("Accès", 40, 686) + words_at("Santé", 220, 686)
    r1, r2 = Box(212, 213.5, 683, 696, True, False, BLUE), Box(30, 31.5, 683, 696, True, False, BLUE)
    wide = Box(100, 100 + L.rule_max_width + 1, 683, 696, True, False, BLUE)
    short = Box(300, 301, 683, 686, True, False, BLUE)
    outside = Box(500, 501, 683, 696, True, False, BLUE)
    low = Box(150, 151, 690, 690 + 9 + 2 * L.band_rule_slack, True, False, BLUE)
    p = page(words, [r1, r2, wide, short, outside, low])
    _, rules, _, _ = band_block(band_header(), Zone(0, 595, 660, 842), words, p, L, S.segment)
    assert rules == (r2, r1)


def test_item_boxes_frame_cells_and_numbered_badges_inside_them_are_markers():
    """Boxes opening in the band frame its items; a small box inside one holding only a number is a badge."""
    words = words_at("1", 44, 690) + words_at("Accès à l’éducation", 60, 690)
    words += words_at("2", 224, 690) + words_at("Accès à la santé", 240, 690)
    cell1, cell2 = Box(36, 200, 684, 720, True, False, BLUE), Box(216, 390, 684, 720, True, False, BLUE)
    badge1, badge2 = Box(40, 54, 686, 702, True, False, BLUE), Box(220, 234, 686, 702, True, False, BLUE)
    p = page(words, [cell2, badge1, cell1, badge2])
    block, _, boxes, numbers = band_block(band_header(), Zone(0, 595, 660, 842), words, p, L, S.segment)
    assert boxes == (cell1, cell2)
    assert [w.text for w in numbers] == ["1", "2"]
    assert [ln.text for ln in block.lines] == ["Accès à l’éducation Accès à la santé"]


def test_a_box_opening_an_item_continues_the_band_across_a_wide_gap():
    """A line after a wide gap still belongs to the band when an item box holds its first word."""
    far = 686 + 9 + L.block_gap_ratio * 9 + 10
    words = words_at("Accès", 40, 686) + words_at("Santé", 40, far)
    cell = Box(36, 200, far - 4, far + 20, True, False, BLUE)
    block, _, boxes, _ = band_block(band_header(), Zone(0, 595, 660, 842), words, page(words, [cell]), L, S.segment)
    assert [ln.text for ln in block.lines] == ["Accès", "Santé"]
    assert boxes == (cell,)


def test_cell_boxes_count_a_fill_and_its_outline_once_and_drop_enclosing_boxes():
    """Boxes holding words, duplicates within slack once, and none that holds another such box."""
    w = words_at("Accès", 40, 690)
    fill, outline = Box(36, 200, 684, 720, True, False, BLUE), Box(37, 201, 685, 721, False, True, BLUE)
    outer = Box(20, 300, 680, 760, False, True, BLUE)
    empty = Box(400, 500, 684, 720, True, False, BLUE)
    assert cell_boxes([fill, outline, outer, empty], w, 2.0) == [fill]


# zones.py


def barred(kind: str, x0: float, x1: float, top: float) -> Header:
    line = Line(tuple(words_at(kind.upper(), x0 + 4, top + 3, 9, "Sans-Bold")))
    return Header(kind, "fr", line, Box(x0, x1, top, top + 16, True, False, BLUE))


def test_a_row_ends_at_the_next_lower_header_row_or_the_page_bottom():
    """A row's blocks end at the top of the first header more than NEXT_ROW_MIN_DROP lower."""
    a, b = barred("objective", 40, 190, 180), barred("activities", 200, 350, 180.5)
    c = barred("recommendations", 40, 550, 660)
    p = page([])
    assert row_bottom([a, b], [[a, b], [c]], p) == 660
    assert row_bottom([c], [[a, b], [c]], p) == p.height
    assert row_bottom([a], [[a], [b]], p) == p.height


def test_barred_columns_end_halfway_between_their_bars_and_at_the_outer_bars_plus_margin():
    """Neighbouring bars split at the middle of their gap; outer edges are the bars plus zone_margin."""
    row = [barred("objective", 40, 190, 180), barred("activities", 210, 350, 180)]
    bounds = column_bounds(row, [], page([]), L)
    assert bounds == [(40 - L.zone_margin, 200.0), (200.0, 350 + L.zone_margin)]


def test_unbarred_columns_split_at_the_gutter_reaching_the_right_header():
    """Without bars, two columns split at the middle of the gutter before the right header."""
    left = Header("objective", "fr", Line(tuple(words_at("OBJECTIF", 40, 180))))
    right = Header("activities", "fr", Line(tuple(words_at("ACTIVITÉS", 220, 180))))
    words = paragraph(["texte de la colonne", "gauche"], 40, 200) + paragraph(["texte de droite"], 220, 200)
    words += list(left.line.words) + list(right.line.words)
    (_l0, l1), (r0, r1) = column_bounds([left, right], words, page(words), L)
    assert l1 == r0 and 40 + 19 * 4.5 < l1 < 220
    assert r1 == page([]).width


def test_panels_are_boxes_large_both_ways_but_not_the_page_background():
    """A panel is at least panel_min_size_ratio body sizes wide and tall and not page-sized."""
    least = L.panel_min_size_ratio * 9
    p = page([], [Box(10, 10 + least, 10, 10 + least), Box(10, 10 + least - 1, 10, 300), Box(0, 595, 0, 842)])
    assert page_panels(p, 9.0, L) == (Box(10, 10 + least, 10, 10 + least),)


def test_an_aside_is_a_headerless_panel_inside_a_column_narrower_than_it():
    """Panels without a header, centred in a region of the kinds asked and narrower than its share."""
    zones = {"objective": Zone(40, 300, 180, 600)}
    header = barred("objective", 40, 300, 180)
    aside = Box(60, 150, 300, 400)
    wide = Box(45, 295, 300, 400)
    holding = Box(30, 310, 170, 400)
    above = Box(60, 150, 100, 170)
    assert asides([aside, wide, holding, above], [header], zones, ["objective"], L) == [aside]
    assert asides([aside], [header], zones, ["activities"], L) == []


def test_cut_at_gap_keeps_lines_until_a_gap_wider_than_the_ratio():
    """Lines are kept from the first until a gap over max_gap_ratio x the last kept line's size."""
    lines = [Line(tuple(words_at(t, 40, top))) for t, top in (("a", 100), ("b", 112), ("c", 112 + 9 + 20), ("d", 150))]
    assert [ln.text for ln in cut_at_gap(lines, 2.2)] == ["a", "b"]
    assert [ln.text for ln in cut_at_gap(lines, 20 / 9)] == ["a", "b", "c", "d"]


def test_a_region_stays_inside_the_panel_holding_its_header():
    """A header inside a panel clips its region to the panel (plus zone_margin)."""
    header = barred("objective", 60, 200, 180)
    panel = Box(50, 250, 170, 500)
    zone = clip_to_panels(Zone(0, 595, 178, 842), header, [panel], L)
    assert zone == Zone(50 - L.zone_margin, 250 + L.zone_margin, 178, 500 + L.zone_margin)


def test_a_region_stops_at_a_panel_beside_its_header_with_its_text_in_between():
    """A panel starting at the header's level to its right bounds the region when region text lies between."""
    header = barred("objective", 40, 200, 180)
    panel = Box(300, 560, 175, 500)
    between = words_at("texte", 220, 250)
    assert clip_to_panels(Zone(0, 595, 178, 842), header, [panel], L, between).x1 == 300
    assert clip_to_panels(Zone(0, 595, 178, 842), header, [panel], L, []).x1 == 595
    left_panel = Box(0, 30, 175, 500)
    left_text = words_at("x", 32, 250)
    assert clip_to_panels(Zone(0, 595, 178, 842), header, [left_panel], L, left_text).x0 == 30


def test_an_outer_column_ends_in_the_gutter_reaching_an_obstacle_on_its_right():
    """The last column ends mid-gutter before the first obstacle on its right (an SDG code), else at the page edge."""
    header = Header("results", "fr", Line(tuple(words_at("RÉSULTATS", 300, 180))))
    words = [*header.line.words, *words_at("texte de la colonne", 300, 200), *words_at("10.7", 480, 200)]
    p = page(words)
    gap_start = max(w.x1 for w in words if w.x0 < 480)
    assert column_bounds([header], words, p, L, [480.0])[0][1] == (gap_start + 480) / 2
    assert column_bounds([header], words, p, L)[0][1] == p.width
    touching = [*header.line.words, *words_at("texte", 300, 200)]
    edge = max(w.x1 for w in touching)
    assert (
        column_bounds([header], touching, page(touching), L, [edge + 1])[0][1] == (2 * edge + 1 + L.gutter_overlap) / 2
    )


def test_an_outer_column_starts_in_the_first_gutter_after_an_obstacle_on_its_left():
    """Left of the first header, the column starts mid-gutter after the obstacle; else in the widest gutter."""
    header = Header("objective", "fr", Line(tuple(words_at("OBJECTIF", 200, 180))))
    code = words_at("10.7", 20, 200)
    words = [*header.line.words, *words_at("texte", 200, 200), *code, *words_at("x", 60, 300)]
    p = page(words)
    left = column_bounds([header], words, p, L, [20.0])[0][0]
    assert left == (code[0].x1 + 60) / 2
    assert column_bounds([header], words, p, L)[0][0] == (words[-1].x1 + 200) / 2


def test_a_region_ends_at_a_lower_header_over_it_or_where_its_text_stops():
    """A lower header overlapping the region ends it; one beside it ends it only when its text stops or is crossed."""
    header = barred("objective", 40, 190, 180)
    zone = Zone(40 - L.zone_margin, 190 + L.zone_margin, 178, 842)
    text = [w for i in range(26) for w in words_at("texte", 45, 200 + i * 12)]
    over = [[barred("results", 100, 300, 400)]]
    beside = [[barred("results", 360, 550, 400)]]
    assert region_bottom(zone, header, over, text, L) == 400
    assert region_bottom(zone, header, beside, text, L) == 842
    short = [w for w in text if w.top < 300]
    assert region_bottom(zone, header, beside, short, L) == 400
    crossing = [*text, *words_at("traverse", 180, 450)]
    assert region_bottom(zone, header, beside, crossing, L) == 400


def test_a_page_sized_box_is_a_background_not_a_panel():
    """A box at least panel_max_page_share of the page both ways is the page's background."""
    p = page([], [Box(0, L.panel_max_page_share * 595, 0, L.panel_max_page_share * 842), Box(0, 595, 0, 400)])
    assert page_panels(p, 9.0, L) == (Box(0, 595, 0, 400),)


def test_two_columns_split_mid_gutter_reaching_the_right_header_unless_both_have_bars():
    """The last gutter before the right header (not a word gap further left) splits them; one bar is not enough."""
    left = barred("objective", 40, 150, 180)
    right = Header("activities", "fr", Line(tuple(words_at("ACTIVITÉS", 220, 182))))
    words = [*words_at("un", 40, 200), *words_at("deux", 100, 200), *right.line.words]
    p = page(words)
    bounds = column_bounds([left, right], words, p, L)
    assert bounds[0][1] == bounds[1][0] == (words[1].x1 + 220) / 2
    across = [*words, *words_at("x" * 44, 40, 260)]
    assert column_bounds([left, right], across, page(across), L)[0][1] == 220 - L.zone_margin


def test_a_header_sticking_out_of_its_panel_by_the_margin_is_still_inside_it():
    """A panel holds a header within zone_margin; one starting zone_margin below its top stands beside it."""
    header = barred("objective", 49, 200, 180)
    panel = Box(50, 250, 181, 500)
    assert clip_to_panels(Zone(0, 595, 178, 842), header, [panel], L).x1 == 250 + L.zone_margin
    side = Box(300, 560, 180 + L.zone_margin, 500)
    between = words_at("texte", 220, 250)
    assert clip_to_panels(Zone(0, 595, 178, 842), header, [side], L, between).x1 == 300


@pytest.mark.parametrize(
    "x0, x1, crosses",
    [(170, 210, True), (188, 200, False), (189, 200, False), (180, 192, False), (180, 190, False)],
)
def test_a_word_crosses_a_region_edge_only_by_more_than_the_slack_on_both_sides(x0, x1, crosses):
    """A word crosses an edge when it starts more than the slack before it and ends more than the slack after it."""
    word = Word("mot", x0, x1, 400, 409, 9, "Sans")
    assert _crosses(word, Zone(40, 190, 178, 842), 2.0) is crosses


def test_aside_bounds_centre_on_the_left_edge_top_on_the_top_count_but_not_centre_on_the_bottom():
    """An aside's centre may sit on the region's left edge and its top on its top; its middle must lie above the
    bottom and its width under aside_max_region_share of the region."""
    zone = Zone(40, 300, 180, 600)
    header = barred("objective", 40, 300, 150)
    share = L.aside_max_region_share * (zone.x1 - zone.x0)
    corner = Box(10, 70, 180, 250)
    low = Box(60, 150, 560, 640)
    wide = Box(60, 60 + share, 300, 400)
    assert asides([corner, low, wide], [header], {"objective": zone}, ["objective"], L) == [corner]


def test_a_panel_holding_a_header_within_the_margin_is_no_aside():
    """A panel holding a header (within zone_margin) is that header's, never an aside."""
    zone = Zone(40, 300, 140, 600)
    header = barred("objective", 59, 150, 200)
    panel = Box(60, 150, 200, 300)
    assert asides([panel], [header], {"objective": zone}, ["objective"], L) == []


COORD = st.floats(min_value=-50, max_value=650, allow_nan=False)


@given(
    st.tuples(COORD, COORD, COORD, COORD),
    st.lists(st.tuples(COORD, COORD, COORD, COORD), max_size=12),
)
def test_a_zone_holds_each_word_as_it_holds_it_alone(edges, boxes):
    """Zone.holds_each: one answer per word, in order, each `Zone.holds` (centres on an edge too)."""
    zone = Zone(*edges)
    words = [Word("w", x0, x1, top, bottom, 9.0, "Sans") for x0, x1, top, bottom in boxes]
    words.append(Word("edge", zone.x0, zone.x0, zone.top, zone.top, 9.0, "Sans"))  # centre on the top-left corner
    assert zone.holds_each(words) == [zone.holds(w) for w in words]
