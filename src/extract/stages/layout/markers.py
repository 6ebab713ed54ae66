"""Item markers: bullets (• ▪ – ✓ ✔ ➢ ►…) and numbers ("1)", "1.", "a)", "iv.") that open list items.

A lone marker belongs to the block of the text right of it on its line, wherever its centre
falls: numbers hanging in the gutter left of a column stay with that column.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

from extract.geometry import Word
from extract.settings import LayoutSettings, SegmentSettings
from extract.text import CID_START

from .model import Zone

_CID = re.compile(r"^\(cid:\d+\)$")
PRIVATE_USE_FIRST, PRIVATE_USE_LAST = 0xE000, 0xF8FF  # Unicode private-use area: font-specific glyphs
SYMBOL_GLYPH_MAX_CHARS = 2  # a symbol-font word this short at a line start is a bullet
_X0 = attrgetter("x0")
DASH_BULLETS = "-–—*"  # bullets only when alone: glued to a word they are hyphens, dashes or marks


RULES_CACHE = 8  # marker rules built at once (one per segment settings in use)


@dataclass(frozen=True)
class MarkerRules:
    """A segment settings' markers ready for look-ups: listed glyphs (and those that are bullets
    even glued to a word: no dash), the numbering pattern compiled, symbol fonts in lower case."""

    glyphs: frozenset[str]
    hard_glyphs: frozenset[str]
    numbering: re.Pattern[str]
    symbol_fonts: tuple[str, ...]


_RULES: dict[int, tuple[SegmentSettings, MarkerRules]] = {}  # id of a settings -> (it, its rules)


def marker_rules(settings: SegmentSettings) -> MarkerRules:
    """The rules of `settings`, built once per settings object in use."""
    known = _RULES.get(id(settings))
    if known is None or known[0] is not settings:
        if len(_RULES) >= RULES_CACHE:
            _RULES.clear()
        glyphs = settings.bullet_glyphs
        rules = MarkerRules(
            frozenset(glyphs),
            frozenset(g for g in glyphs if g not in DASH_BULLETS),
            re.compile(settings.numbering_pattern),
            tuple(f.lower() for f in settings.symbol_fonts),
        )
        known = _RULES[id(settings)] = (settings, rules)
    return known[1]


def is_marker(word: Word, settings: SegmentSettings) -> bool:
    """A lone marker: listed glyph, item number, symbol-font glyph, unmapped glyph or private-use char."""
    return marks(word, marker_rules(settings))


def marks(word: Word, rules: MarkerRules) -> bool:
    """`is_marker` with the settings' rules at hand."""
    text = word.text
    if text in rules.glyphs or (text.startswith(CID_START) and _CID.match(text)) or rules.numbering.match(text):
        return True
    if len(text) > SYMBOL_GLYPH_MAX_CHARS:
        return False
    if len(text) == 1 and PRIVATE_USE_FIRST <= ord(text) <= PRIVATE_USE_LAST:
        return True
    font = word.font.lower()
    for symbol_font in rules.symbol_fonts:  # noqa: SIM110 (a loop, cheaper than any(): asked of every short word)
        if symbol_font in font:
            return True
    return False


def marker_owners(
    words: Sequence[Word], zones: Mapping[str, Zone], segment: SegmentSettings, layout: LayoutSettings
) -> dict[Word, str]:
    """Markers whose text (the nearest word right of them on their line) lies in another zone."""
    owners: dict[Word, str] = {}
    rules = marker_rules(segment)
    markers = [w for w in words if marks(w, rules)]
    by_x0 = sorted(words, key=_X0)  # stable: words of one x0 keep their order (the first is the text)
    starts = [w.x0 for w in by_x0]
    for marker in markers:
        reach = layout.marker_reach_ratio * marker.size
        right = []
        for w in by_x0[bisect_left(starts, marker.x1) :]:  # 0 <= w.x0 - marker.x1, by x0
            if w.x0 - marker.x1 > reach:
                break
            if w is not marker and abs(w.top - marker.top) <= layout.line_tolerance_ratio * max(w.size, marker.size):
                right.append(w)
        if not right:
            continue
        text = right[0]  # the nearest: the first of the smallest x0
        home = next((k for k, z in zones.items() if z.holds(text)), None)
        if home is not None and not zones[home].holds(marker):
            owners[marker] = home
    return owners
