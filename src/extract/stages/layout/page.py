"""The page: furniture -> headers -> regions -> columns, recommendations, title, subtitle, SDG items
-> self-check (coverage)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress

from extract.errors import PageSkipped
from extract.geometry import Box, Line, Word, body_size, words_to_lines, words_to_segments
from extract.settings import Settings
from extract.stages.document import DocumentContext
from extract.stages.read import PageContent

from .coverage import coverage_warning, page_coverage
from .furniture import is_furniture, logo_frames, sideways_glyphs
from .headers import find_headers, header_rows, missing_column_reason, page_language
from .markers import marker_owners
from .model import BAND_KIND, COLUMN_KINDS, PARTNERS_KIND, SDG_KIND, Block, Header, PageLayout, PageReading, Zone
from .recommendations import band_block
from .sdg import assign_to_anchors, badges_of, code_companions, sdg_anchors
from .title import find_subtitle, find_title
from .zones import asides, block_zones, cut_at_gap, page_panels


def page_to_layout(
    page: PageContent,
    settings: Settings | None = None,
    context: DocumentContext | None = None,
    reading: PageReading | None = None,
) -> PageLayout:
    """Find every block of an action sheet; raise PageSkipped saying why a page is not one.

    `context` is what the per-document pass learnt from the whole file (see stages/document.py),
    the same for every page range of a split file. `reading`: the page's headers and kept
    segments when an earlier stage found them (see PageReading).
    """
    settings = settings or Settings()
    layout = settings.layout
    if not page.words:
        raise PageSkipped("no text layer (scanned?)" if page.image_count else "empty page")
    page_body = body_size(page.words) if reading is None or reading.body is None else reading.body
    headers, segments = _headers_and_segments(page, settings, context, page_body, reading)
    reason = missing_column_reason(headers, settings)
    if reason:
        raise PageSkipped(reason)

    header_words = {w for h in headers for w in h.line.words}
    content = [w for s in segments for w in s.words if w not in header_words]
    rows = header_rows(headers, layout.header_row_tolerance)
    anchors = sdg_anchors(segments, re.compile(layout.sdg_code_pattern), layout.sdg_code_prefixes)
    obstacles = [*anchors, *badges_of(anchors, content, layout)]
    panels = page_panels(page, page_body, layout)
    zones = block_zones(rows, content, page, layout, obstacles, panels)
    by_kind = {h.kind: h for h in headers}
    if PARTNERS_KIND in zones:  # a logo region: never content
        content = [w for w in content if not zones[PARTNERS_KIND].holds(w)]
    aside = asides(panels, headers, zones, COLUMN_KINDS, layout)
    if aside:
        content = [w for w in content if not any(p.contains(w, layout.zone_margin) for p in aside)]

    moved = marker_owners(
        content, {k: zones[k] for k in (*COLUMN_KINDS, BAND_KIND) if k in zones}, settings.segment, layout
    )
    claimed: set[Word] = set()
    columns = {}
    for kind in COLUMN_KINDS:
        words = _owned(kind, content, zones[kind], moved)
        claimed.update(words)
        lines = words_to_lines(words, layout.line_tolerance_ratio)
        columns[kind] = Block(kind, zones[kind], cut_at_gap(lines, layout.block_end_gap_ratio), by_kind[kind])
    body = body_size([w for w in claimed]) or body_size(content)

    band: Block | None = None
    rules: tuple[Box, ...] = ()
    cells: tuple[Box, ...] = ()
    numbers: tuple[Word, ...] = ()
    unclaimed: Sequence[Word] = content  # every word not claimed is among these
    if BAND_KIND in zones:
        if moved:
            words = [w for w in content if w not in claimed or moved.get(w) == BAND_KIND]
        else:  # (no marker moved: one look-up per word)
            words = [w for w in content if w not in claimed]
        unclaimed = words  # (the words claimed from now on are only added to `claimed`)
        band, rules, cells, numbers = band_block(
            by_kind[BAND_KIND], zones[BAND_KIND], words, page, layout, settings.segment
        )
        claimed.update(w for line in band.lines for w in line.words)
        claimed.update(numbers)

    sdg_zone = zones.get(SDG_KIND)
    first_header_top = min(by_kind[k].extent.top for k in COLUMN_KINDS)
    free = [w for w in unclaimed if w not in claimed]
    anchors = [a for a in anchors if a not in claimed]
    anchor_set = set(anchors)
    above = [
        w
        for w in free
        if w.bottom <= first_header_top + layout.above_columns_slack
        and w not in anchor_set
        and not (sdg_zone and sdg_zone.holds(w))
    ]
    warnings: list[str] = []
    title_lines = find_title(above, body, layout)
    if not title_lines:
        raise PageSkipped("no title above the columns")
    title_words = {w for line in title_lines for w in line.words}
    subtitle_lines = find_subtitle([w for w in above if w not in title_words], title_lines, body, layout)
    taken = title_words | {w for line in subtitle_lines for w in line.words}
    rest = [w for w in free if w not in taken]
    sdg_items = []
    if sdg_zone is not None:  # the list under its own header
        in_zone = [a for a in anchors if sdg_zone.holds(a)]
        sdg_items = assign_to_anchors([w for w in rest if sdg_zone.holds(w)], in_zone, layout, page.boxes)
    if not sdg_items:  # no header, or codes printed elsewhere: codes anywhere are anchors
        sdg_items = assign_to_anchors(rest, anchors, layout, page.boxes)
    if not sdg_items:
        warnings.append("no SDG targets found")
    if band is None:
        warnings.append("no recommendations found (no recommendations header)")

    codes = [item.code for item in sdg_items]
    in_blocks = [*columns.values(), *([band] if band else [])]
    assigned = (
        {w for block in in_blocks for line in block.lines for w in line.words}
        | taken
        | {w for item in sdg_items for w in (item.code, *(x for line in item.label for x in line.words))}
        | set(code_companions(codes, content, layout))
        | set(numbers)
        | {w for w in content if sdg_zone and sdg_items and sdg_zone.holds(w) and w.text.isdigit()}  # goal tiles
    )
    coverage, unassigned = page_coverage(content, assigned, layout)
    low = coverage_warning(coverage, unassigned, layout)
    if low:
        warnings.append(low)

    return PageLayout(
        number=page.number,
        width=page.width,
        height=page.height,
        language=page_language(headers),
        title=Block("title", _zone_of(title_lines), title_lines),
        subtitle=Block("subtitle", _zone_of(subtitle_lines), subtitle_lines) if subtitle_lines else None,
        sdg_items=tuple(sdg_items),
        columns=columns,
        band=band,
        band_rules=rules,
        body_size=body,
        warnings=tuple(warnings),
        regions=tuple(Block(h.kind, zones[h.kind], (), h) for h in headers),
        coverage=coverage,
        unassigned=unassigned,
        band_boxes=cells,
    )


def _headers_and_segments(
    page: PageContent, settings: Settings, context: DocumentContext | None, body: float, reading: PageReading | None
) -> tuple[Sequence[Header], list[Line]]:
    """The page's headers and its segments that start with a header word or are no furniture
    (header words are never furniture); a side strip's glyphs are never part of a segment (one
    would set the level of a header beside it). A reading of the same segments is reused."""
    layout = settings.layout
    sideways = sideways_glyphs(page.words, layout)
    if reading is not None and not sideways:
        return reading.headers, list(reading.segments)
    flat = [w for w in page.words if w not in sideways]
    all_segments = words_to_segments(flat, layout.line_tolerance_ratio, layout.segment_gap_ratio)
    headers = find_headers(all_segments, page.boxes, settings, body)
    reason = missing_column_reason(headers, settings)
    if reason:
        return headers, []  # (the page is skipped: no segment is needed)
    header_words = {w for h in headers for w in h.line.words}
    frames = logo_frames(page, layout)
    return headers, [
        s
        for s in all_segments
        if s.words[0] in header_words or not is_furniture(s, page, layout, body, frames, context)
    ]


def _owned(kind: str, content: Sequence[Word], zone: Zone, moved: dict[Word, str]) -> list[Word]:
    """The words a block owns: those in its zone, a marker moved by its text to the zone it lies in."""
    inside = zone.holds_each(content)
    if not moved:
        return list(compress(content, inside))
    return [w for w, held in zip(content, inside) if (moved[w] == kind if w in moved else held)]


def _zone_of(lines: Sequence[Line]) -> Zone:
    return Zone(
        min(l.x0 for l in lines), max(l.x1 for l in lines), min(l.top for l in lines), max(l.bottom for l in lines)
    )
