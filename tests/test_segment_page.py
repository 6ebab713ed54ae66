"""Segmentation of whole blocks: recommendation cells (drawn rules or chains) and a page layout's fields."""

from dataclasses import replace

import pytest

from extract.geometry import Box, words_to_lines
from extract.settings import LayoutSettings, SegmentSettings, Settings
from extract.stages.layout.model import Block, PageLayout, SdgItem, Zone
from extract.stages.segment import band_cells, layout_to_fields
from tests.pages import paragraph, words_at

GEO = LayoutSettings()
PAGE_ZONE = Zone(0, 595, 0, 842)


def lines(words):
    return words_to_lines(words, GEO.line_tolerance_ratio)


# --- recommendation cells --------------------------------------------------------------------


def rule(x: float, top: float) -> Box:
    return Box(x, x + 1.5, top, top + 10, True, False, (0.0, 0.4, 0.6))


def cell_texts(cells) -> list[list[str]]:
    return [[line.text for line in cell] for cell in cells]


def test_drawn_rules_decide_the_cells():
    """band_cells: each rule opens a cell, even where the text alone would chain into one item."""
    words = words_at("Accès à l’éducation", 40, 0.5) + words_at("Accès à la santé", 40, 12.5)
    band = lines(words)
    assert cell_texts(band_cells(band, [], GEO)) == [["Accès à l’éducation", "Accès à la santé"]]
    cells = band_cells(band, [rule(30, 0), rule(30, 12)], GEO)
    assert cell_texts(cells) == [["Accès à l’éducation"], ["Accès à la santé"]]


def test_a_word_belongs_to_the_nearest_rule_on_its_left():
    """band_cells: a word right of several rules goes to the rightmost of them; left of all, to none."""
    words = words_at("Hors", 2, 0.5) + words_at("Éducation", 40, 0.5) + words_at("Santé", 220, 0.5)
    cells = band_cells(lines(words), [rule(30, 0), rule(212, 0)], GEO)
    assert cell_texts(cells) == [["Éducation"], ["Santé"]]
    cells = band_cells(lines(words), [rule(212, 0), rule(30, 0)], GEO)
    assert cell_texts(cells) == [["Santé"], ["Éducation"]]


def test_rule_cells_reach_the_slack_and_no_further():
    """band_cells: a rule's cell holds words right of it, middle within its height, ± rule_cell_slack."""
    slack, size = GEO.rule_cell_slack, 9.0
    r = rule(30, 100)
    inside = words_at("haut", 40, r.top - slack - size / 2) + words_at("bas", 80, r.bottom + slack - size / 2)
    inside += words_at("gauche", r.x1 - slack, 104)
    outside = words_at("dessus", 40, r.top - slack - size / 2 - 0.5) + words_at("dessous", 200, r.bottom + slack)
    outside += words_at("avant", r.x1 - slack - 0.5, 120)
    cells = band_cells(lines(inside + outside), [r], GEO)
    assert sorted(w.text for cell in cells for line in cell for w in line.words) == ["bas", "gauche", "haut"]


def test_chains_without_rules_follow_each_column():
    """band_cells without rules: wrapped lines chain under the segment they are aligned with."""
    words = paragraph(["Accès au marché", "du travail"], 40, 0) + paragraph(["Accès à", "la santé"], 220, 0)
    assert cell_texts(band_cells(lines(words), [], GEO)) == [["Accès au marché", "du travail"], ["Accès à", "la santé"]]


def test_chains_break_at_a_row_gap_or_a_misaligned_start():
    """band_cells without rules: a new item starts below a gap over the row gap, or over a font size aside."""
    size = 10.0
    reach = (GEO.band_row_gap_ratio - 1) * size + GEO.band_chain_slack
    near = words_at("Un", 40, 0, size) + words_at("deux", 40 + size, size + reach, size)
    assert cell_texts(band_cells(lines(near), [], GEO)) == [["Un", "deux"]]
    far = words_at("Un", 40, 0, size) + words_at("deux", 40, size + reach + 0.1, size)
    assert cell_texts(band_cells(lines(far), [], GEO)) == [["Un"], ["deux"]]
    aside = words_at("Un", 40, 0, size) + words_at("deux", 40 + size + 0.5, size + 1, size)
    assert cell_texts(band_cells(lines(aside), [], GEO)) == [["Un"], ["deux"]]


def test_chains_never_continue_a_segment_beside_them():
    """band_cells without rules: a segment on the same line as an item is a new item, however wide the alignment."""
    wide = GEO.model_copy(update={"band_chain_align_ratio": 10.0})
    words = words_at("Éducation", 40, 0) + words_at("Santé", 120, 0)
    assert cell_texts(band_cells(lines(words), [], wide)) == [["Éducation"], ["Santé"]]


