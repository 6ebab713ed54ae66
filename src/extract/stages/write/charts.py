"""Inline SVG bar charts for report.html: drawn here, no chart library, no external resource.

A chart is a horizontal bar per label, longest bar = the largest value, the value printed after
each bar. Labels longer than `LABEL_CHARS` are shortened (the full text is the bar's tooltip).
Output is deterministic text: same bars, same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

DEFAULT_COLOUR = "#3b6ea5"
TEXT_COLOUR = "#222222"
GRID_COLOUR = "#d0d0d0"
WIDTH = 760  # px of the viewBox; the chart scales to its container
LABEL_WIDTH = 300  # px for the labels column
VALUE_WIDTH = 48  # px kept right of the longest bar for its value
ROW_HEIGHT = 22  # px per bar
BAR_HEIGHT = 16  # px
TOP = 6  # px above the first bar
FONT_SIZE = 12  # px
LABEL_CHARS = 44  # characters of a label shown before it is shortened
TEXT_GAP = 6  # px between a label or value and its bar
ELLIPSIS = "…"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, fill colour and optional link target (`#anchor`)."""

    label: str
    value: int
    colour: str = DEFAULT_COLOUR
    href: str | None = None


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """`text` cut to `limit` characters, ending with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def _bar(index: int, bar: Bar, scale: float) -> str:
    y = TOP + index * ROW_HEIGHT
    length = round(bar.value * scale, 1)
    middle = y + BAR_HEIGHT / 2
    label = escape(shorten(bar.label))
    if bar.href:
        label = f'<a href="{escape(bar.href)}">{label}</a>'
    return (
        f"<g><title>{escape(bar.label)}: {bar.value}</title>"
        f'<text x="{LABEL_WIDTH - TEXT_GAP}" y="{middle}" text-anchor="end" dominant-baseline="central">{label}</text>'
        f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{escape(bar.colour)}"/>'
        f'<text x="{LABEL_WIDTH + length + TEXT_GAP}" y="{middle}" dominant-baseline="central">{bar.value}</text></g>'
    )


def bar_chart(title: str, bars: Sequence[Bar]) -> str:
    """An accessible SVG bar chart (`role="img"`, titled); a short note when there is no bar."""
    if not bars:
        return f'<p class="empty">{escape(title)}: nothing to show.</p>'
    height = TOP * 2 + ROW_HEIGHT * len(bars)
    largest = max((bar.value for bar in bars), default=0)
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest if largest else 0.0
    axis = f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height}" stroke="{GRID_COLOUR}"/>'
    body = "".join(_bar(i, bar, scale) for i, bar in enumerate(bars))
    return (
        f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}" '
        f'font-family="sans-serif"><title>{escape(title)}</title>{axis}{body}</svg>'
    )
