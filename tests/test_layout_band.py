"""Layout stage: the recommendations band's edges, rules, item boxes and badges, bound by bound."""

from extract.geometry import Box, Line
from extract.settings import Settings
from extract.stages.layout.model import Header, Zone
from extract.stages.layout.recommendations import band_block, cell_boxes
from tests.pages import page, words_at

S = Settings()
L = S.layout
BLUE = (0.0, 0.4, 0.6)
REGION = Zone(0, 595, 660, 842)
BAR = Box(30, 400, 662, 679, True, False, BLUE)


def band_header(bar: bool = True) -> Header:
    line = Line(tuple(words_at("RECOMMANDATIONS POLITIQUES", 40, 667, 9, "Sans-Bold")))
    return Header("recommendations", "fr", line, BAR if bar else None)


def test_the_band_block_is_a_recommendations_block_with_its_header():
    """The block found is of the band kind and keeps the header that opened it."""
    header = band_header()
    words = words_at("Accès", 40, 686)
    block, *_ = band_block(header, REGION, words, page(words), L, S.segment)
    assert (block.kind, block.header) == ("recommendations", header)


def test_band_text_starts_band_margin_above_its_bars_bottom():
    """Text whose middle lies within band_margin above the bar's bottom is band text."""
    words = words_at("Accès", 300, BAR.bottom - L.band_margin - 4.5 + 0.5)
    block, *_ = band_block(band_header(), REGION, words, page(words), L, S.segment)
    assert [ln.text for ln in block.lines] == ["Accès"]


def test_a_band_without_bar_starts_at_its_regions_left_edge():
    """Without a bar the band's left edge is its region's."""
    words = words_at("Accès", 40, 686)
    block, *_ = band_block(band_header(bar=False), REGION, words, page(words), L, S.segment)
    assert block.zone.x0 == REGION.x0


def test_text_beside_a_side_heading_belongs_to_the_band():
    """Without a bar, text starting right of the header's end on its level is band text."""
    header = band_header(bar=False)
    words = words_at("Accès", header.line.x1, 667)
    block, *_ = band_block(header, REGION, words, page(words), L, S.segment)
    assert [ln.text for ln in block.lines] == ["Accès"]
    early = words_at("Accès", header.line.x1 - 0.5, 667)
    block, *_ = band_block(header, REGION, early, page(early), L, S.segment)
    assert block.lines == ()


def test_an_empty_band_keeps_rules_of_any_height_and_no_boxes():
    """With no text the band frames no item box, and a rule of any height inside it is kept."""
    rule = Box(100, 101, 700, 700.5, True, False, BLUE)
    cell = Box(36, 200, 684, 720, True, False, BLUE)
    block, rules, boxes, _ = band_block(band_header(), REGION, [], page([], [rule, cell]), L, S.segment)
    assert (block.lines, rules, boxes) == ((), (rule,), ())


def test_rules_and_boxes_exactly_at_their_bounds_count():
    """A rule exactly rule_max_width wide or one line tall, a cell exactly one line tall, and edges exactly
    at the band's slack are kept."""
    words = words_at("Accès", 60, 686)
    area_top, area_bottom = BAR.bottom - L.band_margin, 686 + 9 + L.band_margin
    wide = Box(150, 150 + L.rule_max_width, 686, 695, True, False, BLUE)
    high = Box(160, 161, area_top - L.band_rule_slack, area_bottom + L.band_rule_slack, True, False, BLUE)
    edge = Box(BAR.x0 - L.band_margin - 0.5, BAR.x0 - L.band_margin + 0.5, 686, 695, True, False, BLUE)
    cell = Box(56, 200, 686, 695, True, False, BLUE)
    p = page(words, [wide, high, edge, cell])
    _, rules, boxes, _ = band_block(band_header(), REGION, words, p, L, S.segment)
    assert set(rules) == {wide, high, edge}
    assert boxes == (cell,)


def test_an_item_box_opening_at_the_bands_top_slack_or_its_left_edge_is_an_item():
    """A cell whose top lies band_margin above the band, or whose centre is on its left edge, opens an item."""
    words = words_at("Accès", 40, 690)
    top = BAR.bottom - 2 * L.band_margin
    cell = Box(36, 200, top, 720, True, False, BLUE)
    _, _, boxes, _ = band_block(band_header(), REGION, words, page(words, [cell]), L, S.segment)
    assert boxes == (cell,)


def test_badges_numbers_and_cells_hold_their_contents_within_the_slack():
    """A number sticking out of its badge, a badge out of its cell, by less than band_margin, still count."""
    words = words_at("1", 44, 690) + words_at("Accès", 60, 690)
    cell = Box(46, 200, 684, 720, True, False, BLUE)
    badge = Box(45, 54, 691, 702, True, False, BLUE)
    block, _, boxes, numbers = band_block(band_header(), REGION, words, page(words, [cell, badge]), L, S.segment)
    assert [w.text for w in numbers] == ["1"]
    assert boxes == (cell,)
    assert [ln.text for ln in block.lines] == ["Accès"]


def test_a_fill_and_its_outline_offset_by_the_slack_count_once():
    """Boxes whose four edges each differ by at most the slack are one cell."""
    w = words_at("Accès", 40, 690)
    fill, outline = Box(36, 200, 684, 720, True, False, BLUE), Box(38, 202, 686, 722, False, True, BLUE)
    assert cell_boxes([fill, outline], w, 2.0) == [fill]
    other = Box(36, 400, 684, 800, False, True, BLUE)
    assert cell_boxes([fill, other], w, 2.0) == [fill]


def test_a_cell_holds_words_and_inner_cells_within_the_slack():
    """A word or an inner box sticking out by less than the slack is still held."""
    w = words_at("Accès", 35, 690)
    cell = Box(36, 200, 684, 720, True, False, BLUE)
    assert cell_boxes([cell], w, 2.0) == [cell]
    outer = Box(37, 300, 685, 760, False, True, BLUE)
    assert cell_boxes([cell, outer], w, 2.0) == [cell]