def test_boxes_holding_text_decide_the_cells():
    """band_cells without rules: each box holding text (± rule_cell_slack) is a cell; text outside chains as usual."""
    words = words_at("Accès à l’éducation", 40, 0.5) + words_at("Accès à la santé", 40, 12.5)
    words += paragraph(["Hors des", "cadres"], 300, 40)
    slack = GEO.rule_cell_slack
    boxes = [Box(40 + slack, 200, 0, 11), Box(35, 200, 12, 21.5 - slack)]
    cells = band_cells(lines(words), [], GEO, boxes)
    assert cell_texts(cells) == [["Accès à l’éducation"], ["Accès à la santé"], ["Hors des", "cadres"]]
    cells = band_cells(lines(words), [], GEO, boxes[::-1])
    assert cell_texts(cells) == [["Accès à la santé"], ["Accès à l’éducation"], ["Hors des", "cadres"]]
    empty = Box(300, 400, 300, 400)
    assert cell_texts(band_cells(lines(words), [], GEO, [empty, *boxes]))[:2] == cell_texts(cells)[1::-1]


def test_drawn_rules_win_over_boxes():
    """band_cells: where both rules and boxes are drawn, the rules decide the cells."""
    words = words_at("Accès à l’éducation", 40, 0.5) + words_at("Accès à la santé", 40, 12.5)
    cells = band_cells(lines(words), [rule(30, 0), rule(30, 12)], GEO, [Box(0, 300, 0, 30)])
    assert cell_texts(cells) == [["Accès à l’éducation"], ["Accès à la santé"]]


def marked_item(first: str, edge: float = 52.0) -> list:
    """A two-word first line at x 40 whose second word starts at `edge`, and a wrapped line at `edge`."""
    head = words_at(first, 40, 0)
    return head + words_at("Accès", edge, 0) + words_at("au marché", edge, 12)


def test_a_wrapped_line_aligned_with_the_text_after_a_marker_continues_its_item():
    """band_cells without rules: a marker's text edge continues its chain (outside boxes too), given the settings."""
    seg = SegmentSettings()
    assert GEO.band_chain_align_ratio * 9.0 < 12.0
    assert len(band_cells(lines(marked_item("•")), [], GEO, (), seg)) == 1
    assert len(band_cells(lines(marked_item("•")), [], GEO)) == 2
    beside_a_box = band_cells(lines(marked_item("•")), [], GEO, [Box(300, 400, 300, 400)], seg)
    assert len(beside_a_box) == 1


def test_only_a_leading_marker_gives_a_text_edge():
    """band_cells without rules: a first word that is no marker, or a marker alone on its line, gives no text edge."""
    seg = SegmentSettings()
    assert len(band_cells(lines(marked_item("Le")), [], GEO, (), seg)) == 2
    alone = words_at("•", 40, 0) + words_at("Accès", 52, 12) + words_at("au marché", 52, 24)
    assert cell_texts(band_cells(lines(alone), [], GEO, (), seg)) == [["•"], ["Accès", "au marché"]]
    two_markers = words_at("•", 40, 0) + words_at("1.", 46, 0) + words_at("Accès", 60, 0)
    two_markers += words_at("au marché", 46, 12)
    assert len(band_cells(lines(two_markers), [], GEO, (), seg)) == 1


# --- the page --------------------------------------------------------------------------------

KINDS = ("title", "subtitle", "objective", "activities", "results", "sdg", "band")


def block(kind: str, words) -> Block:
    return Block(kind, PAGE_ZONE, tuple(lines(words)))


def broken(kind: str, attest: str, head: str, tail: str = "") -> list[str]:
    """`head franco-` / `marocain tail` over two lines, or on one line in the block that attests it."""
    if kind == attest:
        return [f"{head} franco-marocain{tail}"]
    return [f"{head} franco-", f"marocain{tail}"]


