"""Stage 2b — fragment: one band of a page read as a piece of an action, whole or partial.

Rules:
- A band the layout stage reads as a complete sheet is a whole piece (the layout stage's result,
  untouched).
- Otherwise its headers still open their regions (the layout package's public functions); a
  title may be missing (a continuation) and so may any block kind (the rest is on another page).
- Text above the first header of a band without a title, inside the column of the previous
  piece's open block (the block lowest on its page), is the band's lead. It continues that
  block when its first line has the block's face (same font, size and left edge) and nearly all
  its text is set in the block's text face (an SDG lead starts with a printed code).
- A band with no title, no block header and no matching lead is no piece (the layout stage's
  skip reason stands).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from extract.errors import PageSkipped
from extract.geometry import Box, Line, Word, body_size, words_to_lines, words_to_segments
from extract.settings import AssembleSettings, Settings
from extract.stages.document import DocumentContext
from extract.stages.layout import (
    BAND_KIND,
    COLUMN_KINDS,
    Block,
    PageLayout,
    Zone,
    assign_to_anchors,
    block_zones,
    find_subtitle,
    find_title,
    header_rows,
    page_language,
    page_to_layout,
    sdg_anchors,
)
from extract.stages.layout.coverage import page_coverage
from extract.stages.layout.markers import is_marker
from extract.stages.layout.model import PARTNERS_KIND, SDG_KIND
from extract.stages.layout.recommendations import band_block
from extract.stages.layout.zones import page_panels
from extract.stages.segment import ActionFields, layout_to_fields
from extract.stages.split import Band, page_text

BLOCK_KINDS = (*COLUMN_KINDS, SDG_KIND, BAND_KIND)
LIST_KINDS = ("activities", "results", BAND_KIND)
_EMPTY = Zone(0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Face:
    """The typography of a block's first line: font, size and left edge."""

    font: str
    size: float
    x0: float


@dataclass(frozen=True)
class OpenBlock:
    """The block still open at the end of a piece: its kind, its first line's face and its
    right edge (a continuation stays in the block's column)."""

    kind: str
    face: Face
    x1: float = float("inf")
    text: Face | None = None  # the face most of its text is set in (markers aside)


@dataclass(frozen=True)
class Piece:
    """What one band gave: partial fields, the block kinds it holds, what stays open after it."""

    page: int
    position: int
    fields: ActionFields | None
    titled: bool = False
    kinds: frozenset[str] = frozenset()
    lead_kind: str | None = None  # the open block its lead continued
    continues_item: bool = False  # the lead's first line continues the open block's last item
    stray_lead: bool = False  # a lead of list items or codes that matched no open block
    open: OpenBlock | None = None
    skip: str = ""  # the layout stage's reason when the band is no whole sheet
    legibility: str | None = None  # the page's legibility warning, if any


def band_to_piece(
    band: Band, position: int, settings: Settings, document: DocumentContext | None, open_block: OpenBlock | None
) -> Piece:
    """Read a band: whole when the layout stage accepts it, else as a fragment."""
    skip = ""
    if not band.lead:
        try:
            reading = band.text.reading if band.text else None
            layout = page_to_layout(band.page, settings, document, reading)
            kinds = frozenset(b.kind for b in layout.regions if b.kind in BLOCK_KINDS)
            return Piece(
                band.page.number,
                position,
                layout_to_fields(layout, settings),
                titled=True,
                kinds=kinds,
                open=last_open(layout, settings),
            )
        except PageSkipped as skipped:
            skip = skipped.reason
    return fragment_piece(band, position, settings, document, open_block, skip or "no action blocks")


