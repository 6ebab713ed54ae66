"""The recommendations region: its lines, and what marks its items (thin rules, boxes)."""

from __future__ import annotations

from collections.abc import Sequence

from extract.geometry import Box, Word, words_to_lines
from extract.settings import LayoutSettings
from extract.stages.read import PageContent

from .model import BAND_KIND, Block, Header, Zone
from .zones import cut_at_gap


def band_block(
    header: Header, zone: Zone, words: Sequence[Word], page: PageContent, layout: LayoutSettings
) -> tuple[Block, tuple[Box, ...], tuple[Box, ...]]:
    """Lines below the header inside its region (its bar's width when it has one), up to the first
    wide gap; with the thin vertical rules and the boxes that mark its items."""
    ext = header.extent
    x0, x1 = (ext.x0 - layout.bar_slack, ext.x1 + layout.bar_slack) if header.bar else (0.0, page.width)
    area = Zone(max(x0, zone.x0), min(x1, zone.x1), ext.bottom - layout.bar_slack, zone.bottom)
    lines = cut_at_gap(
        words_to_lines([w for w in words if area.holds(w)], layout.line_tolerance_ratio), layout.block_gap_ratio
    )
    if lines:
        area = Zone(area.x0, area.x1, area.top, lines[-1].bottom + layout.bar_slack)
    least = min((line.height for line in lines), default=0)
    inside = [
        b
        for b in page.boxes
        if area.x0 - layout.bar_slack <= b.x0
        and b.x1 <= area.x1 + layout.bar_slack
        and b.top >= area.top - layout.bar_slack
        and b.bottom <= area.bottom + layout.bar_slack
    ]
    rules = tuple(sorted((b for b in inside if b.width <= layout.rule_max_width and b.height >= least), key=_order))
    held = [w for line in lines for w in line.words]
    cells = [b for b in inside if b.width > layout.rule_max_width and b.height >= least > 0 and b is not header.bar]
    boxes = tuple(sorted(cell_boxes(cells, held, layout.bar_slack), key=_order))
    return Block(BAND_KIND, area, lines, header), rules, boxes


def _order(box: Box) -> tuple[float, float]:
    return (box.top, box.x0)


def cell_boxes(boxes: Sequence[Box], words: Sequence[Word], slack: float) -> list[Box]:
    """Boxes that hold words and no other such box (a fill and its outline count once)."""
    holding = [b for b in boxes if any(b.contains(w, slack) for w in words)]
    unique: list[Box] = []
    for box in holding:
        if not any(_same(box, u, slack) for u in unique):
            unique.append(box)
    return [b for b in unique if not any(o is not b and b.contains(o, slack) for o in unique)]


def _same(a: Box, b: Box, slack: float) -> bool:
    return (
        abs(a.x0 - b.x0) <= slack
        and abs(a.x1 - b.x1) <= slack
        and abs(a.top - b.top) <= slack
        and abs(a.bottom - b.bottom) <= slack
    )
