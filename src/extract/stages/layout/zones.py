"""Zones: the area each header owns, below or beside it, bounded by bars, gutters and the next row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from extract.geometry import Box, Line, Word, gutters
from extract.settings import LayoutSettings
from extract.stages.read import PageContent

from .model import SDG_KIND, Header, Zone

NEXT_ROW_MIN_DROP = 1.0  # pt: a header this much lower than a row's top starts a lower row


def row_bottom(row: Sequence[Header], rows: Sequence[Sequence[Header]], page: PageContent) -> float:
    """A row's blocks end where the next header row below starts, else at the page bottom."""
    top = row[0].extent.top
    lower = [h.extent.top for other in rows for h in other if h.extent.top > top + NEXT_ROW_MIN_DROP]
    return min(lower, default=page.height)


def column_bounds(
    row: Sequence[Header],
    words: Sequence[Word],
    page: PageContent,
    layout: LayoutSettings,
    obstacles: Sequence[float] = (),
) -> list[tuple[float, float]]:
    """Left/right bounds of each header's block in a row: bars first, then gutters.

    `obstacles` are x positions of other blocks (SDG codes) that outer columns must not cross.
    """
    if all(h.bar is not None for h in row):  # bars bound every block: no gutter is looked at
        empty: list[tuple[float, float]] = []
    else:
        empty = gutters(((w.x0, w.x1) for w in words), 0.0, page.width, layout.column_gutter_min)
    bounds = []
    for i, header in enumerate(row):
        left = _between(row[i - 1], header, empty, layout) if i else _outer_left(header, empty, obstacles, layout)
        right = (
            _between(header, row[i + 1], empty, layout)
            if i + 1 < len(row)
            else _outer_right(header, empty, obstacles, page, layout)
        )
        bounds.append((left, right))
    return bounds


def _outer_left(header: Header, empty, obstacles: Sequence[float], layout: LayoutSettings) -> float:
    """First column's left: its bar; else the first gutter after an obstacle on its left (the
    SDG list's edge); else the widest gutter left of its header."""
    ext = header.extent
    if header.bar is not None:
        return ext.x0 - layout.zone_margin
    floor = max((x for x in obstacles if x < ext.x0), default=None)
    before = [g for g in empty if g[1] <= ext.x0 + layout.gutter_overlap and (floor is None or g[0] >= floor)]
    if not before:
        return ext.x0 - layout.zone_margin
    chosen = max(before, key=lambda g: g[1] - g[0]) if floor is None else before[0]
    return (chosen[0] + chosen[1]) / 2


def _outer_right(header: Header, empty, obstacles: Sequence[float], page: PageContent, layout: LayoutSettings) -> float:
    """Last column's right: its bar; else the last gutter before an obstacle on its right (the
    SDG list's edge: word gaps of justified text lie further left); else the page edge."""
    ext = header.extent
    if header.bar is not None:
        return ext.x1 + layout.zone_margin
    ceiling = min((x for x in obstacles if x > ext.x1), default=None)
    if ceiling is None:
        return page.width
    after = [g for g in empty if g[0] >= ext.x1 - layout.gutter_overlap and g[0] < ceiling]
    if not after:
        return ceiling - layout.zone_margin
    last = max(after, key=lambda g: g[0])  # the gutter reaching the obstacle
    return (last[0] + min(last[1], ceiling + layout.gutter_overlap)) / 2


def _between(left: Header, right: Header, empty, layout: LayoutSettings) -> float:
    """The boundary between two neighbouring blocks: the middle of their bars' gap, else of the
    gutter reaching the right header (word gaps of justified text lie further left)."""
    a, b = left.extent, right.extent
    if left.bar is not None and right.bar is not None:
        return (a.x1 + b.x0) / 2
    before = [g for g in empty if g[0] >= a.x0 and g[0] < b.x0]
    if before:
        last = max(before, key=lambda g: g[0])
        return (last[0] + min(last[1], b.x0 + layout.gutter_overlap)) / 2
    return b.x0 - layout.zone_margin


def block_zones(
    rows: Sequence[Sequence[Header]],
    words: Sequence[Word],
    page: PageContent,
    layout: LayoutSettings,
    obstacles: Sequence[Word] = (),
    panels: Sequence[Box] = (),
) -> dict[str, Zone]:
    """The region of every header: below/beside it, between its bounds (bars, gutters, the SDG
    codes and the regions still running beside its row, panels beside it), down to the next
    header below it (see `region_bottom`)."""
    zones: dict[str, Zone] = {}
    for r, row in enumerate(rows):
        top = min(h.extent.top for h in row) - layout.zone_margin
        bottom = row_bottom(row, rows, page)
        row_words = [w for w in words if top <= (w.top + w.bottom) / 2 < bottom]  # centre (Word.yc) in the row
        codes_beside = any(h.kind == SDG_KIND for h in row)  # the SDG list's own codes bound nothing
        beside = [] if codes_beside else [w.x0 for w in obstacles if top <= w.yc < bottom]
        beside += _running_edges(zones.values(), row, top + 2 * layout.zone_margin)
        if len(row) == 1 and row[0].bar is None:  # a section whose text may run beside its header
            ext = row[0].extent
            right = min((x for x in beside if x > ext.x1), default=page.width + layout.zone_margin)
            empty = gutters(((w.x0, w.x1) for w in row_words), 0.0, page.width, layout.column_gutter_min)
            left = min(_outer_left(row[0], empty, beside, layout), ext.x0 - layout.zone_margin)  # text may
            bounds = [(left, right - layout.zone_margin)]  # start left of its header (an icon drawn before it)
        else:
            bounds = column_bounds(row, row_words, page, layout, beside)
        for header, (x0, x1) in zip(row, bounds):
            zone = clip_to_panels(Zone(x0, x1, top, page.height), header, panels, layout, words)
            below = region_bottom(zone, header, rows[r + 1 :], words, layout)
            zones[header.kind] = Zone(zone.x0, zone.x1, zone.top, min(zone.bottom, below))
    return zones


