"""Segmentation of whole blocks: recommendation cells (drawn rules or chains) and a page layout's fields."""

import pytest

from extract.geometry import Box, words_to_lines
from extract.settings import LayoutSettings, Settings
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
    size = 9.0
    reach = (GEO.band_row_gap_ratio - 1) * size + GEO.band_chain_slack
    near = words_at("Un", 40, 0) + words_at("deux", 40 + size, size + reach - 0.1)
    assert cell_texts(band_cells(lines(near), [], GEO)) == [["Un", "deux"]]
    far = words_at("Un", 40, 0) + words_at("deux", 40, size + reach + 0.1)
    assert cell_texts(band_cells(lines(far), [], GEO)) == [["Un"], ["deux"]]
    aside = words_at("Un", 40, 0) + words_at("deux", 40 + size + 0.5, size + 1)
    assert cell_texts(band_cells(lines(aside), [], GEO)) == [["Un"], ["deux"]]


# --- the page --------------------------------------------------------------------------------


def block(kind: str, words) -> Block:
    return Block(kind, PAGE_ZONE, tuple(lines(words)))


def sheet(*, subtitle=True, band=True, attest: str = "title") -> PageLayout:
    """A page layout with every block; « franco-marocain » is printed in the block `attest`."""
    printed = {
        kind: "franco-marocain" if kind == attest else "texte"
        for kind in ("title", "subtitle", "objective", "activities", "results", "sdg", "band")
    }
    sdg_label = lines(words_at(": Réduire les", 80, 200) + words_at(f"inégalités {printed['sdg']}", 80, 212))
    return PageLayout(
        number=1,
        width=595,
        height=842,
        language="fr",
        title=block("title", paragraph([f"Un titre {printed['title']} sur", "deux lignes"], 30, 90, 24)),
        subtitle=block("subtitle", words_at(f"Le sous-titre {printed['subtitle']}", 30, 130, 12)) if subtitle else None,
        sdg_items=(SdgItem(words_at("10.2", 60, 200)[0], tuple(sdg_label), "10.2"),),
        columns={
            "objective": block(
                "objective",
                words_at("•", 200, 300)
                + paragraph(["Un partenariat franco-", f"marocain {printed['objective']}."], 210, 300),
            ),
            "activities": block(
                "activities",
                words_at("•", 330, 300)
                + words_at(f"Ateliers {printed['activities']} ;", 340, 300)
                + words_at("•", 330, 315)
                + words_at("Forums", 340, 315),
            ),
            "results": block("results", words_at(f"Un centre {printed['results']}.", 460, 300)),
        },
        band=block(
            "recommendations", words_at("Accès à la santé", 40, 700.5) + words_at(f"Accès {printed['band']}", 40, 712.5)
        )
        if band
        else None,
        band_rules=(rule(30, 700), rule(30, 712)),
        warnings=("a layout warning",),
    )


def test_layout_to_fields_reads_every_block():
    """layout_to_fields: every block's text, joined, bullets and label separators stripped, items per rule cell."""
    fields = layout_to_fields(sheet(), Settings())
    assert fields.language == "fr"
    assert fields.title == "Un titre franco-marocain sur deux lignes"
    assert fields.subtitle == "Le sous-titre texte"
    assert fields.objective == "Un partenariat franco-marocain texte."
    assert fields.activities == ("Ateliers texte", "Forums")
    assert fields.results == ("Un centre texte",)
    assert fields.sdg_targets == (("10.2", "Réduire les inégalités texte"),)
    assert fields.recommendations == ("Accès à la santé", "Accès texte")
    assert fields.warnings == ("a layout warning",)


def test_layout_to_fields_without_subtitle_or_band():
    """layout_to_fields: a missing subtitle is None, a missing band gives no recommendations."""
    fields = layout_to_fields(sheet(subtitle=False, band=False))
    assert (fields.subtitle, fields.recommendations) == (None, ())


@pytest.mark.parametrize("attest", ["title", "subtitle", "activities", "results", "sdg", "band"])
def test_page_lexicon_gathers_every_block(attest):
    """layout_to_fields: a hyphenated form printed in any block decides a line-end hyphen in another."""
    assert layout_to_fields(sheet(attest=attest)).objective == "Un partenariat franco-marocain texte."
    assert layout_to_fields(sheet(attest="none")).objective == "Un partenariat francomarocain texte."