def sheet(*, subtitle: bool = True, band: bool = True, attest: str = "title") -> PageLayout:
    """A page layout with every block, each holding « franco-marocain » (broken at a line end but in `attest`)."""
    sdg_label = lines(paragraph(broken("sdg", attest, ": Réduire les inégalités"), 80, 200, 8))
    activities = words_at("•", 330, 300) + paragraph(broken("activities", attest, "Ateliers", " ;"), 340, 300)
    # The second cell's line is as close as a wrapped line: only the rules tell the two items apart.
    band_words = paragraph(broken("band", attest, "Accès"), 40, 700.5) + words_at("Accès à la santé", 40, 724.5)
    return PageLayout(
        number=1,
        width=595,
        height=842,
        language="fr",
        title=block("title", paragraph(broken("title", attest, "Un titre"), 30, 90, 24)),
        subtitle=block("subtitle", paragraph(broken("subtitle", attest, "Le sous-titre"), 30, 150, 12))
        if subtitle
        else None,
        sdg_items=(SdgItem(words_at("10.2", 60, 200)[0], tuple(sdg_label), "10.2"),),
        columns={
            "objective": block(
                "objective",
                words_at("•", 200, 300) + paragraph(broken("objective", attest, "Un partenariat", "."), 210, 300),
            ),
            "activities": block("activities", activities + words_at("•", 330, 330) + words_at("Forums", 340, 330)),
            "results": block("results", paragraph(broken("results", attest, "Un centre", "."), 460, 300)),
        },
        band=block("recommendations", band_words) if band else None,
        band_rules=(Box(30, 31.5, 700, 722), rule(30, 724)),
        warnings=("a layout warning",),
    )


def fields_as_text(fields) -> list[str]:
    return [
        fields.title,
        fields.subtitle,
        fields.objective,
        *fields.activities,
        *fields.results,
        *(label for _, label in fields.sdg_targets),
        *fields.recommendations,
    ]


def test_layout_to_fields_reads_every_block():
    """layout_to_fields: every block's text, joined, bullets and label separators stripped, items per rule cell."""
    fields = layout_to_fields(sheet(), Settings())
    assert fields.language == "fr"
    assert fields.title == "Un titre franco-marocain"
    assert fields.subtitle == "Le sous-titre franco-marocain"
    assert fields.objective == "Un partenariat franco-marocain."
    assert fields.activities == ("Ateliers franco-marocain", "Forums")
    assert fields.results == ("Un centre franco-marocain",)
    assert fields.sdg_targets == (("10.2", "Réduire les inégalités franco-marocain"),)
    assert fields.recommendations == ("Accès franco-marocain", "Accès à la santé")
    assert fields.warnings == ("a layout warning",)


def test_layout_to_fields_without_subtitle_or_band():
    """layout_to_fields: a missing subtitle is None, a missing band gives no recommendations."""
    fields = layout_to_fields(sheet(subtitle=False, band=False))
    assert (fields.subtitle, fields.recommendations) == (None, ())


@pytest.mark.parametrize("attest", KINDS)
def test_page_lexicon_gathers_and_serves_every_block(attest):
    """layout_to_fields: a form printed in any block decides the line-end hyphens of every other block."""
    texts = [text for text in fields_as_text(layout_to_fields(sheet(attest=attest))) if "franco" in text]
    assert len(texts) == len(KINDS) and all("franco-marocain" in text for text in texts), texts
    unattested = [text for text in fields_as_text(layout_to_fields(sheet(attest="none"))) if "franco" in text]
    assert len(unattested) == len(KINDS) and all("francomarocain" in text for text in unattested), unattested


def test_layout_to_fields_reads_band_boxes_and_marker_edges():
    """layout_to_fields: the band's boxes decide its cells and its markers' text edges continue wrapped items."""
    band = block("recommendations", words_at("Accès", 40, 700.5) + words_at("Accès à la santé", 40, 712.5))
    boxed = replace(sheet(), band=band, band_rules=(), band_boxes=(Box(35, 300, 700, 710), Box(35, 300, 712, 722)))
    assert layout_to_fields(boxed).recommendations == ("Accès", "Accès à la santé")
    marked = block("recommendations", marked_item("•", 52.0))
    assert layout_to_fields(replace(sheet(), band=marked, band_rules=())).recommendations == ("Accès au marché",)


def test_a_band_without_items_warns():
    """layout_to_fields: a band whose cells hold no item text adds the no-recommendations warning."""
    empty = replace(sheet(), band=block("recommendations", words_at("•", 40, 700.5)), band_rules=())
    assert layout_to_fields(empty).warnings == (
        "a layout warning",
        "no recommendations found under the recommendations header",
    )
    assert layout_to_fields(sheet()).warnings == ("a layout warning",)


def test_layout_to_fields_keeps_coverage_and_item_spans():
    """layout_to_fields: the layout's coverage passes through; each list item keeps the lines it was read from."""
    layout = replace(sheet(), coverage=0.75)
    fields = layout_to_fields(layout)
    assert fields.coverage == 0.75
    assert fields.spans["activities"] == (
        layout.columns["activities"].lines[:2],
        layout.columns["activities"].lines[2:],
    )
    band = layout.band.lines
    assert fields.spans["recommendations"] == ((band[0], band[1]), (band[2],))
    assert set(fields.spans) == {"activities", "results", "recommendations"}
