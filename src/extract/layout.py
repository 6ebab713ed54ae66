"""Stage 2 — layout: find the blocks of an action sheet from geometry and typography.

Rules, in order:
1. Furniture (running headers, funder line, page numbers) is dropped by header words and position.
2. Block headers are line segments whose folded text equals a configured header word
   (OBJECTIF/OBJECTIVE, ACTIVITES/ACTIVITIES, RESULTATS/OUTCOMES, the recommendations band).
   Where they were drawn in the content stream does not matter: only geometry does.
3. Headers on one baseline form a row; each header owns the area below (or beside) it, bounded
   left and right by its header bar when there is one, otherwise by the empty vertical strips
   (gutters) between the columns' text, and below by the next header row.
4. The title is the largest text above the columns; the subtitle follows it in a smaller or italic face.
5. SDG targets are anchored on printed codes (`16.6`, `16.b`) at the start of a segment; each
   remaining word belongs to the nearest code above-left of it (badges left of the code are ignored).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import PageSkipped
from .geometry import Box, Line, Word, body_size, gutters, words_to_lines, words_to_segments
from .read import PageContent
from .settings import HeaderWords, LayoutSettings, Settings
from .text import fold, fold_compact

COLUMN_KINDS = ("objective", "activities", "results")
BAND_KIND = "recommendations"


@dataclass(frozen=True)
class Header:
    """A block header: its words, the block kind it names and its bar if drawn in one."""

    kind: str
    language: str
    line: Line
    bar: Box | None = None

    @property
    def extent(self) -> Box:
        """The header's visual box: the bar when there is one, else its words."""
        if self.bar is not None:
            return self.bar
        return Box(self.line.x0, self.line.x1, self.line.top, self.line.bottom)


@dataclass(frozen=True)
class Zone:
    """A rectangle of the page that holds one block's content."""

    x0: float
    x1: float
    top: float
    bottom: float

    def holds(self, word: Word) -> bool:
        """A word belongs to a zone when its centre lies inside it."""
        return self.x0 <= word.xc < self.x1 and self.top <= word.yc < self.bottom


@dataclass(frozen=True)
class Block:
    """One block of the sheet: its kind, area, content lines (top to bottom) and header."""

    kind: str
    zone: Zone
    lines: tuple[Line, ...]
    header: Header | None = None


@dataclass(frozen=True)
class SdgItem:
    """One SDG target of the sidebar: the printed code and the lines of its label."""

    code: Word
    label: tuple[Line, ...]
    printed_code: str = ""


@dataclass(frozen=True)
class PageLayout:
    """Every block found on an action sheet."""

    number: int
    width: float
    height: float
    language: str
    title: Block
    subtitle: Block | None
    sdg_items: tuple[SdgItem, ...]
    columns: dict[str, Block]
    band: Block | None
    band_rules: tuple[Box, ...] = ()
    body_size: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)


# --- furniture -------------------------------------------------------------------------------

@lru_cache(maxsize=32)
def _folded(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(p) for p in phrases)


def is_furniture(segment: Line, page: PageContent, layout: LayoutSettings, body: float = 0.0,
                 frames: Sequence[Box] | None = None) -> bool:
    """Running headers/footers by their words; lone numbers in the top or bottom margin; logos."""
    folded = fold(segment.text)
    if any(folded.startswith(phrase) for phrase in _folded(layout.furniture)):
        return True
    margin = layout.page_number_margin_ratio * page.height
    in_margin = segment.bottom < margin or segment.top > page.height - margin
    if in_margin and folded.isdigit():
        return True
    return is_logo(segment, logo_frames(page, layout) if frames is None else frames, layout, body)


