"""The recommendations region: its lines, and what marks its items (thin rules, boxes)."""

from __future__ import annotations

from collections.abc import Sequence

from extract.geometry import Box, Line, Word, words_to_lines
from extract.settings import LayoutSettings, SegmentSettings
from extract.stages.read import PageContent

from .markers import is_marker
from .model import BAND_KIND, Block, Header, Zone


def band_block(
    header: Header,
    zone: Zone,
    words: Sequence[Word],
    page: PageContent,
    layout: LayoutSettings,
    segment: SegmentSettings,
) -> tuple[Block, tuple[Box, ...], tuple[Box, ...], tuple[Word, ...]]:
    """Lines below the header inside its region (its bar's width when it has one), or beside it,
    up to the first wide gap outside an item box; with the thin vertical rules and the boxes that mark its items,
    and the item numbers printed in badges inside those boxes (markers, not text)."""
    ext, slack = header.extent, layout.band_margin
    x0, x1 = (ext.x0 - slack, ext.x1 + slack) if header.bar else (0.0, page.width)
    area = Zone(max(x0, zone.x0), min(x1, zone.x1), ext.bottom - slack, zone.bottom)
    beside = Zone(ext.x1, zone.x1, zone.top, zone.bottom)  # text set beside a side heading
    in_area, in_beside = area.holds_each(words), beside.holds_each(words)
    held = [w for w, a, b in zip(words, in_area, in_beside) if a or (b and w.x0 >= ext.x1)]
    held_lines = words_to_lines(held, layout.line_tolerance_ratio)
    least = min((line.height for line in held_lines), default=0)
    framed = [
        b
        for b in page.boxes
        if b.width > layout.rule_max_width
        and b.height >= least > 0
        and b is not header.bar
        and (_opens_in(b, area, slack) or (b.x0 >= ext.x1 and _opens_in(b, beside, slack)))
    ]
    badges = [b for b in framed if _is_badge(b, framed, held, segment, slack)]
    numbers = tuple(w for w in held if any(b.contains(w, slack) for b in badges))
    if numbers:  # (else the held words' lines are those found above)
        held = [w for w in held if w not in numbers]
        held_lines = words_to_lines(held, layout.line_tolerance_ratio)
    boxes = tuple(sorted(cell_boxes([b for b in framed if b not in badges], held, slack), key=_order))
    lines = _cut(held_lines, boxes, layout)
    if lines:
        area = Zone(area.x0, area.x1, area.top, lines[-1].bottom + slack)
    rules = tuple(
        sorted(
            (
                b
                for b in page.boxes
                if b.width <= layout.rule_max_width and b.height >= least and _within(b, area, layout.band_rule_slack)
            ),
            key=_order,
        )
    )
    boxes = tuple(b for b in boxes if b.top < area.bottom)
    return Block(BAND_KIND, area, lines, header), rules, boxes, numbers


def _within(box: Box, area: Zone, slack: float) -> bool:
    """A box belongs to an area when its centre lies inside it and it starts below the area's top."""
    return (
        area.x0 <= (box.x0 + box.x1) / 2 < area.x1 and box.top >= area.top - slack and box.bottom <= area.bottom + slack
    )


def _opens_in(box: Box, area: Zone, slack: float) -> bool:
    """An item box belongs to an area when its centre lies across it and its top inside it (the
    box may run on below: the next header cut the region through it)."""
    return area.x0 <= (box.x0 + box.x1) / 2 < area.x1 and area.top - slack <= box.top < area.bottom


def _is_badge(box: Box, boxes: Sequence[Box], words: Sequence[Word], segment: SegmentSettings, slack: float) -> bool:
    """A box inside another that holds only item numbers or markers."""
    inner = [w for w in words if box.contains(w, slack)]
    return (
        bool(inner)
        and all(w.text.isdigit() or is_marker(w, segment) for w in inner)
        and any(o is not box and o.contains(box, slack) and not _same(o, box, slack) for o in boxes)
    )


def _cut(lines: Sequence[Line], boxes: Sequence[Box], layout: LayoutSettings) -> tuple[Line, ...]:
    """Lines from the first one until a wide vertical gap, unless the next line opens an item box."""
    kept: list[Line] = []
    for line in lines:
        gap = kept and line.top - kept[-1].bottom > layout.block_gap_ratio * kept[-1].size
        if gap and not any(b.contains(line.words[0], layout.band_margin) for b in boxes):
            break
        kept.append(line)
    return tuple(kept)


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
