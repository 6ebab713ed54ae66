"""Visual debugging: draw the blocks the layout stage found on a picture of the page.

`brochure-extract debug PDF --page N --out FILE.png` is the first thing to open when a new
brochure extracts badly: zones per block, lines per item, SDG codes and their labels, band cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from extract.errors import FileFailed, PageSkipped, UsageError
from extract.geometry import Line
from extract.settings import Settings
from extract.stages.layout import PageLayout, page_to_layout
from extract.stages.read import PageContent, UnreadablePage, pdf_to_pages
from extract.stages.segment import band_cells, item_starts
from extract.tools import DEBUG_RESOLUTION

# Colour per block kind (RGBA); zones are drawn translucent, lines as outlines.
COLOURS = {
    "title": (220, 40, 60),
    "subtitle": (240, 130, 40),
    "sdg": (40, 150, 70),
    "objective": (30, 100, 200),
    "activities": (130, 60, 190),
    "results": (0, 150, 160),
    "recommendations": (200, 160, 0),
    "header": (90, 90, 90),
}
ZONE_ALPHA = 40  # zones: translucent fill
CODE_ALPHA = 120  # SDG codes: half-opaque fill
LINE_STROKE = 1  # pixels: outline of each line
BLOCK_STROKE = 2  # pixels: outline of zones, list items, SDG codes and band cells
ITEM_PAD = 1.5  # points around each list item's frame, so it does not hide its lines
NO_FILL = (0, 0, 0, 0)


@dataclass(frozen=True)
class DebugReport:
    """What was drawn: the picture path and the layout (or the reason the page was skipped)."""

    image: Path
    layout: PageLayout | None
    reason: str | None


def _rect(line: Line) -> tuple[float, float, float, float]:
    return (line.x0, line.top, line.x1, line.bottom)


def _draw_lines(image, lines: Iterable[Line], kind: str) -> None:
    image.draw_rects([_rect(l) for l in lines], fill=NO_FILL, stroke=COLOURS[kind], stroke_width=LINE_STROKE)


def draw_layout(image, layout: PageLayout, settings: Settings) -> None:
    """Zones of every block, each line, list items, SDG codes and band cells, on a PageImage."""
    blocks = [
        layout.title,
        *([layout.subtitle] if layout.subtitle else []),
        *layout.columns.values(),
        *([layout.band] if layout.band else []),
    ]
    for block in blocks:
        colour = COLOURS[block.kind]
        z = block.zone
        image.draw_rect(
            (z.x0, z.top, z.x1, z.bottom), fill=(*colour, ZONE_ALPHA), stroke=colour, stroke_width=BLOCK_STROKE
        )
        _draw_lines(image, block.lines, block.kind)
        if block.header is not None:
            _draw_lines(image, [block.header.line], "header")
    for kind in ("activities", "results"):
        lines = layout.columns[kind].lines
        starts = item_starts(lines, settings.segment) if lines else []
        for start, end in zip(starts, [*starts[1:], len(lines)]):
            item = lines[start:end]
            image.draw_rect(
                (
                    min(l.x0 for l in item) - ITEM_PAD,
                    item[0].top - ITEM_PAD,
                    max(l.x1 for l in item) + ITEM_PAD,
                    item[-1].bottom + ITEM_PAD,
                ),
                fill=NO_FILL,
                stroke=COLOURS[kind],
                stroke_width=BLOCK_STROKE,
            )
    for sdg_item in layout.sdg_items:
        code = sdg_item.code
        image.draw_rect(
            (code.x0, code.top, code.x1, code.bottom),
            fill=(*COLOURS["sdg"], CODE_ALPHA),
            stroke=COLOURS["sdg"],
            stroke_width=BLOCK_STROKE,
        )
        _draw_lines(image, sdg_item.label, "sdg")
    if layout.band is not None:
        for cell in band_cells(layout.band.lines, layout.band_rules, settings.layout):
            box = (
                min(l.x0 for l in cell),
                min(l.top for l in cell),
                max(l.x1 for l in cell),
                max(l.bottom for l in cell),
            )
            image.draw_rect(box, fill=NO_FILL, stroke=COLOURS["recommendations"], stroke_width=BLOCK_STROKE)


def read_page(pdf_path: Path, number: int, settings: Settings) -> PageContent:
    """One page of a PDF, read as the pipeline reads it."""
    for page in pdf_to_pages(pdf_path, settings.read):
        if page.number == number:
            if isinstance(page, UnreadablePage):
                raise UsageError(f"{pdf_path.name} page {number}: {page.reason}")
            return page
    raise UsageError(f"{pdf_path.name}: no page {number}")


def debug_page(
    pdf_path: Path, number: int, out: Path, settings: Settings | None = None, resolution: int = DEBUG_RESOLUTION
) -> DebugReport:
    """Draw what the layout stage finds on page `number` (1-based) into the PNG `out`."""
    settings = settings or Settings()
    try:
        content = read_page(pdf_path, number, settings)
    except FileFailed as failure:
        raise UsageError(str(failure)) from failure
    try:
        layout, reason = page_to_layout(content, settings), None
    except PageSkipped as skip:
        layout, reason = None, skip.reason
    with pdfplumber.open(pdf_path) as pdf:
        image = pdf.pages[number - 1].to_image(resolution=resolution)
        if layout is not None:
            draw_layout(image, layout, settings)
        out.parent.mkdir(parents=True, exist_ok=True)
        image.save(out)
    return DebugReport(out, layout, reason)