def logo_frames(page: PageContent, layout: LayoutSettings) -> tuple[Box, ...]:
    """Boxes that can frame a logo: small, stroked or dark, in the top or bottom band of the page."""
    band = layout.logo_band_ratio * page.height
    return tuple(box for box in page.boxes
                 if box.width <= layout.logo_box_max_width_ratio * page.width
                 and (box.stroked or (box.filled and not box.is_light))
                 and (box.top >= page.height - band or box.bottom <= band))


def is_logo(segment: Line, frames: Sequence[Box], layout: LayoutSettings, body: float = 0.0) -> bool:
    """Small text (not title-sized) framed by a logo frame no taller than a few of its lines."""
    if body and segment.size >= layout.title_min_ratio * body:
        return False
    return any(segment.height <= frame.height <= layout.logo_box_max_lines * segment.height
               and frame.contains(segment, layout.bar_slack) for frame in frames)


# --- headers ---------------------------------------------------------------------------------

def header_aliases(headers: HeaderWords) -> dict[str, tuple[str, str]]:
    """Compact folded header word -> (block kind, language)."""
    table: dict[str, tuple[str, str]] = {}
    kinds = {**headers.columns(), BAND_KIND: headers.recommendations}
    for kind, by_language in kinds.items():
        for language, words in by_language.items():
            for word in words:
                table.setdefault(fold_compact(word), (kind, language))
    return table


def find_headers(segments: Iterable[Line], boxes: Sequence[Box], settings: Settings) -> list[Header]:
    """Segments whose folded text is a header word (alone, or continued on the line below);
    each with its bar, if any; the top-most per kind."""
    aliases = header_aliases(settings.headers)
    ordered = sorted(segments, key=lambda s: (s.top, s.x0))
    found: dict[str, Header] = {}
    for i, segment in enumerate(ordered):
        header_line = _header_line(segment, ordered[i + 1:], aliases, settings.layout)
        match = aliases.get(fold_compact(header_line.text)) if header_line else None
        if match and match[0] not in found:
            kind, language = match
            found[kind] = Header(kind, language, header_line, header_bar(header_line, boxes, settings.layout))
    return list(found.values())


def _header_line(segment: Line, below: Sequence[Line], aliases: dict[str, tuple[str, str]],
                 layout: LayoutSettings) -> Line | None:
    """The segment joined with the next line when a header wraps onto two lines
    ("RECOMMANDATIONS POLITIQUES" / "MC2CM ABORDEES"), else the segment if it is a header word."""
    text = fold_compact(segment.text)
    if not text or not any(alias.startswith(text) for alias in aliases):
        return None
    for other in below:
        if other.top - segment.bottom > layout.header_wrap_gap_ratio * segment.height:
            break
        if abs(other.x0 - segment.x0) <= segment.size and other.top > segment.top:
            joined = Line(segment.words + other.words)
            if fold_compact(joined.text) in aliases:
                return joined
            break
    return segment if text in aliases else None


def header_bar(segment: Line, boxes: Sequence[Box], layout: LayoutSettings) -> Box | None:
    """The smallest coloured filled box holding the header, no taller than a few of its lines."""
    candidates = [b for b in boxes if b.filled and not b.is_light
                  and b.contains(segment, layout.bar_slack)
                  and b.height <= 4 * segment.height]
    return min(candidates, key=lambda b: b.width * b.height, default=None)


def page_language(headers: Sequence[Header]) -> str:
    """The language most header words belong to (ties: the first header's)."""
    counts = Counter(h.language for h in headers)
    return max(counts, key=lambda lang: (counts[lang], -[h.language for h in headers].index(lang)))


def header_rows(headers: Sequence[Header], tolerance: float) -> list[list[Header]]:
    """Headers grouped by shared top, rows top to bottom, headers left to right."""
    rows: list[list[Header]] = []
    for header in sorted(headers, key=lambda h: h.extent.top):
        if rows and abs(header.extent.top - rows[-1][0].extent.top) <= tolerance:
            rows[-1].append(header)
        else:
            rows.append([header])
    return [sorted(row, key=lambda h: h.extent.x0) for row in rows]


