"""Stage 2a — split: a page into horizontal bands, one per action title, by typography only.

Rules:
- Headers are found as the layout stage finds them, pass after pass (it keeps one per kind).
- A title is a run of lines (furniture and header words excluded) whose size reaches
  `title_min_ratio` times the page's body size, digits excluded (badges), of a few letters at
  least, over a block header (their columns overlap), with a column header of its own before
  the next such run.
- A page with two or more titles is cut just above each title after the first; the text above
  the first title that is not furniture is the page's lead (a candidate continuation of the
  previous page's action; the caller drops the lead cut when it continues nothing). A page
  with one title and no lead is one band: the whole page.
- A band keeps the page's size and coordinates (furniture rules by position still hold), its
  words by their centre, and the boxes that overlap it, clipped to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.geometry import Box, Line, Word, body_size, words_to_lines, words_to_segments
from extract.settings import Settings
from extract.stages.document import DocumentContext
from extract.stages.layout import COLUMN_KINDS, is_furniture, logo_frames
from extract.stages.layout.headers import header_passes
from extract.stages.layout.model import Header, PageReading
from extract.stages.layout.zones import cut_at_gap
from extract.stages.read import PageContent

TITLE_MIN_LETTERS = 3  # a title run holds at least this many letters (a lone large initial is none)


@dataclass(frozen=True)
class PageText:
    """What the split reads from a page: its content words (furniture and headers removed),
    its headers, its body size, and what the layout stage reads first from it."""

    content: tuple[Word, ...]
    headers: tuple[Header, ...]
    body: float
    reading: PageReading


@dataclass(frozen=True)
class Band:
    """A horizontal slice of a page: `lead` when it lies above the page's first title; `text`:
    the split's reading of `page` when the band is the whole page (None: read the band anew)."""

    page: PageContent
    top: float
    bottom: float
    lead: bool = False
    text: PageText | None = None


def page_text(page: PageContent, settings: Settings, document: DocumentContext | None) -> PageText:
    """Headers and non-furniture words of a page (furniture checked once per segment)."""
    layout = settings.layout
    segments = words_to_segments(page.words, layout.line_tolerance_ratio, layout.segment_gap_ratio)
    body = body_size(page.words)
    passes = header_passes(segments, page.boxes, settings, body)
    headers = tuple(sorted((h for found in passes for h in found), key=lambda h: (h.extent.top, h.extent.x0)))
    first = tuple(passes[0]) if passes else ()
    first_words = {w for h in first for w in h.line.words}
    header_words = {w for h in headers for w in h.line.words}
    frames = logo_frames(page, layout)
    kept = [
        s for s in segments if s.words[0] in first_words or not is_furniture(s, page, layout, body, frames, document)
    ]  # the first pass's header words are a part of every pass's
    content = tuple([w for s in kept if s.words[0] not in header_words for w in s.words if w not in header_words])
    return PageText(content, headers, body, PageReading(first, tuple(kept), body))


def title_runs(text: PageText, settings: Settings) -> list[tuple[Line, ...]]:
    """Runs of title-sized lines (a few letters at least), each over a block header and with a
    column header (objective, activities, results) of its own before the next run."""
    layout = settings.layout
    big = [w for w in text.content if not w.text.isdigit() and w.size >= layout.title_min_ratio * text.body]
    lines = words_to_lines(big, layout.line_tolerance_ratio)
    runs: list[tuple[Line, ...]] = []
    while lines:
        run = cut_at_gap(lines, layout.block_gap_ratio)
        runs.append(run)
        lines = lines[len(run) :]
    kept = [run for run in runs if _letters(run) >= TITLE_MIN_LETTERS and _heads(run, text.headers)]
    while True:  # a run whose span holds no column header of its own is no title
        ends = [run[0].top for run in kept[1:]] + [float("inf")]
        owned = [
            run
            for run, end in zip(kept, ends)
            if any(h.kind in COLUMN_KINDS and run[-1].bottom <= h.extent.top < end for h in text.headers)
        ]
        if len(owned) == len(kept):
            return kept
        kept = owned


def _letters(run: Sequence[Line]) -> int:
    return sum(c.isalpha() for line in run for c in line.text)


def _heads(run: Sequence[Line], headers: Sequence[Header]) -> bool:
    """Some header lies below the run, its columns overlapping the run's."""
    x0, x1 = min(l.x0 for l in run), max(l.x1 for l in run)
    return any(h.extent.top >= run[-1].bottom and h.extent.x0 < x1 and h.extent.x1 > x0 for h in headers)


@dataclass(frozen=True)
class PageSplit:
    """A page's reading and its title runs' cut lines, found once whichever bands are wanted."""

    page: PageContent
    text: PageText
    cuts: tuple[float, ...]


def read_split(page: PageContent, settings: Settings, document: DocumentContext | None = None) -> PageSplit:
    """The page's reading and the cut line just above each of its title runs."""
    text = page_text(page, settings, document)
    slack = settings.layout.bar_slack
    return PageSplit(page, text, tuple(run[0].top - slack for run in title_runs(text, settings)))


def split_page(
    page: PageContent, settings: Settings, document: DocumentContext | None = None, lead: bool = True
) -> list[Band]:
    """The page's bands: a lead above the first title when it holds content (and `lead`), then
    one per title."""
    return split_bands(read_split(page, settings, document), lead)


def split_bands(split: PageSplit, lead: bool = True) -> list[Band]:
    """`split_page` over a page's split: the same bands, the page read once for both variants."""
    page, text, cuts = split.page, split.text, split.cuts
    has_lead = lead and bool(cuts) and any(w.bottom <= cuts[0] for w in text.content)
    if len(cuts) <= 1 and not has_lead:
        return [Band(page, 0.0, page.height, text=text)]
    edges = [0.0, *cuts[1:], page.height] if not has_lead else [0.0, *cuts, page.height]
    bands = [Band(band_page(page, top, bottom), top, bottom) for top, bottom in zip(edges, edges[1:])]
    return [replace(bands[0], lead=True), *bands[1:]] if has_lead else bands


def band_page(page: PageContent, top: float, bottom: float) -> PageContent:
    """The page restricted to [top, bottom): words by centre, boxes overlapping it, clipped."""
    words = tuple(w for w in page.words if top <= w.yc < bottom)
    boxes = tuple(_clip(b, top, bottom) for b in page.boxes if b.top < bottom and b.bottom > top)
    return replace(page, words=words, boxes=boxes, char_count=sum(len(w.text) for w in words))


def _clip(box: Box, top: float, bottom: float) -> Box:
    return replace(box, top=max(box.top, top), bottom=min(box.bottom, bottom))


def band_words(bands: Sequence[Band]) -> int:
    """How many words the bands hold (a split never loses or duplicates a word)."""
    return sum(len(b.page.words) for b in bands)
