"""Furniture: running headers and footers, page numbers in the margins, logos in framed boxes.

Never content: dropped before blocks are found.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from extract.geometry import Box, Line
from extract.settings import LayoutSettings
from extract.stages.read import PageContent
from extract.text import fold


@lru_cache(maxsize=32)
def _folded(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(p) for p in phrases)


def is_furniture(
    segment: Line, page: PageContent, layout: LayoutSettings, body: float = 0.0, frames: Sequence[Box] | None = None
) -> bool:
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
    return tuple(
        box
        for box in page.boxes
        if box.width <= layout.logo_box_max_width_ratio * page.width
        and (box.stroked or (box.filled and not box.is_light))
        and (box.top >= page.height - band or box.bottom <= band)
    )


def is_logo(segment: Line, frames: Sequence[Box], layout: LayoutSettings, body: float = 0.0) -> bool:
    """Small text (not title-sized) framed by a logo frame no taller than a few of its lines."""
    if body and segment.size >= layout.title_min_ratio * body:
        return False
    return any(
        segment.height <= frame.height <= layout.logo_box_max_lines * segment.height
        and frame.contains(segment, layout.logo_frame_slack)
        for frame in frames
    )