def missing_column_reason(headers: Sequence[Header], settings: Settings) -> str | None:
    """Why the page is not a complete action sheet, or None when all columns are there."""
    kinds = {h.kind for h in headers}
    if not kinds & set(COLUMN_KINDS):
        return "no action blocks"
    language = page_language(headers)
    for kind in COLUMN_KINDS:
        if kind not in kinds:
            words = settings.headers.columns()[kind]
            name = (words.get(language) or next(iter(words.values())))[0]
            return f"missing {name} column"
    return None


# --- zones -----------------------------------------------------------------------------------

def row_bottom(row: Sequence[Header], rows: Sequence[Sequence[Header]], page: PageContent) -> float:
    """A row's blocks end where the next header row below starts, else at the page bottom."""
    top = row[0].extent.top
    lower = [h.extent.top for other in rows for h in other if h.extent.top > top + 1]
    return min(lower, default=page.height)


def column_bounds(row: Sequence[Header], words: Sequence[Word], page: PageContent,
                  layout: LayoutSettings, obstacles: Sequence[float] = ()) -> list[tuple[float, float]]:
    """Left/right bounds of each header's block in a row: bars first, then gutters.

    `obstacles` are x positions of other blocks (SDG codes) that outer columns must not cross.
    """
    empty = gutters(((w.x0, w.x1) for w in words), 0.0, page.width, layout.column_gutter_min)
    bounds = []
    for i, header in enumerate(row):
        left = _between(row[i - 1], header, empty, layout) if i else _outer_left(header, empty, obstacles, layout)
        right = (_between(header, row[i + 1], empty, layout) if i + 1 < len(row)
                 else _outer_right(header, empty, obstacles, page, layout))
        bounds.append((left, right))
    return bounds


def _outer_left(header: Header, empty, obstacles: Sequence[float], layout: LayoutSettings) -> float:
    """First column's left: its bar; else the first gutter after an obstacle on its left (the
    SDG list's edge); else the widest gutter left of its header."""
    ext = header.extent
    if header.bar is not None:
        return ext.x0 - layout.bar_slack
    floor = max((x for x in obstacles if x < ext.x0), default=None)
    before = [g for g in empty if g[1] <= ext.x0 + layout.bar_slack and (floor is None or g[0] >= floor)]
    if not before:
        return ext.x0 - layout.bar_slack
    chosen = max(before, key=lambda g: g[1] - g[0]) if floor is None else before[0]
    return (chosen[0] + chosen[1]) / 2


def _outer_right(header: Header, empty, obstacles: Sequence[float], page: PageContent,
                 layout: LayoutSettings) -> float:
    """Last column's right: its bar; else the last gutter before an obstacle on its right (the
    SDG list's edge: word gaps of justified text lie further left); else the page edge."""
    ext = header.extent
    if header.bar is not None:
        return ext.x1 + layout.bar_slack
    ceiling = min((x for x in obstacles if x > ext.x1), default=None)
    if ceiling is None:
        return page.width
    after = [g for g in empty if g[0] >= ext.x1 - layout.bar_slack and g[1] <= ceiling + layout.bar_slack]
    return (after[-1][0] + after[-1][1]) / 2 if after else ceiling - layout.bar_slack


def _between(left: Header, right: Header, empty, layout: LayoutSettings) -> float:
    """The boundary between two neighbouring blocks: the middle of their bars' gap, else of the
    last gutter before the right header (word gaps of justified text lie further left)."""
    a, b = left.extent, right.extent
    if left.bar is not None and right.bar is not None:
        return (a.x1 + b.x0) / 2
    before = [g for g in empty if g[0] >= a.x0 and g[1] <= b.x0 + layout.bar_slack]
    if before:
        last = max(before, key=lambda g: g[1])
        return (last[0] + last[1]) / 2
    return b.x0 - layout.bar_slack


