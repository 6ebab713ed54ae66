"""Title and subtitle: the largest text above the columns and the smaller or italic lines below it."""

from __future__ import annotations

from collections.abc import Sequence

from extract.geometry import Line, Word, words_to_lines
from extract.settings import LayoutSettings

from .zones import cut_at_gap


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


def find_subtitle(
    words: Sequence[Word], title: Sequence[Line], body: float, layout: LayoutSettings
) -> tuple[Line, ...]:
    """Lines right below the title, smaller than it, larger than body text or italic (badges excluded)."""
    title_size = min(line.size for line in title)
    below = [
        w
        for w in words
        if w.top >= title[-1].bottom - 1
        and not w.text.isdigit()
        and w.size < title_size * (1 - layout.title_size_tolerance)
        and (w.size >= layout.subtitle_min_ratio * body or w.italic)
    ]
    lines = words_to_lines(below, layout.line_tolerance_ratio)
    if not lines or lines[0].top - title[-1].bottom > layout.block_gap_ratio * lines[0].size:
        return ()
    return cut_at_gap(lines, layout.block_gap_ratio)
