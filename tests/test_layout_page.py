"""Layout stage: what page_to_layout reports for a whole synthetic sheet, and why it skips a page."""

import pytest

from extract.errors import PageSkipped
from extract.geometry import Box
from extract.settings import Settings
from extract.stages.layout import page_to_layout
from extract.stages.layout.model import Zone
from tests.pages import action_sheet, page, words_at

S = Settings()


def zone_around(lines) -> Zone:
    return Zone(
        min(x.x0 for x in lines), max(x.x1 for x in lines), min(x.top for x in lines), max(x.bottom for x in lines)
    )


@pytest.mark.parametrize("images, reason", [(0, "empty page"), (2, "no text layer (scanned?)")])
def test_a_page_without_words_is_skipped_as_empty_or_scanned(images, reason):
    """No words: 'empty page', or 'no text layer (scanned?)' when it holds images."""
    with pytest.raises(PageSkipped) as skipped:
        page_to_layout(page([], images=images), S)
    assert str(skipped.value) == reason


def test_a_sheet_without_title_text_above_its_columns_is_skipped():
    """Column headers with nothing large above them: 'no title above the columns'."""
    sheet = action_sheet()
    words = [w for w in sheet.words if w.top > 170]
    with pytest.raises(PageSkipped) as skipped:
        page_to_layout(page(words, list(sheet.boxes)), S)
    assert str(skipped.value) == "no title above the columns"


def test_the_layout_keeps_the_pages_identity_and_each_blocks_kind_zone_and_header():
    """Number and size come from the page; title and subtitle zones wrap their lines; columns and regions
    carry their kind, zone and header."""
    sheet = action_sheet()
    layout = page_to_layout(sheet, S)
    assert (layout.number, layout.width, layout.height) == (sheet.number, sheet.width, sheet.height)
    assert layout.title.kind == "title" and layout.title.zone == zone_around(layout.title.lines)
    assert layout.subtitle is not None and layout.subtitle.kind == "subtitle"
    assert layout.subtitle.zone == zone_around(layout.subtitle.lines)
    for kind, block in layout.columns.items():
        assert block.kind == kind and block.header is not None and block.header.kind == kind
        assert all(block.zone.holds(w) for line in block.lines for w in line.words)
    regions = {r.kind: r for r in layout.regions}
    assert set(regions) >= set(layout.columns)
    for kind, region in regions.items():
        assert region.header is not None and region.header.kind == kind and region.lines == ()
        assert isinstance(region.zone, Zone)
    assert layout.body_size == 9.0
    assert layout.band_boxes == () and layout.unassigned == ()


def test_missing_sdg_codes_and_band_are_warned():
    """A sheet without SDG codes and without a band header warns about both, in those words."""
    sheet = action_sheet()
    keep = [w for w in sheet.words if w.text not in ("10.7", "16.b") and w.top < 660]
    layout = page_to_layout(page(keep, list(sheet.boxes)), S)
    assert "no SDG targets found" in layout.warnings
    assert "no recommendations found (no recommendations header)" in layout.warnings


def test_an_aside_panel_in_a_column_keeps_its_text_out_of_the_column():
    """Text inside a headerless panel narrower than its column is not column text, even touching its edge."""
    sheet = action_sheet()
    aside = words_at("Encadré", 201, 300, 9)
    panel = Box(202, 290, 295, 330, True, False, (0.9, 0.9, 0.9))
    layout = page_to_layout(page([*sheet.words, *aside], [*sheet.boxes, panel]), S)
    texts = [w.text for block in layout.columns.values() for line in block.lines for w in line.words]
    assert "Encadré" not in texts


def test_a_reading_of_the_page_gives_the_layout_it_would_find_itself():
    """The split's reading (first-pass headers, kept segments) yields the very same layout."""
    from extract.stages.split import page_text

    sheet = action_sheet()
    reading = page_text(sheet, S, None).reading
    assert reading.headers and reading.segments
    assert page_to_layout(sheet, S, None, reading) == page_to_layout(sheet, S)


def test_a_reading_is_used_unless_some_glyph_is_sideways():
    """Without sideways glyphs the reading stands (an empty one: no blocks); with them the page is read anew."""
    from extract.stages.layout.model import PageReading

    sheet = action_sheet()
    with pytest.raises(PageSkipped) as skipped:
        page_to_layout(sheet, S, None, PageReading((), ()))
    assert str(skipped.value) == "no action blocks"
    strip = [w for i, c in enumerate("VERTICAL") for w in words_at(c, 580, 300 + i * 7, 7)]
    sideways = page([*sheet.words, *strip], list(sheet.boxes))
    assert page_to_layout(sideways, S, None, PageReading((), ())) == page_to_layout(sideways, S)