def fragment_piece(
    band: Band,
    position: int,
    settings: Settings,
    document: DocumentContext | None,
    open_block: OpenBlock | None,
    skip: str,
) -> Piece:
    """A band read without requiring a title or every block header."""
    layout = settings.layout
    page = band.page
    text = band.text or page_text(page, settings, document)
    headers = [h for h in text.headers if h.kind in BLOCK_KINDS or h.kind == PARTNERS_KIND]
    if not text.content:
        return Piece(page.number, position, None, skip=skip)
    segments = words_to_segments(text.content, layout.line_tolerance_ratio, layout.segment_gap_ratio)
    anchors = sdg_anchors(segments, re.compile(layout.sdg_code_pattern), layout.sdg_code_prefixes)
    panels = page_panels(page, text.body, layout)
    rows = header_rows(headers, layout.header_row_tolerance)
    zones = block_zones(rows, text.content, page, layout, anchors, panels) if rows else {}
    content = [w for w in text.content if PARTNERS_KIND not in zones or not zones[PARTNERS_KIND].holds(w)]
    kinds = frozenset(h.kind for h in headers if h.kind in BLOCK_KINDS)
    first_top = min((h.extent.top for h in headers), default=page.height)
    above = [w for w in content if w.bottom <= first_top + layout.bar_slack and not _in_any(w, zones)]
    above_set = set(above)
    body = body_size([w for w in content if w not in above_set]) or text.body
    title = find_title(above, body, layout) if kinds and not band.lead else ()  # a title heads blocks
    subtitle = find_subtitle([w for w in above if not _in_lines(w, title)], title, body, layout) if title else ()
    lead_words = [] if title else above if open_block is None else _in_column(above, open_block, settings)
    lead = words_to_lines(lead_words, layout.line_tolerance_ratio)
    lead_kind = open_block.kind if open_block and lead and _continues(lead, open_block, anchors, settings) else None
    if not title and not kinds and lead_kind is None:
        stray = bool(lead) and _listlike(lead[0], anchors, settings)
        return Piece(page.number, position, None, stray_lead=stray, skip=skip)

    lead_zone = Zone(open_block.face.x0, open_block.x1, 0.0, page.height) if open_block else _EMPTY
    claimed: set[Word] = set()
    columns = {}
    for kind in COLUMN_KINDS:
        words = [w for w in content if kind in zones and zones[kind].holds(w)]
        words += lead_words if lead_kind == kind else []
        claimed.update(words)
        lines = tuple(words_to_lines(words, layout.line_tolerance_ratio))
        columns[kind] = Block(kind, zones.get(kind, lead_zone if lead_kind == kind else _EMPTY), lines)
    band_lines: list[Line] = list(lead) if lead_kind == BAND_KIND else []
    rules: tuple[Box, ...] = ()
    cells: tuple[Box, ...] = ()
    numbers: tuple[Word, ...] = ()
    if BAND_KIND in zones:
        header = next(h for h in headers if h.kind == BAND_KIND)
        free = [w for w in content if w not in claimed and w not in lead_words]
        block, rules, cells, numbers = band_block(header, zones[BAND_KIND], free, page, layout, settings.segment)
        band_lines += block.lines
    claimed.update(w for line in band_lines for w in line.words)
    sdg_words = [w for w in content if SDG_KIND in zones and zones[SDG_KIND].holds(w) and w not in claimed]
    sdg_words += lead_words if lead_kind == SDG_KIND else []
    sdg_set = set(sdg_words)
    sdg_items = assign_to_anchors(
        [w for w in sdg_words if w not in anchors], [a for a in anchors if a in sdg_set], layout, page.boxes
    )
    title_words = {w for line in (*title, *subtitle) for w in line.words}
    assigned = (
        claimed
        | title_words
        | set(numbers)
        | {w for i in sdg_items for w in (i.code, *(x for l in i.label for x in l.words))}
    )
    coverage, unassigned = page_coverage(content, assigned, layout)
    partial = PageLayout(
        number=page.number,
        width=page.width,
        height=page.height,
        language=page_language(headers) if headers else "fr",
        title=Block("title", _EMPTY, tuple(title)),
        subtitle=Block("subtitle", _EMPTY, tuple(subtitle)) if subtitle else None,
        sdg_items=tuple(sdg_items),
        columns=columns,
        band=Block(BAND_KIND, zones.get(BAND_KIND, lead_zone), tuple(band_lines)) if band_lines else None,
        band_rules=rules,
        body_size=body,
        coverage=coverage,
        unassigned=unassigned,
        band_boxes=cells,
    )
    fields = layout_to_fields(partial, settings)
    continues = lead_kind in LIST_KINDS and _continues_item(lead, settings)
    return Piece(
        page.number,
        position,
        fields,
        titled=bool(title),
        kinds=kinds,
        lead_kind=lead_kind,
        continues_item=continues,
        open=last_open(partial, settings),
        skip=skip,
    )


