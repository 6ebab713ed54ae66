"""Zones: the area each header owns, below or beside it, bounded by bars, gutters and the next row."""

from __future__ import annotations

from collections.abc import Sequence

from extract.geometry import Line, Word, gutters
from extract.settings import LayoutSettings
from extract.stages.read import PageContent

from .model import Header, Zone

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
    after = [g for g in empty if g[0] >= ext.x1 - layout.gutter_overlap and g[1] <= ceiling + layout.gutter_overlap]
    return (after[-1][0] + after[-1][1]) / 2 if after else ceiling - layout.zone_margin


def _between(left: Header, right: Header, empty, layout: LayoutSettings) -> float:
    """The boundary between two neighbouring blocks: the middle of their bars' gap, else of the
    last gutter before the right header (word gaps of justified text lie further left)."""
    a, b = left.extent, right.extent
    if left.bar is not None and right.bar is not None:
        return (a.x1 + b.x0) / 2
    before = [g for g in empty if g[0] >= a.x0 and g[1] <= b.x0 + layout.gutter_overlap]
    if before:
        last = max(before, key=lambda g: g[1])
        return (last[0] + last[1]) / 2
    return b.x0 - layout.zone_margin


def block_zones(
    rows: Sequence[Sequence[Header]],
    words: Sequence[Word],
    page: PageContent,
    layout: LayoutSettings,
    obstacles: Sequence[Word] = (),
) -> dict[str, Zone]:
    """The zone of every header: below/beside it, between its bounds, down to the next row.

    `obstacles` (SDG codes) beside a row limit its outer columns.
    """
    zones: dict[str, Zone] = {}
    for row in rows:
        top = min(h.extent.top for h in row) - layout.zone_margin
        bottom = row_bottom(row, rows, page)
        row_words = [w for w in words if top <= w.yc < bottom]
        beside = [w.x0 for w in obstacles if top <= w.yc < bottom]
        if len(row) == 1 and row[0].bar is None:  # a section whose text may run beside its header
            ext = row[0].extent
            right = min((x for x in beside if x > ext.x1), default=page.width + layout.zone_margin)
            bounds = [(ext.x0 - layout.zone_margin, right - layout.zone_margin)]
        else:
            bounds = column_bounds(row, row_words, page, layout, beside)
        for header, (x0, x1) in zip(row, bounds):
            zones[header.kind] = Zone(x0, x1, top, bottom)
    return zones


def cut_at_gap(lines: Sequence[Line], max_gap_ratio: float) -> tuple[Line, ...]:
    """Keep lines from the first one until a vertical gap wider than `max_gap_ratio` x line size."""
    kept: list[Line] = []
    for line in lines:
        if kept and line.top - kept[-1].bottom > max_gap_ratio * kept[-1].size:
            break
        kept.append(line)
    return tuple(kept)
