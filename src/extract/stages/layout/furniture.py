"""Furniture: running headers and footers, page numbers in the margins, sideways strips, logos.

Never content: dropped before blocks are found.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from operator import attrgetter

from extract.geometry import Box, Line, Word
from extract.settings import LayoutSettings
from extract.stages.document import DocumentContext
from extract.stages.read import PageContent
from extract.text import fold

from .document import is_learnt_furniture

STRIP_EDGE_TOLERANCE = 2.0  # pt: glyphs of one sideways strip share their left and right edges this closely


@lru_cache(maxsize=32)
def _folded(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(p) for p in phrases)


def is_furniture(
    segment: Line,
    page: PageContent,
    layout: LayoutSettings,
    body: float = 0.0,
    frames: Sequence[Box] | None = None,
    document: DocumentContext | None = None,
) -> bool:
    """Running headers/footers by their words or learnt from the document; lone numbers in the
    top or bottom margin; text set sideways (a rotated side strip); logos."""
    folded = fold(segment.text)
    if folded.startswith(_folded(layout.furniture)):
        return True
    if is_learnt_furniture(segment, document, layout):
        return True
    if _all_sideways(segment.words, layout.rotated_height_ratio):
        return True
    margin = layout.page_number_margin_ratio * page.height
    in_margin = segment.bottom < margin or segment.top > page.height - margin
    if in_margin and folded.isdigit():
        return True
    return is_logo(segment, logo_frames(page, layout) if frames is None else frames, layout, body)


def logo_frames(page: PageContent, layout: LayoutSettings) -> tuple[Box, ...]:
    """Boxes that can frame a logo: small, stroked or dark, in the top or bottom band of the page,
    holding a few words at most (a logo's name; a boxed numbered item has more)."""
    band = layout.logo_band_ratio * page.height
    shaped = [
        box
        for box in page.boxes
        if box.width <= layout.logo_box_max_width_ratio * page.width
        and (box.stroked or (box.filled and not box.is_light))
        and (box.top >= page.height - band or box.bottom <= band)
    ]
    if not shaped:  # (no words to index)
        return ()
    held = _WordIndex(page.words)
    return tuple(box for box in shaped if held.count_in(box, layout.logo_frame_slack) <= layout.logo_max_words)


_TOP, _BOTTOM = attrgetter("top"), attrgetter("bottom")


class _WordIndex:
    """A page's words sorted by top and by bottom, to count the words a box holds without
    testing every word of the page against every box."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.by_top = sorted(words, key=_TOP)
        self.tops = [w.top for w in self.by_top]
        self.by_bottom = sorted(words, key=_BOTTOM)
        self.bottoms = [w.bottom for w in self.by_bottom]

    def count_in(self, box: Box, slack: float) -> int:
        """Words `box` contains with `slack` (`Box.contains`): only words whose top is not above
        the box's, or whose bottom is not below it, the smaller set, are tested."""
        below_top = bisect_left(self.tops, box.top - slack)
        above_bottom = bisect_right(self.bottoms, box.bottom + slack)
        if len(self.tops) - below_top <= above_bottom:
            candidates = self.by_top[below_top:]
        else:
            candidates = self.by_bottom[:above_bottom]
        return sum(box.contains(w, slack) for w in candidates)


def is_logo(segment: Line, frames: Sequence[Box], layout: LayoutSettings, body: float = 0.0) -> bool:
    """Small text (not title-sized) framed by a logo frame no taller than a few of its lines."""
    if not frames or (body and segment.size >= layout.title_min_ratio * body):
        return False
    height = segment.height
    tallest = layout.logo_box_max_lines * height
    slack = layout.logo_frame_slack
    for frame in frames:  # noqa: SIM110 (a loop, 4x cheaper than any(): asked of every segment of every page)
        if height <= frame.height <= tallest and frame.contains(segment, slack):
            return True
    return False


def _all_sideways(words: Sequence[Word], ratio: float) -> bool:
    """Every word taller than `ratio` x its size (set sideways); the first upright one answers."""
    for w in words:  # noqa: SIM110 (a loop, 4x cheaper than all(): asked of every segment)
        if not w.bottom - w.top > ratio * w.size:
            return False
    return True


def sideways_glyphs(words: Sequence[Word], layout: LayoutSettings) -> frozenset[Word]:
    """Letters of text set sideways and read one glyph at a time: a column of short words with the
    same left and right edges, stacked closer than a line."""
    columns: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        if len(w.text) <= 2:
            key = (round(w.x0 / STRIP_EDGE_TOLERANCE), round(w.x1 / STRIP_EDGE_TOLERANCE))
            columns.setdefault(key, []).append(w)
    found: set[Word] = set()
    for column in columns.values():
        if len(column) < layout.strip_min_glyphs:  # (no run of it can be long enough)
            continue
        run: list[Word] = []
        for w in sorted(column, key=lambda w: w.top):
            last = run[-1] if run else None
            if last and w.top - last.top > layout.strip_pitch_ratio * max(w.size, last.size, last.bottom - last.top):
                found.update(run if len(run) >= layout.strip_min_glyphs else ())
                run = []
            run.append(w)
        found.update(run if len(run) >= layout.strip_min_glyphs else ())
    return frozenset(found)
