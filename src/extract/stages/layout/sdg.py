"""SDG targets: printed codes as anchors, each remaining word owned by the nearest code above-left."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from extract.geometry import Line, Word, words_to_lines
from extract.settings import LayoutSettings
from extract.text import fold

from .model import SdgItem


def sdg_anchors(segments: Iterable[Line], pattern: re.Pattern[str], prefixes: Sequence[str] = ()) -> list[Word]:
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
    return [
        w
        for w in words
        for a in anchors
        if w.text == a.text.split(".")[0]
        and 0 <= a.x0 - w.x1 <= layout.badge_reach_ratio * a.size
        and abs(w.yc - a.yc) <= layout.badge_reach_ratio * a.size / 2
    ]


def assign_to_anchors(words: Sequence[Word], anchors: Sequence[Word], layout: LayoutSettings) -> list[SdgItem]:
    """Each word goes to the lowest code above it whose left edge is at or left of the word's
    (goal badges and code prefixes such as "ODD" are not label words)."""
    prefixes = {fold(p) for p in layout.sdg_code_prefixes}
    skip = {
        w
        for w in words
        for a in anchors
        if fold(w.text) in prefixes and w.x1 <= a.x0 and abs(w.top - a.top) <= layout.line_tolerance_ratio * a.size
    }
    owned: dict[Word, list[Word]] = {a: [] for a in anchors}
    last_bottom = {a: a.bottom for a in anchors}
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if word in owned or word in skip or word.text.isdigit():
            continue
        slack = layout.sdg_label_slack
        above = [a for a in anchors if a.top <= word.top + slack and a.x0 <= word.x0 + slack]
        if not above:
            continue
        anchor = max(above, key=lambda a: (a.top, a.x0))
        if word.top - last_bottom[anchor] > layout.block_gap_ratio * word.size:
            continue
        owned[anchor].append(word)
        last_bottom[anchor] = max(last_bottom[anchor], word.bottom)
    pattern = re.compile(layout.sdg_code_pattern)
    return [
        SdgItem(a, tuple(words_to_lines(owned[a], layout.line_tolerance_ratio)), code.group(0))
        for a in sorted(anchors, key=lambda a: (a.top, a.x0))
        if (code := pattern.match(a.text))  # always: anchors are words the pattern matched
    ]