def block_zones(rows: Sequence[Sequence[Header]], words: Sequence[Word], page: PageContent,
                layout: LayoutSettings, obstacles: Sequence[Word] = ()) -> dict[str, Zone]:
    """The zone of every header: below/beside it, between its bounds, down to the next row.

    `obstacles` (SDG codes) beside a row limit its outer columns.
    """
    zones: dict[str, Zone] = {}
    for row in rows:
        top = min(h.extent.top for h in row) - layout.bar_slack
        bottom = row_bottom(row, rows, page)
        row_words = [w for w in words if top <= w.yc < bottom]
        beside = [w.x0 for w in obstacles if top <= w.yc < bottom]
        if len(row) == 1 and row[0].bar is None:  # a section whose text may run beside its header
            ext = row[0].extent
            right = min((x for x in beside if x > ext.x1), default=page.width + layout.bar_slack)
            bounds = [(ext.x0 - layout.bar_slack, right - layout.bar_slack)]
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


# --- title, subtitle, SDG targets -----------------------------------------------------------

def find_title(words: Sequence[Word], body: float, layout: LayoutSettings) -> tuple[Line, ...]:
    """The largest text (digits excluded: those are badges), with its wrapped lines."""
    candidates = [w for w in words if not w.text.isdigit()]
    if not candidates:
        return ()
    largest = max(w.size for w in candidates)
    if largest < layout.title_min_ratio * body:
        return ()
    title_words = [w for w in candidates if w.size >= largest * (1 - layout.title_size_tolerance)]
    lines = words_to_lines(title_words, layout.line_tolerance_ratio)
    return cut_at_gap(lines, layout.block_gap_ratio)


def find_subtitle(words: Sequence[Word], title: Sequence[Line], body: float,
                  layout: LayoutSettings) -> tuple[Line, ...]:
    """Lines right below the title, smaller than it, larger than body text or italic (badges excluded)."""
    title_size = min(line.size for line in title)
    below = [w for w in words if w.top >= title[-1].bottom - 1 and not w.text.isdigit()
             and w.size < title_size * (1 - layout.title_size_tolerance)
             and (w.size >= layout.subtitle_min_ratio * body or w.italic)]
    lines = words_to_lines(below, layout.line_tolerance_ratio)
    if not lines or lines[0].top - title[-1].bottom > layout.block_gap_ratio * lines[0].size:
        return ()
    return cut_at_gap(lines, layout.block_gap_ratio)


def sdg_anchors(segments: Iterable[Line], pattern: re.Pattern[str],
                prefixes: Sequence[str] = ()) -> list[Word]:
    """Printed SDG codes: a code-shaped word that starts its segment (after a goal badge or a
    prefix such as "ODD"), or that follows text in another font (a sidebar set close to a column)."""
    folded_prefixes = {fold(p) for p in prefixes}
    anchors = []
    for segment in segments:
        words = [w for w in segment.words if not w.text.isdigit()]
        for i, word in enumerate(words):
            if not pattern.match(word.text):
                continue
            lead = fold(" ".join(w.text for w in words[:i]))
            if i == 0 or lead in folded_prefixes or words[i - 1].fontname != word.fontname:
                anchors.append(word)
    return anchors


def badges_of(anchors: Sequence[Word], words: Sequence[Word], layout: LayoutSettings) -> list[Word]:
    """Goal badges: the goal's number printed just left of its code, on its level."""
    return [w for w in words for a in anchors
            if w.text == a.text.split(".")[0]
            and 0 <= a.x0 - w.x1 <= layout.badge_reach_ratio * a.size
            and abs(w.yc - a.yc) <= layout.badge_reach_ratio * a.size / 2]


