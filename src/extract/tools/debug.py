"""Visual debugging: draw what the layout and segment stages returned on a picture of the page.

`brochure-extract debug PDF --page N --out FILE.png` is the first thing to open when a new
brochure extracts badly: the region each header opened (and that header), every line, each list
item and recommendation as segmented, SDG codes and their labels, and in red the text that landed
in no block. Nothing is recomputed here: items are the spans the segment stage kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pdfplumber

from extract.errors import FileFailed, PageSkipped, UsageError
from extract.geometry import Line
from extract.settings import Settings
from extract.stages.document import DocumentContext
from extract.stages.layout import PageLayout, learn_document, page_to_layout
from extract.stages.read import PageContent, UnreadablePage, pdf_to_pages
from extract.stages.segment import ActionFields, layout_to_fields
from extract.tools import DEBUG_RESOLUTION

# Colour per block kind (RGB); regions are drawn translucent, lines and items as outlines.
COLOURS = {
    "title": (220, 40, 60),
    "subtitle": (240, 130, 40),
    "sdg": (40, 150, 70),
    "objective": (30, 100, 200),
    "activities": (130, 60, 190),
    "results": (0, 150, 160),
    "recommendations": (200, 160, 0),
    "partners": (120, 120, 120),
    "header": (90, 90, 90),
    "unassigned": (230, 0, 0),
}
ZONE_ALPHA = 40  # regions: translucent fill
HEADER_ALPHA = 110  # the header that opened a region: stronger fill
CODE_ALPHA = 120  # SDG codes: half-opaque fill
LINE_STROKE = 1  # pixels: outline of each line
BLOCK_STROKE = 2  # pixels: outline of regions, headers, items, SDG codes
UNASSIGNED_STROKE = 2  # pixels: outline of text in no block
NO_FILL = (0, 0, 0, 0)
ITEM_PAD = 1.5  # points around each list item's frame, so it does not hide its lines


@dataclass(frozen=True)
class DebugReport:
    """What was drawn: the picture path, the layout and fields (or the reason the page was skipped)."""

    image: Path
    layout: PageLayout | None
    reason: str | None
    fields: ActionFields | None = None


def _rect(line: Line) -> tuple[float, float, float, float]:
    return (line.x0, line.top, line.x1, line.bottom)


def _draw_lines(image, lines: Iterable[Line], kind: str, width: int = LINE_STROKE) -> None:
    image.draw_rects([_rect(l) for l in lines], fill=NO_FILL, stroke=COLOURS[kind], stroke_width=width)


def _frame(lines: tuple[Line, ...]) -> tuple[float, float, float, float]:
    return (
        min(l.x0 for l in lines) - ITEM_PAD,
        min(l.top for l in lines) - ITEM_PAD,
        max(l.x1 for l in lines) + ITEM_PAD,
        max(l.bottom for l in lines) + ITEM_PAD,
    )


def draw_layout(image, layout: PageLayout, fields: ActionFields | None = None) -> None:
    """Regions with the headers that opened them, lines, items as segmented, SDG codes, unassigned text."""
    for region in layout.regions:
        colour = COLOURS.get(region.kind, COLOURS["header"])
        z = region.zone
        image.draw_rect(
            (z.x0, z.top, z.x1, z.bottom), fill=(*colour, ZONE_ALPHA), stroke=colour, stroke_width=BLOCK_STROKE
        )
        if region.header is not None:
            h = region.header.extent
            image.draw_rect(
                (h.x0, h.top, h.x1, h.bottom), fill=(*colour, HEADER_ALPHA), stroke=colour, stroke_width=BLOCK_STROKE
            )
    for block in (layout.title, layout.subtitle, *layout.columns.values(), layout.band):
        if block is not None:
            _draw_lines(image, block.lines, block.kind)
    for kind, spans in (fields.spans if fields else {}).items():
        for lines in spans:
            image.draw_rect(_frame(lines), fill=NO_FILL, stroke=COLOURS[kind], stroke_width=BLOCK_STROKE)
    for item in layout.sdg_items:
        image.draw_rect(
            (item.code.x0, item.code.top, item.code.x1, item.code.bottom),
            fill=(*COLOURS["sdg"], CODE_ALPHA),
            stroke=COLOURS["sdg"],
            stroke_width=BLOCK_STROKE,
        )
        _draw_lines(image, item.label, "sdg")
    _draw_lines(image, layout.unassigned, "unassigned", UNASSIGNED_STROKE)


def read_page(pdf_path: Path, number: int, settings: Settings) -> tuple[PageContent, DocumentContext]:
    """One page of a PDF, read as the pipeline reads it, with what its document teaches."""
    pages = pdf_to_pages(pdf_path, settings.read)
    head = list(islice(pages, settings.layout.document_sample_pages))
    document = learn_document((p for p in head if isinstance(p, PageContent)), settings.layout)
    for page in (*head, *pages):
        if page.number == number:
            if isinstance(page, UnreadablePage):
                raise UsageError(f"{pdf_path.name} page {number}: {page.reason}")
            return page, document
    raise UsageError(f"{pdf_path.name}: no page {number}")


def debug_page(
    pdf_path: Path, number: int, out: Path, settings: Settings | None = None, resolution: int = DEBUG_RESOLUTION
) -> DebugReport:
    """Draw what the layout and segment stages return for page `number` (1-based) into the PNG `out`."""
    settings = settings or Settings()
    try:
        content, document = read_page(pdf_path, number, settings)
    except FileFailed as failure:
        raise UsageError(str(failure)) from failure
    try:
        layout, reason = page_to_layout(content, settings, document), None
        fields = layout_to_fields(layout, settings)
    except PageSkipped as skip:
        layout, fields, reason = None, None, skip.reason
    with pdfplumber.open(pdf_path) as pdf:
        image = pdf.pages[number - 1].to_image(resolution=resolution)
        if layout is not None:
            draw_layout(image, layout, fields)
        out.parent.mkdir(parents=True, exist_ok=True)
        image.save(out)
    return DebugReport(out, layout, reason, fields)
