"""Stage 3 — segment: the lines of each block into clean text and list items.

Rules:
- Wrapped lines are joined with a space; a line-end hyphen is a break (the word is re-joined)
  unless the hyphenated form is attested on the page, the joined form is not, and the first part
  is a known compound prefix or the second part is capitalised (« vivre-ensemble », « Al-Majd »),
  or the first part ends a compound on a function word (« out-of- » / « school »). It also stays
  when the next line's first word is itself hyphenated (« c’est- » / « à-dire »): a hyphenated
  compound is cut at one of its own hyphens, never inside a part.
  A soft hyphen (U+00AD) is always a break.
- An item starts at a bullet glyph (•, ▪, –, -, a symbol-font glyph), else at a hanging or first-line
  indent, else after a paragraph gap or a line ending with ";".
- Ligatures are expanded, odd spaces folded, trailing list punctuation stripped from items.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

from extract.catalog import load_catalog
from extract.geometry import Box, Line, Word, split_segments, words_to_lines, words_to_segments
from extract.settings import LayoutSettings, SegmentSettings, Settings
from extract.stages.layout import PageLayout
from extract.stages.layout.markers import is_marker, marker_rules
from extract.text import HYPHENS, SOFT_HYPHEN, clean, continues_compound, fold, strip_item_end

LABEL_LEAD = ":–—-· "  # separators between a code and a label printed on the same line
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*", re.UNICODE)


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
    coverage: float = 1.0  # share of the page's non-furniture text in some block
    # The lines each list item was read from, per field (activities, results, recommendations).
    spans: dict[str, tuple[tuple[Line, ...], ...]] = field(default_factory=dict)


# --- joining lines ---------------------------------------------------------------------------


def page_lexicon(lines: Sequence[Line]) -> frozenset[str]:
    """Every word (lower case) printed on the page, hyphenated compounds included (no word spans
    the line break the lines are joined with)."""
    return frozenset(map(str.lower, _WORD.findall("\n".join([line.text for line in lines]))))


class PageLexicon:
    """`page_lexicon` of the lines with the known compounds, gathered on the first look-up (only
    a line-end hyphen asks: most pages have none)."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.words is None:
            self.words = page_lexicon(self.lines) | known_compounds()
        return word in self.words


def joins_as_break(left: str, right: str, lexicon: Container[str], settings: SegmentSettings) -> bool:
    """Whether `left-` at a line end followed by `right` is one word broken by hyphenation."""
    heads, tails = _WORD.findall(left), _WORD.findall(right)
    if not heads or not tails:
        return False
    head_word, tail_word = heads[-1].lower(), tails[0]
    if (head_word + tail_word.lower()) in lexicon:
        return True
    if f"{head_word}-{tail_word.lower()}" in lexicon or _compound_link(head_word) or continues_compound(right):
        return False
    last_part = head_word.split("-")[-1].split("’")[-1].split("'")[-1]
    return not (last_part in settings.compound_prefixes or tail_word[0].isupper())


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return load_catalog().stopwords


@lru_cache(maxsize=1)
def known_compounds() -> frozenset[str]:
    """Hyphenated words of the canonical texts (SDG targets, recommendations, fr and en):
    compounds attested beside the page's own words ("public-private" broken at its hyphen)."""
    catalog = load_catalog()
    texts = [label.text for label in (*catalog.sdg_labels, *catalog.recommendation_labels)]
    return frozenset(m.group(0).lower() for text in texts for m in _WORD.finditer(text) if "-" in m.group(0))


def _compound_link(head: str) -> bool:
    """A head ending in a compound's function word ("out-of-", "vis-à-") goes on with a hyphen."""
    parts = head.split("-")
    return len(parts) > 1 and fold(parts[-1]) in _function_words()


def join_lines(texts: Sequence[str], lexicon: Container[str], settings: SegmentSettings) -> str:
    """Join wrapped lines into one string, re-joining words broken by a line-end hyphen."""
    out = ""
    for text in texts:
        text = text.strip()
        if not text:
            continue
        if out.endswith(SOFT_HYPHEN):
            out = out[:-1] + text
        elif out[-2:-1].isalpha() and out[-1:] in HYPHENS and text[:1].isalpha():  # letter, hyphen | letter
            out = out[:-1] + text if joins_as_break(out[:-1], text, lexicon, settings) else out[:-1] + "-" + text
        else:
            out = f"{out} {text}"  # the leading space of the first line goes in `clean`
    return clean(out.replace(SOFT_HYPHEN, ""))


# --- bullets and items -----------------------------------------------------------------------


def is_bullet(word: Word, settings: SegmentSettings) -> bool:
    """A lone bullet: listed glyph, item number, symbol-font glyph, unmapped glyph or private-use char."""
    return is_marker(word, settings)


def leading_bullet(line: Line, settings: SegmentSettings) -> str | None:
    """The bullet glyph that starts a line (alone or glued to the first word), else None."""
    first = line.words[0]
    if is_bullet(first, settings):
        return first.text
    glyph = first.text[:1]
    if glyph in marker_rules(settings).hard_glyphs:  # a lone glyph is a listed bullet, found above
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
    """Item starts from hanging indents (first line outdented) or first-line indents: always the
    first line among them, or none when no line is indented."""
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
    starts = [0]
    for i, pitch in enumerate(pitches, start=1):
        wide = pitch > settings.paragraph_gap_ratio * min(pitches)
        if wide or lines[i - 1].text.endswith(";"):
            starts.append(i)
    return starts