def last_open(layout: PageLayout, settings: Settings) -> OpenBlock | None:
    """The block lowest on the page (then right-most): the one a next page may continue; its
    column reaches the right edge of its region."""
    blocks = [(k, b.lines, b.zone) for k, b in layout.columns.items()]
    if layout.band:
        blocks.append((BAND_KIND, layout.band.lines, layout.band.zone))
    sdg_zone = next((r.zone for r in layout.regions if r.kind == SDG_KIND), _EMPTY)
    blocks.append((SDG_KIND, tuple(item.label[0] for item in layout.sdg_items if item.label), sdg_zone))
    filled = [(k, lines, zone) for k, lines, zone in blocks if lines]
    if not filled:
        return None
    kind, lines, zone = max(filled, key=lambda b: (max(l.bottom for l in b[1]), max(l.x1 for l in b[1])))
    first = min(lines, key=lambda l: (l.top, l.x0))
    right = max(zone.x1, *(l.x1 for l in lines))
    if kind == SDG_KIND:
        code = min((i.code for i in layout.sdg_items), key=lambda w: (w.top, w.x0))
        return OpenBlock(kind, Face(code.fontname, code.size, code.x0), right)
    return OpenBlock(kind, face_of(first), right, text_face(lines, settings))


def text_face(lines: Sequence[Line], settings: Settings) -> Face | None:
    """The font carrying most characters of the lines (markers aside) and its median size."""
    words = [w for line in lines for w in line.words if not is_marker(w, settings.segment)]
    weight: Counter[str] = Counter()
    for w in words:
        weight[w.fontname] += len(w.text)
    if not weight:
        return None
    font = min(weight, key=lambda f: (-weight[f], f))
    return Face(font, median(w.size for w in words if w.fontname == font), 0.0)


def face_of(line: Line) -> Face:
    """A line's face: its first word's font and size, its left edge."""
    word = line.words[0]
    return Face(word.fontname, word.size, line.x0)


def same_face(a: Face, b: Face, rules: AssembleSettings) -> bool:
    """Same font, size within tolerance, left edges within a few font sizes."""
    return (
        a.font == b.font
        and abs(a.size - b.size) <= rules.continuation_size_tolerance
        and abs(a.x0 - b.x0) <= rules.continuation_indent_ratio * max(a.size, b.size)
    )


def _continues(lead: Sequence[Line], open_block: OpenBlock, anchors: Sequence[Word], settings: Settings) -> bool:
    """Whether a lead's first line carries the open block's face (an SDG lead: a code first)."""
    first = lead[0]
    if open_block.kind == SDG_KIND:
        return first.words[0] in set(anchors)
    faces = [face_of(first)]
    if len(first.words) > 1 and is_marker(first.words[0], settings.segment):
        faces.append(Face(first.words[1].fontname, first.words[1].size, first.x0))
    if not any(same_face(f, open_block.face, settings.assemble) for f in faces):
        return False
    return open_block.text is None or _face_share(lead, open_block.text, settings) >= (
        settings.assemble.continuation_face_min_share
    )


def _face_share(lead: Sequence[Line], face: Face, settings: Settings) -> float:
    """Share of the lead's characters (markers aside) set in `face` (font, size within tolerance)."""
    words = [w for line in lead for w in line.words if not is_marker(w, settings.segment)]
    total = sum(len(w.text) for w in words)
    tolerance = settings.assemble.continuation_size_tolerance
    same = sum(len(w.text) for w in words if w.fontname == face.font and abs(w.size - face.size) <= tolerance)
    return same / total if total else 0.0


def _in_column(words: Sequence[Word], open_block: OpenBlock, settings: Settings) -> list[Word]:
    """Words inside the open block's column: from its left edge (less a few font sizes) to its
    right edge (plus as much); side strips and margins stay out."""
    reach = settings.assemble.continuation_indent_ratio * open_block.face.size
    return [w for w in words if w.x0 >= open_block.face.x0 - reach and w.x1 <= open_block.x1 + reach]


def _listlike(line: Line, anchors: Sequence[Word], settings: Settings) -> bool:
    """A line that opens a list item or an SDG target."""
    return is_marker(line.words[0], settings.segment) or line.words[0] in set(anchors)


def _continues_item(lead: Sequence[Line], settings: Settings) -> bool:
    """A lead whose first line has no marker while a later one has: the end of an item."""
    marked = [is_marker(line.words[0], settings.segment) for line in lead]
    return not marked[0] and any(marked[1:])


def _in_any(word: Word, zones: dict[str, Zone]) -> bool:
    return any(z.holds(word) for z in zones.values())


def _in_lines(word: Word, lines: Sequence[Line]) -> bool:
    return any(word in line.words for line in lines)
