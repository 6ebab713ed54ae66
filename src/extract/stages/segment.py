"""Stage 3 — segment: the lines of each block into clean text and list items.

Rules:
- Wrapped lines are joined with a space; a line-end hyphen is a break (the word is re-joined)
  unless the hyphenated form is attested on the page, the joined form is not, and the first part
  is a known compound prefix or the second part is capitalised (« vivre-ensemble », « Al-Majd »).
  A soft hyphen (U+00AD) is always a break.
- An item starts at a bullet glyph (•, ▪, –, -, a symbol-font glyph), else at a hanging or first-line
  indent, else after a paragraph gap or a line ending with ";".
- Ligatures are expanded, odd spaces folded, trailing list punctuation stripped from items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from extract.geometry import Box, Line, Word, split_segments, words_to_lines
from extract.settings import LayoutSettings, SegmentSettings, Settings
from extract.stages.layout import PageLayout
from extract.text import HYPHENS, SOFT_HYPHEN, clean, strip_item_end

_CID = re.compile(r"^\(cid:\d+\)$")
LABEL_LEAD = ":–—-· "  # separators between a code and a label printed on the same line
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*", re.UNICODE)
PRIVATE_USE_FIRST, PRIVATE_USE_LAST = 0xE000, 0xF8FF  # Unicode private-use area: font-specific glyphs
SYMBOL_GLYPH_MAX_CHARS = 2  # a symbol-font word this short at a line start is a bullet
DASH_BULLETS = "-–—*"  # bullets only when alone: glued to a word they are hyphens, dashes or marks


@dataclass(frozen=True)
class ActionFields:
    """The text content of one action sheet, before validation."""

    language: str
    title: str
    subtitle: str | None
    objective: str
    activities: tuple[str, ...]
    results: tuple[str, ...]
    sdg_targets: tuple[tuple[str, str], ...]  # (printed code, printed label)
    recommendations: tuple[str, ...]
    warnings: tuple[str, ...] = ()


# --- joining lines ---------------------------------------------------------------------------


def page_lexicon(lines: Sequence[Line]) -> frozenset[str]:
    """Every word (lower case) printed on the page, hyphenated compounds included."""
    return frozenset(m.group(0).lower() for line in lines for m in _WORD.finditer(line.text))


def joins_as_break(left: str, right: str, lexicon: frozenset[str], settings: SegmentSettings) -> bool:
    """Whether `left-` at a line end followed by `right` is one word broken by hyphenation."""
    head = _WORD.findall(left)[-1:] or [""]
    tail = _WORD.findall(right)[:1] or [""]
    head_word, tail_word = head[0].lower(), tail[0]
    if not head_word or not tail_word:
        return False
    if (head_word + tail_word.lower()) in lexicon:
        return True
    if f"{head_word}-{tail_word.lower()}" in lexicon:
        return False
    last_part = head_word.split("-")[-1].split("’")[-1].split("'")[-1]
    return not (last_part in settings.compound_prefixes or tail_word[0].isupper())


def join_lines(texts: Sequence[str], lexicon: frozenset[str], settings: SegmentSettings) -> str:
    """Join wrapped lines into one string, re-joining words broken by a line-end hyphen."""
    out = ""
    for text in texts:
        text = text.strip()
        if not text:
            continue
        if out.endswith(SOFT_HYPHEN):
            out = out[:-1] + text
        elif out and out[-1] in HYPHENS and len(out) > 1 and out[-2].isalpha() and text[:1].isalpha():
            out = out[:-1] + text if joins_as_break(out[:-1], text, lexicon, settings) else out[:-1] + "-" + text
        else:
            out = f"{out} {text}" if out else text
    return clean(out.replace(SOFT_HYPHEN, ""))


# --- bullets and items -----------------------------------------------------------------------


def is_bullet(word: Word, settings: SegmentSettings) -> bool:
    """A lone bullet: listed glyph, item number, symbol-font glyph, unmapped glyph or private-use char."""
    text = word.text
    if text in settings.bullet_glyphs or _CID.match(text) or re.match(settings.numbering_pattern, text):
        return True
    if len(text) == 1 and PRIVATE_USE_FIRST <= ord(text) <= PRIVATE_USE_LAST:
        return True
    return len(text) <= SYMBOL_GLYPH_MAX_CHARS and any(f.lower() in word.font.lower() for f in settings.symbol_fonts)


def leading_bullet(line: Line, settings: SegmentSettings) -> str | None:
    """The bullet glyph that starts a line (alone or glued to the first word), else None."""
    first = line.words[0]
    if is_bullet(first, settings):
        return first.text
    glyph = first.text[:1]
    hard = [g for g in settings.bullet_glyphs if g not in DASH_BULLETS]
    if glyph in hard and len(first.text) > 1:
        return glyph
    return None


def strip_bullet(line: Line, settings: SegmentSettings) -> str:
    """The line's text without its leading bullet glyph."""
    glyph = leading_bullet(line, settings)
    if glyph is None:
        return line.text
    first = line.words[0]
    rest = [w.text for w in line.words[1:]]
    if first.text != glyph:
        rest.insert(0, first.text[len(glyph) :])
    return " ".join(rest)


def _bullet_starts(lines: Sequence[Line], settings: SegmentSettings) -> list[int]:
    """Indexes of lines starting with a bullet aligned with the leftmost bullet."""
    starts = [i for i, line in enumerate(lines) if leading_bullet(line, settings) is not None]
    if not starts:
        return []
    left = min(lines[i].x0 for i in starts)
    return [i for i in starts if lines[i].x0 <= left + settings.bullet_align_slack]