def item_starts(lines: Sequence[Line], settings: SegmentSettings) -> list[int]:
    """Where list items begin: bullets, else indents, else paragraph gaps."""
    starts = _bullet_starts(lines, settings)
    if starts:
        return starts if starts[0] == 0 else [0, *starts]
    return _indent_starts(lines, settings) or _gap_starts(lines, settings)


def lines_to_items(lines: Sequence[Line], lexicon: Container[str], settings: SegmentSettings) -> list[str]:
    """A list block's lines as items: bullets removed, wrapped lines joined, end punctuation stripped."""
    return [text for text, _ in lines_to_item_spans(lines, lexicon, settings)]


def lines_to_item_spans(
    lines: Sequence[Line], lexicon: Container[str], settings: SegmentSettings
) -> list[tuple[str, tuple[Line, ...]]]:
    """Each item's text with the lines it was read from."""
    if not lines:
        return []
    starts = item_starts(lines, settings)
    items = []
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        texts = [strip_bullet(lines[start], settings), *(l.text for l in lines[start + 1 : end])]
        item = strip_item_end(join_lines(texts, lexicon, settings), settings.item_end_punctuation)
        if item:
            items.append((item, tuple(lines[start:end])))
    return items


# --- recommendation band ---------------------------------------------------------------------


def band_cells(
    lines: Sequence[Line],
    rules: Sequence[Box],
    layout: LayoutSettings,
    boxes: Sequence[Box] = (),
    segment: SegmentSettings | None = None,
) -> list[list[Line]]:
    """Recommendation items as cells: each thin rule opens a cell; else each box holding text is a
    cell; else segments chained downwards (a marker's text edge continues its chain)."""
    segments = [s for line in lines for s in split_segments(line, layout.segment_gap_ratio)]
    if rules:
        return _cells_from_rules(segments, rules, layout)
    if boxes:
        return _cells_from_boxes(segments, boxes, layout, segment)
    return _cells_from_chains(segments, layout, segment)


def _cells_from_boxes(
    segments: Sequence[Line], boxes: Sequence[Box], layout: LayoutSettings, segment: SegmentSettings | None
) -> list[list[Line]]:
    """One cell per box, in reading order; text outside every box chained as usual."""
    inside: list[list[Word]] = [[] for _ in boxes]
    outside = []
    for seg in segments:
        for word in seg.words:
            owner = next((i for i, b in enumerate(boxes) if b.contains(word, layout.rule_cell_slack)), None)
            if owner is None:
                outside.append(word)
            else:
                inside[owner].append(word)
    cells = [words_to_lines(ws, layout.line_tolerance_ratio) for ws in inside if ws]
    rest = words_to_segments(outside, layout.line_tolerance_ratio, layout.segment_gap_ratio)
    return cells + _cells_from_chains(rest, layout, segment)


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


def _cells_from_chains(
    segments: Sequence[Line], layout: LayoutSettings, segment: SegmentSettings | None = None
) -> list[list[Line]]:
    chains: list[list[Line]] = []
    for seg in sorted(segments, key=lambda s: (s.top, s.x0)):
        for chain in chains:
            last = chain[-1]
            close = seg.top - last.bottom <= (layout.band_row_gap_ratio - 1) * last.size + layout.band_chain_slack
            edges = [chain[0].x0, *(_text_edge(chain[0], segment) if segment else ())]
            reach = layout.band_chain_align_ratio * seg.size
            aligned = any(abs(seg.x0 - x) <= reach for x in edges) and seg.top > last.top
            if close and aligned:
                chain.append(seg)
                break
        else:
            chains.append([seg])
    return chains


def _text_edge(line: Line, segment: SegmentSettings) -> tuple[float, ...]:
    """Where the text after a line's leading marker starts (wrapped lines of an item align there)."""
    if len(line.words) > 1 and is_marker(line.words[0], segment):
        return (line.words[1].x0,)
    return ()


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
    lexicon = PageLexicon(all_lines)
    text = lambda lines: join_lines([l.text for l in lines], lexicon, seg)  # noqa: E731
    objective_lines = layout.columns["objective"].lines
    bulleted = [strip_bullet(l, seg) for l in objective_lines]
    items = {kind: lines_to_item_spans(layout.columns[kind].lines, lexicon, seg) for kind in ("activities", "results")}
    recommendations: list[tuple[str, tuple[Line, ...]]] = []
    warnings = list(layout.warnings)
    if layout.band is not None:
        for cell in band_cells(layout.band.lines, layout.band_rules, geo, layout.band_boxes, seg):
            recommendations.extend(lines_to_item_spans(cell, lexicon, seg))
        if not recommendations:
            warnings.append("no recommendations found under the recommendations header")
    return ActionFields(
        language=layout.language,
        title=text(layout.title.lines),
        subtitle=text(layout.subtitle.lines) if layout.subtitle else None,
        objective=join_lines(bulleted, lexicon, seg),
        activities=tuple(t for t, _ in items["activities"]),
        results=tuple(t for t, _ in items["results"]),
        sdg_targets=tuple(
            (item.printed_code, text(item.label).lstrip(LABEL_LEAD).strip()) for item in layout.sdg_items
        ),
        recommendations=tuple(t for t, _ in recommendations),
        warnings=tuple(warnings),
        coverage=layout.coverage,
        spans={
            **{kind: tuple(lines for _, lines in spans) for kind, spans in items.items()},
            "recommendations": tuple(lines for _, lines in recommendations),
        },
    )