def _running_edges(zones: Iterable[Zone], row: Sequence[Header], top: float) -> list[float]:
    """Edges of earlier regions still running at this row's level, facing the row."""
    left, right = row[0].extent.x0, row[-1].extent.x1
    edges = []
    for zone in zones:
        if zone.bottom <= top:
            continue
        if zone.x0 >= right:
            edges.append(zone.x0)
        elif zone.x1 <= left:
            edges.append(zone.x1)
    return edges


def region_bottom(
    zone: Zone, header: Header, lower: Sequence[Sequence[Header]], words: Sequence[Word], layout: LayoutSettings
) -> float:
    """Where a region ends: at the next header below that stands over it, or at one beside it
    whose text crosses the region's edges (a band below) or leaves the region empty; a column
    whose text runs on beside lower blocks runs on past their headers."""
    tops = [min(h.extent.top for h in row) for row in lower]
    for i, row in enumerate(lower):
        top = tops[i]
        if top <= header.extent.top + NEXT_ROW_MIN_DROP:
            continue
        if any(h.extent.x1 > zone.x0 and h.extent.x0 < zone.x1 for h in row):
            return top
        end = tops[i + 1] if i + 1 < len(tops) else zone.bottom
        band = [w for w in words if top <= w.yc < end]
        if any(_crosses(w, zone, layout.gutter_overlap) for w in band) or not _runs_on(
            zone, header, top, band, words, layout
        ):
            return top
    return zone.bottom


def _runs_on(
    zone: Zone, header: Header, top: float, band: Sequence[Word], words: Sequence[Word], layout: LayoutSettings
) -> bool:
    """Whether a region's text goes on past `top` without a block-ending gap."""
    inside = lambda w: zone.x0 <= w.xc < zone.x1  # noqa: E731
    above = [w for w in words if inside(w) and zone.top <= w.yc < top]
    below = [w for w in band if inside(w)]
    if not below:
        return False
    first = min(below, key=lambda w: w.top)
    last = max((w.bottom for w in above), default=header.extent.bottom)  # nothing yet: from its header
    return first.top - last <= layout.block_end_gap_ratio * first.size


def _crosses(word: Word, zone: Zone, slack: float) -> bool:
    """A word spanning a region's edge, by more than `slack` on both sides."""
    return any(word.x0 < edge - slack and word.x1 > edge + slack for edge in (zone.x0, zone.x1))


def page_panels(page: PageContent, body: float, layout: LayoutSettings) -> tuple[Box, ...]:
    """Drawn boxes large enough to hold a block (sidebars, boxed sections), page backgrounds excluded."""
    least = layout.panel_min_size_ratio * body
    return tuple(
        b
        for b in page.boxes
        if b.width >= least
        and b.height >= least
        and not (
            b.width >= layout.panel_max_page_share * page.width
            and b.height >= layout.panel_max_page_share * page.height
        )
    )


def asides(
    panels: Sequence[Box],
    headers: Sequence[Header],
    zones: dict[str, Zone],
    kinds: Sequence[str],
    layout: LayoutSettings,
) -> list[Box]:
    """Panels holding no header that lie inside a region of `kinds` (their centre in it, their top
    below its top), narrower than it."""
    slack = layout.zone_margin
    lonely = [p for p in panels if not any(p.contains(h.extent, slack) for h in headers)]
    return [
        p
        for p in lonely
        for kind in kinds
        if kind in zones
        and zones[kind].x0 <= (p.x0 + p.x1) / 2 < zones[kind].x1
        and zones[kind].top <= p.top
        and (p.top + p.bottom) / 2 < zones[kind].bottom
        and p.width < layout.aside_max_region_share * (zones[kind].x1 - zones[kind].x0)
    ]


def clip_to_panels(
    zone: Zone, header: Header, panels: Sequence[Box], layout: LayoutSettings, words: Sequence[Word] = ()
) -> Zone:
    """A region stays inside the panel holding its header, and stops at a panel standing beside
    its header from its level down with the region's own text in between (a grey sidebar next to
    the objective; item boxes starting lower, or right of a side heading, are the region's own)."""
    ext, slack = header.extent, layout.zone_margin
    x0, x1, top, bottom = zone.x0, zone.x1, zone.top, zone.bottom
    for panel in panels:
        if panel.contains(ext, slack):
            x0, x1 = max(x0, panel.x0 - slack), min(x1, panel.x1 + slack)
            bottom = min(bottom, panel.bottom + slack)
        elif panel.top <= ext.top + slack and panel.bottom > ext.top:  # from the header's level down
            level = [  # the region's own text at the panel's level, outside every panel (item boxes)
                w for w in words if top <= w.yc < panel.bottom and not any(p.contains(w, slack) for p in panels)
            ]
            if panel.x0 >= ext.x1 - slack and any(ext.x1 <= w.xc < panel.x0 for w in level):
                x1 = min(x1, panel.x0)
            elif panel.x1 <= ext.x0 + slack and any(panel.x1 <= w.xc < ext.x0 for w in level):
                x0 = max(x0, panel.x1)
    return Zone(x0, x1, top, bottom)


def cut_at_gap(lines: Sequence[Line], max_gap_ratio: float) -> tuple[Line, ...]:
    """Keep lines from the first one until a vertical gap wider than `max_gap_ratio` x line size."""
    kept: list[Line] = []
    for line in lines:
        if kept and line.top - kept[-1].bottom > max_gap_ratio * kept[-1].size:
            break
        kept.append(line)
    return tuple(kept)
