"""The page: furniture -> headers -> zones -> columns, band, title, subtitle, SDG items."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.errors import PageSkipped
from extract.geometry import Box, Line, Word, body_size, words_to_lines, words_to_segments
from extract.settings import LayoutSettings, Settings
from extract.stages.read import PageContent

from .furniture import is_furniture, logo_frames
from .headers import find_headers, header_rows, missing_column_reason, page_language
from .model import BAND_KIND, COLUMN_KINDS, Block, Header, PageLayout, Zone
from .sdg import assign_to_anchors, badges_of, sdg_anchors
from .title import find_subtitle, find_title
from .zones import block_zones, cut_at_gap


def page_to_layout(page: PageContent, settings: Settings | None = None) -> PageLayout:
    """Find every block of an action sheet; raise PageSkipped saying why a page is not one."""
    settings = settings or Settings()
    layout = settings.layout
    if not page.words:
        raise PageSkipped("no text layer (scanned?)" if page.image_count else "empty page")
    all_segments = words_to_segments(page.words, layout.line_tolerance_ratio, layout.segment_gap_ratio)
    page_body = body_size(page.words)
    headers = find_headers(all_segments, page.boxes, settings)  # header words are never furniture
    reason = missing_column_reason(headers, settings)
    if reason:
        raise PageSkipped(reason)

    header_words = {w for h in headers for w in h.line.words}
    frames = logo_frames(page, layout)
    segments = [
        s for s in all_segments if s.words[0] in header_words or not is_furniture(s, page, layout, page_body, frames)
    ]
    content = [w for s in segments for w in s.words if w not in header_words]
    rows = header_rows(headers, layout.header_row_tolerance)
    pattern = re.compile(layout.sdg_code_pattern)
    anchors = sdg_anchors(segments, pattern, layout.sdg_code_prefixes)
    zones = block_zones(rows, content, page, layout, [*anchors, *badges_of(anchors, content, layout)])
    by_kind = {h.kind: h for h in headers}

    claimed: set[Word] = set()
    columns = {}
    for kind in COLUMN_KINDS:
        words = [w for w in content if zones[kind].holds(w)]
        claimed.update(words)
        lines = words_to_lines(words, layout.line_tolerance_ratio)
        columns[kind] = Block(kind, zones[kind], cut_at_gap(lines, layout.block_end_gap_ratio), by_kind[kind])
    body = body_size([w for w in claimed]) or body_size(content)

    band: Block | None = None
    rules: tuple[Box, ...] = ()
    if BAND_KIND in zones:
        band, rules = _band_block(by_kind[BAND_KIND], zones[BAND_KIND], content, claimed, page, layout)
        claimed.update(w for line in band.lines for w in line.words)

    first_header_top = min(by_kind[k].extent.top for k in COLUMN_KINDS)
    free = [w for w in content if w not in claimed]
    anchors = [a for a in anchors if a not in claimed]
    anchor_set = set(anchors)
    above = [w for w in free if w.bottom <= first_header_top + layout.above_columns_slack and w not in anchor_set]
    warnings: list[str] = []
    title_lines = find_title(above, body, layout)
    if not title_lines:
        raise PageSkipped("no title above the columns")
    title_words = {w for line in title_lines for w in line.words}
    subtitle_lines = find_subtitle([w for w in above if w not in title_words], title_lines, body, layout)
    taken = title_words | {w for line in subtitle_lines for w in line.words}
    sdg_items = assign_to_anchors([w for w in free if w not in taken], anchors, layout)
    if not sdg_items:
        warnings.append("no SDG targets found")
    if band is None:
        warnings.append("no recommendations band found")

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
    )


def _band_block(
    header: Header, zone: Zone, content: Sequence[Word], claimed: set[Word], page: PageContent, layout: LayoutSettings
) -> tuple[Block, tuple[Box, ...]]:
    """The recommendations band: lines below its header, up to the first wide gap."""
    ext = header.extent
    margin = layout.band_margin
    x0, x1 = (ext.x0 - margin, ext.x1 + margin) if header.bar else (0.0, page.width)
    area = Zone(x0, x1, ext.bottom - margin, zone.bottom)
    words = [w for w in content if area.holds(w) and w not in claimed]
    lines = cut_at_gap(words_to_lines(words, layout.line_tolerance_ratio), layout.block_gap_ratio)
    if lines:
        area = Zone(x0, x1, area.top, lines[-1].bottom + margin)
    rules = tuple(
        sorted(
            (
                b
                for b in page.boxes
                if b.width <= layout.rule_max_width
                and b.height >= min((l.height for l in lines), default=0)
                and area.x0 <= b.x0
                and b.x1 <= area.x1
                and b.top >= area.top - layout.band_rule_slack
                and b.bottom <= area.bottom + layout.band_rule_slack
            ),
            key=lambda b: (b.top, b.x0),
        )
    )
    return Block(BAND_KIND, area, lines, header), rules


def _zone_of(lines: Sequence[Line]) -> Zone:
    return Zone(
        min(l.x0 for l in lines), max(l.x1 for l in lines), min(l.top for l in lines), max(l.bottom for l in lines)
    )