def assign_to_anchors(words: Sequence[Word], anchors: Sequence[Word],
                      layout: LayoutSettings) -> list[SdgItem]:
    """Each word goes to the lowest code above it whose left edge is at or left of the word's
    (goal badges and code prefixes such as "ODD" are not label words)."""
    prefixes = {fold(p) for p in layout.sdg_code_prefixes}
    skip = {w for w in words for a in anchors if fold(w.text) in prefixes and w.x1 <= a.x0
            and abs(w.top - a.top) <= layout.line_tolerance_ratio * a.size}
    owned: dict[Word, list[Word]] = {a: [] for a in anchors}
    last_bottom = {a: a.bottom for a in anchors}
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if word in owned or word in skip or word.text.isdigit():
            continue
        above = [a for a in anchors if a.top <= word.top + layout.bar_slack and a.x0 <= word.x0 + layout.bar_slack]
        if not above:
            continue
        anchor = max(above, key=lambda a: (a.top, a.x0))
        if word.top - last_bottom[anchor] > layout.block_gap_ratio * word.size:
            continue
        owned[anchor].append(word)
        last_bottom[anchor] = max(last_bottom[anchor], word.bottom)
    pattern = re.compile(layout.sdg_code_pattern)
    return [SdgItem(a, tuple(words_to_lines(owned[a], layout.line_tolerance_ratio)),
                    pattern.match(a.text).group(0))
            for a in sorted(anchors, key=lambda a: (a.top, a.x0))]


# --- the page --------------------------------------------------------------------------------

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
    segments = [s for s in all_segments
                if s.words[0] in header_words or not is_furniture(s, page, layout, page_body, frames)]
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

    band, rules = None, ()
    if BAND_KIND in zones:
        band, rules = _band_block(by_kind[BAND_KIND], zones[BAND_KIND], content, claimed, page, layout)
        claimed.update(w for line in band.lines for w in line.words)

    first_header_top = min(by_kind[k].extent.top for k in COLUMN_KINDS)
    free = [w for w in content if w not in claimed]
    anchors = [a for a in anchors if a not in claimed]
    anchor_set = set(anchors)
    above = [w for w in free if w.bottom <= first_header_top + layout.bar_slack and w not in anchor_set]
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
        number=page.number, width=page.width, height=page.height,
        language=page_language(headers),
        title=Block("title", _zone_of(title_lines), title_lines),
        subtitle=Block("subtitle", _zone_of(subtitle_lines), subtitle_lines) if subtitle_lines else None,
        sdg_items=tuple(sdg_items), columns=columns, band=band, band_rules=rules,
        body_size=body, warnings=tuple(warnings),
    )


def _band_block(header: Header, zone: Zone, content: Sequence[Word], claimed: set[Word],
                page: PageContent, layout: LayoutSettings) -> tuple[Block, tuple[Box, ...]]:
    """The recommendations band: lines below its header, up to the first wide gap."""
    ext = header.extent
    x0, x1 = (ext.x0 - layout.bar_slack, ext.x1 + layout.bar_slack) if header.bar else (0.0, page.width)
    area = Zone(x0, x1, ext.bottom - layout.bar_slack, zone.bottom)
    words = [w for w in content if area.holds(w) and w not in claimed]
    lines = cut_at_gap(words_to_lines(words, layout.line_tolerance_ratio), layout.block_gap_ratio)
    if lines:
        area = Zone(x0, x1, area.top, lines[-1].bottom + layout.bar_slack)
    rules = tuple(sorted((b for b in page.boxes if b.width <= layout.rule_max_width
                          and b.height >= min((l.height for l in lines), default=0)
                          and area.x0 <= b.x0 and b.x1 <= area.x1
                          and b.top >= area.top - layout.bar_slack and b.bottom <= area.bottom + layout.bar_slack),
                         key=lambda b: (b.top, b.x0)))
    return Block(BAND_KIND, area, lines, header), rules


def _zone_of(lines: Sequence[Line]) -> Zone:
    return Zone(min(l.x0 for l in lines), max(l.x1 for l in lines), min(l.top for l in lines),
                max(l.bottom for l in lines))
