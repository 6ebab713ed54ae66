"""Furniture learnt per document, carried by its `DocumentContext` (stages/document.py).

Text printed at the same place in the top or bottom band of most pages of a file (running
headers and footers, project names, "Page N") is furniture, beside the fixed phrase list. The
context is learnt from the first pages of a file, so a page range read elsewhere can receive it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from extract.geometry import Line, split_segments, words_to_lines
from extract.settings import LayoutSettings
from extract.stages.document import DocumentContext
from extract.stages.read import PageContent
from extract.text import fold

_DIGITS = re.compile(r"[0-9]+")
Key = tuple[str, int, int]


def is_learnt_furniture(segment: Line, context: DocumentContext | None, layout: LayoutSettings) -> bool:
    """Whether this segment repeats a running header or footer learnt from its document (its
    top bucket is checked first: the text of most segments is then never keyed)."""
    if context is None or not context.furniture:
        return False
    if round(segment.top / layout.furniture_position_tolerance) not in context.furniture_rows:
        return False
    return segment_key(segment, layout) in context.furniture_keys


def segment_key(segment: Line, layout: LayoutSettings) -> Key:
    """Where and what a segment prints, with digits and small shifts ignored."""
    tolerance = layout.furniture_position_tolerance
    text = _DIGITS.sub("#", fold(segment.text))
    return (text, round(segment.x0 / tolerance), round(segment.top / tolerance))


def _band_keys(page: PageContent, layout: LayoutSettings) -> set[Key]:
    band = layout.furniture_band_ratio * page.height
    code = re.compile(layout.sdg_code_pattern)
    return {
        segment_key(s, layout)
        for line in words_to_lines(page.words, layout.line_tolerance_ratio)
        if (line.bottom <= band or line.top >= page.height - band) and not any(code.match(w.text) for w in line.words)
        for s in split_segments(line, layout.segment_gap_ratio)
    }


def learn_document(
    pages: Iterable[PageContent], layout: LayoutSettings, context: DocumentContext | None = None
) -> DocumentContext:
    """The context with its furniture learnt: band text repeated at one place on at least
    `furniture_repeat_min_share` of the pages (and on at least `furniture_repeat_min_pages`)."""
    counts: Counter[Key] = Counter()
    total = 0
    for page in pages:
        total += 1
        counts.update(_band_keys(page, layout))
    least = max(layout.furniture_repeat_min_pages, layout.furniture_repeat_min_share * total)
    furniture = tuple(sorted(k for k, n in counts.items() if n >= least and k[0]))
    return replace(context or DocumentContext(file="", page_count=total), furniture=furniture, learnt=True)
