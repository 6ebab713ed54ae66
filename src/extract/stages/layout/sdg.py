"""SDG targets: printed codes as anchors, each remaining word owned by the nearest code above-left."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from extract.geometry import Box, Line, Word, words_to_lines, words_to_segments
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
    by_goal: dict[str, list[Word]] = {}
    for a in anchors:
        by_goal.setdefault(a.text.split(".")[0], []).append(a)
    return [
        w
        for w in words
        for a in by_goal.get(w.text, ())
        if 0 <= a.x0 - w.x1 <= layout.badge_reach_ratio * a.size
        and abs(w.yc - a.yc) <= layout.badge_reach_ratio * a.size / 2
    ]


def pills_of(anchors: Sequence[Word], boxes: Sequence[Box], layout: LayoutSettings) -> dict[Word, Box]:
    """Each code's pill: the smallest short box holding it and no other code."""
    pills = {}
    for a in anchors:
        holding = [
            b
            for b in boxes
            if b.contains(a, layout.sdg_label_slack)
            and b.height <= layout.pill_max_height_ratio * a.size
            and not any(o is not a and b.contains(o, layout.sdg_label_slack) for o in anchors)
        ]
        if holding:
            pills[a] = min(holding, key=lambda b: b.width * b.height)
    return pills


def assign_to_anchors(
    words: Sequence[Word], anchors: Sequence[Word], layout: LayoutSettings, boxes: Sequence[Box] = ()
) -> list[SdgItem]:
    """Words inside a code's pill are its label; every other segment goes to the code `_owner`
    picks (a code's left edge is its prefix's, such as "Cible"), unless far below that code's
    label (goal badges and prefixes are not label words)."""
    prefixes = {fold(p) for p in layout.sdg_code_prefixes}
    lead = {a: a.x0 for a in anchors}  # a code's left edge and top, its prefix ("Cible 10.7") included
    head = {a: a.top for a in anchors}
    skip = set()
    for w in words:
        if fold(w.text) not in prefixes:
            continue
        for a in anchors:
            if _prefixes(w, a, layout):
                skip.add(w)
                lead[a], head[a] = min(lead[a], w.x0), min(head[a], w.top)
    owned: dict[Word, list[Word]] = {a: [] for a in anchors}
    last_bottom = {a: a.bottom for a in anchors}
    pills = pills_of(anchors, boxes, layout)
    loose = []
    for word in words:
        if word in owned or word in skip or word.text.isdigit():
            continue
        pill = next((a for a, b in pills.items() if b.contains(word, layout.sdg_label_slack)), None) if pills else None
        if pill is not None:
            owned[pill].append(word)
        else:
            loose.append(word)
    segments = words_to_segments(loose, layout.line_tolerance_ratio, layout.segment_gap_ratio)
    for segment in (part for seg in segments for part in _split_at_codes(seg, anchors, lead, head, layout)):
        anchor = _owner(segment, anchors, lead, head, layout)
        if anchor is None or segment.top - last_bottom[anchor] > layout.block_gap_ratio * segment.size:
            continue
        owned[anchor].extend(segment.words)
        last_bottom[anchor] = max(last_bottom[anchor], segment.bottom)
    pattern = re.compile(layout.sdg_code_pattern)
    return [
        SdgItem(a, tuple(words_to_lines(owned[a], layout.line_tolerance_ratio)), code.group(0))
        for a in sorted(anchors, key=lambda a: (a.top, a.x0))
        if (code := pattern.match(a.text))  # always: anchors are words the pattern matched
    ]


def code_companions(anchors: Sequence[Word], words: Sequence[Word], layout: LayoutSettings) -> list[Word]:
    """Words printed with a code that are not its label: the goal badge and a prefix ("ODD")."""
    prefixes = {fold(p) for p in layout.sdg_code_prefixes}
    prefixed = [w for w in words if fold(w.text) in prefixes for a in anchors if _prefixes(w, a, layout)]
    return [*badges_of(anchors, words, layout), *prefixed]


def _prefixes(word: Word, code: Word, layout: LayoutSettings) -> bool:
    """A prefix word printed just left of a code on its line, or just above it (a wrapped cell)."""
    beside = 0 <= code.x0 - word.x1 <= code.size and abs(word.top - code.top) <= layout.line_tolerance_ratio * code.size
    above = 0 <= code.top - word.bottom <= code.size and abs(word.x0 - code.x0) <= layout.sdg_label_slack
    return beside or above


def _split_at_codes(
    segment: Line, anchors: Sequence[Word], lead: dict[Word, float], head: dict[Word, float], layout: LayoutSettings
) -> list[Line]:
    """A label line cut where a code above it starts (labels of a row of codes set close together)."""
    slack = layout.sdg_label_slack
    cuts = sorted(
        lead[a] - slack
        for a in anchors
        if head[a] <= segment.top + slack and segment.x0 + slack < lead[a] <= segment.x1
    )
    if not cuts:  # (most segments: the segment itself, whole)
        return [segment]
    parts: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
    for word in segment.words:
        parts[sum(word.x0 >= cut for cut in cuts)].append(word)
    return [Line(tuple(words)) for words in parts if words]


def _owner(
    segment: Line, anchors: Sequence[Word], lead: dict[Word, float], head: dict[Word, float], layout: LayoutSettings
) -> Word | None:
    """The code a label segment belongs to: the lowest code above it standing over it (within a
    code size); else, among codes above it starting before its end, the lowest row, and in that
    row the right-most (labels beside their codes)."""
    above = [a for a in anchors if head[a] <= segment.top + layout.sdg_label_slack]
    over = [a for a in above if lead[a] - a.size <= segment.x1 and segment.x0 <= a.x1 + a.size]
    if over:  # codes standing over the segment (a column of codes, or codes centred on labels)
        return max(over, key=lambda a: (head[a], lead[a]))
    above = [a for a in above if lead[a] <= segment.x1 + layout.sdg_label_slack]
    if not above:
        return None
    lowest = max(head[a] for a in above)
    row = [a for a in above if head[a] >= lowest - layout.line_tolerance_ratio * a.size]
    return max(row, key=lambda a: (lead[a], a.x0))
