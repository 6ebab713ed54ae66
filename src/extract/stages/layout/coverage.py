"""Self-check: how much of a page's text landed in some block, and what did not."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from extract.geometry import Line, Word, words_to_segments
from extract.settings import LayoutSettings


def page_coverage(
    content: Sequence[Word], assigned: Collection[Word], layout: LayoutSettings
) -> tuple[float, tuple[Line, ...]]:
    """Share of the content's characters in `assigned` (1.0 for an empty page), and the
    segments of what is left, top to bottom."""
    total = sum(len(w.text) for w in content)
    left = [w for w in content if w not in assigned]
    if not total:
        return 1.0, ()
    share = 1.0 - sum(len(w.text) for w in left) / total
    segments = words_to_segments(left, layout.line_tolerance_ratio, layout.segment_gap_ratio)
    return round(share, 4), tuple(segments)


def coverage_warning(coverage: float, unassigned: Sequence[Line], layout: LayoutSettings) -> str | None:
    """A warning quoting the text left out of every block with its position, below the threshold."""
    if coverage >= layout.coverage_warn_below or not unassigned:
        return None
    quotes, budget = [], layout.coverage_quote_chars
    for line in unassigned:
        if budget <= 0:
            break
        text = line.text[:budget]
        budget -= len(text)
        quotes.append(f"“{text}” (x {line.x0:.0f}, y {line.top:.0f})")
    return f"coverage {coverage:.2f}: not in any block: " + "; ".join(quotes)