def _indent_starts(lines: Sequence[Line], settings: SegmentSettings) -> list[int]:
    """Item starts from hanging indents (first line outdented) or first-line indents."""
    size = median(line.size for line in lines)
    left = min(line.x0 for line in lines)
    indented = [line.x0 - left >= settings.hanging_indent_ratio * size for line in lines]
    if not any(indented):
        return []
    if not indented[0]:  # hanging indent: items start at the left edge
        return [i for i, ind in enumerate(indented) if not ind]
    return [i for i, ind in enumerate(indented) if ind]  # first-line indent


def _gap_starts(lines: Sequence[Line], settings: SegmentSettings) -> list[int]:
    """Item starts after a paragraph gap or after a line ending with ';'."""
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])]
    base = min(pitches) if pitches else 0.0
    starts = [0]
    for i in range(1, len(lines)):
        wide = pitches[i - 1] > settings.paragraph_gap_ratio * base
        if wide or lines[i - 1].text.rstrip().endswith(";"):
            starts.append(i)
    return starts


def item_starts(lines: Sequence[Line], settings: SegmentSettings) -> list[int]:
    """Where list items begin: bullets, else indents, else paragraph gaps."""
    starts = _bullet_starts(lines, settings)
    if starts:
        return starts if starts[0] == 0 else [0, *starts]
    if len(lines) > 1:
        starts = _indent_starts(lines, settings)
        if starts:
            return starts if starts[0] == 0 else [0, *starts]
    return _gap_starts(lines, settings)


def lines_to_items(lines: Sequence[Line], lexicon: frozenset[str], settings: SegmentSettings) -> list[str]:
    """A list block's lines as items: bullets removed, wrapped lines joined, end punctuation stripped."""
    if not lines:
        return []
    starts = item_starts(lines, settings)
    items = []
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        texts = [strip_bullet(lines[start], settings), *(l.text for l in lines[start + 1 : end])]
        item = strip_item_end(join_lines(texts, lexicon, settings), settings.item_end_punctuation)
        if item:
            items.append(item)
    return items


# --- recommendation band ---------------------------------------------------------------------


def band_cells(lines: Sequence[Line], rules: Sequence[Box], layout: LayoutSettings) -> list[list[Line]]:
    """Band items as cells: each thin rule opens a cell; without rules, segments chained downwards."""
    segments = [s for line in lines for s in split_segments(line, layout.segment_gap_ratio)]
    if rules:
        return _cells_from_rules(segments, rules, layout)
    return _cells_from_chains(segments, layout)


def _cells_from_rules(segments: Sequence[Line], rules: Sequence[Box], layout: LayoutSettings) -> list[list[Line]]:
    cells: list[list[Word]] = [[] for _ in rules]
    for seg in segments:
        for word in seg.words:
            owners = [
                i
                for i, r in enumerate(rules)
                if r.top - layout.rule_cell_slack <= word.yc <= r.bottom + layout.rule_cell_slack
                and word.x0 >= r.x1 - layout.rule_cell_slack
            ]
            if owners:
                cells[max(owners, key=lambda i: rules[i].x0)].append(word)
    return [words_to_lines(ws, layout.line_tolerance_ratio) for ws in cells if ws]


def _cells_from_chains(segments: Sequence[Line], layout: LayoutSettings) -> list[list[Line]]:
    chains: list[list[Line]] = []
    for seg in sorted(segments, key=lambda s: (s.top, s.x0)):
        for chain in chains:
            last = chain[-1]
            close = seg.top - last.bottom <= (layout.band_row_gap_ratio - 1) * last.size + layout.band_chain_slack
            aligned = abs(seg.x0 - chain[0].x0) <= layout.band_chain_align_ratio * seg.size and seg.top > last.top
            if close and aligned:
                chain.append(seg)
                break
        else:
            chains.append([seg])
    return chains


# --- the page --------------------------------------------------------------------------------


def layout_to_fields(layout: PageLayout, settings: Settings | None = None) -> ActionFields:
    """Text of every block of a page layout, in reading order."""
    settings = settings or Settings()
    seg, geo = settings.segment, settings.layout
    all_lines = [
        *layout.title.lines,
        *(layout.subtitle.lines if layout.subtitle else ()),
        *(l for b in layout.columns.values() for l in b.lines),
        *(l for item in layout.sdg_items for l in item.label),
        *(layout.band.lines if layout.band else ()),
    ]
    lexicon = page_lexicon(all_lines)
    text = lambda lines: join_lines([l.text for l in lines], lexicon, seg)  # noqa: E731
    objective_lines = layout.columns["objective"].lines
    bulleted = [strip_bullet(l, seg) for l in objective_lines]
    recommendations = []
    if layout.band is not None:
        for cell in band_cells(layout.band.lines, layout.band_rules, geo):
            recommendations.extend(lines_to_items(cell, lexicon, seg))
    return ActionFields(
        language=layout.language,
        title=text(layout.title.lines),
        subtitle=text(layout.subtitle.lines) if layout.subtitle else None,
        objective=join_lines(bulleted, lexicon, seg),
        activities=tuple(lines_to_items(layout.columns["activities"].lines, lexicon, seg)),
        results=tuple(lines_to_items(layout.columns["results"].lines, lexicon, seg)),
        sdg_targets=tuple(
            (item.printed_code, text(item.label).lstrip(LABEL_LEAD).strip()) for item in layout.sdg_items
        ),
        recommendations=tuple(recommendations),
        warnings=layout.warnings,
    )
