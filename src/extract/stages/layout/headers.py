"""Block headers: segments that name a block kind by its key words, with their bar.

A segment is a header when its text names a kind (see `aliases`: every word of an alias, in
order, with at most `header_extra_words_max` others; the alias with the most words wins). A header
may wrap onto a second line. A loose match (extra words) must also look like a header; an exact
one (letter-spaced too) need not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import NamedTuple

from extract.geometry import Box, Line, Word, base_font
from extract.settings import LayoutSettings, Settings

from .aliases import HeaderMatch, HeaderMatcher
from .model import COLUMN_KINDS, Header

WRAP_SIZE_RATIO = 0.7  # a wrapped header line is at least this share of the header's size (small capitals)
BAR_MAX_LINES = 4  # a header bar is at most this many header lines tall (taller: a panel, not a bar)
_READING_ORDER = attrgetter("top", "x0")  # segments top to bottom, then left to right
_SIZE = attrgetter("size")
_NEW_TUPLE = tuple.__new__


def looks_like_header(line: Line, bar: Box | None, body_font: str, body: float, layout: LayoutSettings) -> bool:
    """Set apart from body text: in a bar, bold, another font, larger, or in capitals."""
    letters = [c for c in line.text if c.isalpha()]
    caps = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    return (
        bar is not None
        or any(w.bold for w in line.words)
        or any(w.font != body_font for w in line.words)
        or (body > 0 and line.size >= layout.header_size_min_ratio * body)
        or caps >= layout.header_caps_min_share
    )


def body_font(words: Iterable[Word]) -> str:
    """The font carrying most characters (summed per font name first, then per font: a font's
    subsets are one font)."""
    by_name: dict[str, int] = {}
    for w in words:
        name = w.fontname
        by_name[name] = by_name.get(name, 0) + len(w.text)
    weight: dict[str, int] = {}
    for name, count in by_name.items():
        font = base_font(name)
        weight[font] = weight.get(font, 0) + count
    return min(weight, key=lambda f: (-weight[f], f)) if weight else ""


class _Segment(NamedTuple):
    """A candidate line with its geometry, text and own match computed once (a named tuple: made
    for every segment of every page, cheaper than a frozen dataclass)."""

    line: Line
    top: float
    bottom: float
    x0: float
    size: float
    smallest: float  # smallest word size
    first: Word  # the first word with a letter or digit
    text: str
    match: HeaderMatch | None

    @classmethod
    def of(cls, line: Line, matcher: HeaderMatcher) -> _Segment:
        """The line's geometry, from its properties (`Line.top`, ...: kept for later stages too)."""
        text, words = line.text, line.words
        smallest = min(map(_SIZE, words)) if len(words) > 1 else words[0].size
        values = (
            line,
            line.top,
            line.bottom,
            line.x0,
            line.size,
            smallest,
            _first_letters(line),
            text,
            matcher.match(text),
        )
        return _NEW_TUPLE(cls, values)  # (the named tuple's own `__new__` less its Python call)


def find_headers(segments: Iterable[Line], boxes: Sequence[Box], settings: Settings, body: float = 0.0) -> list[Header]:
    """Segments (alone, or continued on the line below) that name a block kind; each with its
    bar, if any; the top-most per kind."""
    matcher = HeaderMatcher(settings)
    ordered = sorted([_Segment.of(s, matcher) for s in segments], key=_READING_ORDER)
    return _find(ordered, boxes, settings, body, _Wraps(matcher, settings.layout))


def header_passes(
    segments: Iterable[Line], boxes: Sequence[Box], settings: Settings, body: float = 0.0
) -> list[list[Header]]:
    """`find_headers` pass after pass, each over the segments the earlier passes left (no word
    of their headers), until a pass finds none: the first pass is `find_headers`' result."""
    matcher = HeaderMatcher(settings)
    left = sorted([_Segment.of(s, matcher) for s in segments], key=_READING_ORDER)
    wraps = _Wraps(matcher, settings.layout)  # over the same segments: kept from pass to pass
    passes: list[list[Header]] = []
    while headers := _find(left, boxes, settings, body, wraps):
        passes.append(headers)
        used = {w for h in headers for w in h.line.words}
        left = [s for s in left if used.isdisjoint(s.line.words)]
    return passes


def _find(
    ordered: Sequence[_Segment], boxes: Sequence[Box], settings: Settings, body: float, wraps: _Wraps
) -> list[Header]:
    """`find_headers` over segments sorted top to bottom, then left to right."""
    font: str | None = None  # the body font, found when a loose match needs it
    found: dict[str, Header] = {}
    used: set[Word] = set()
    for i, segment in enumerate(ordered):
        if used and segment.line.words[0] in used:
            continue
        best = wraps.line(i, ordered)
        if best is None:
            continue
        line, match = best
        bar = header_bar(line, boxes, settings.layout)
        if match.extra:
            font = body_font(w for s in ordered for w in s.line.words) if font is None else font
            if not looks_like_header(line, bar, font, body, settings.layout):
                continue
        if match.kind not in found:
            found[match.kind] = Header(match.kind, match.language, line, bar)
            used.update(line.words)
    return list(found.values())


HeaderLine = tuple[Line, HeaderMatch]


class _Wraps:
    """`_header_line` of each segment, kept while the segments it looked at are still there.

    A later pass looks at what the earlier one left, in the same order: when the last segment a
    line looked at is still as far after it, none in between went, so the line is the same."""

    def __init__(self, matcher: HeaderMatcher, layout: LayoutSettings) -> None:
        self.matcher, self.layout = matcher, layout
        self.kept: dict[int, tuple[HeaderLine | None, int, _Segment | None]] = {}  # id -> line, looked at, last

    def line(self, at: int, ordered: Sequence[_Segment]) -> HeaderLine | None:
        """`_header_line(at, ordered)`, from an earlier pass when it still holds."""
        key = id(ordered[at])
        kept = self.kept.get(key)
        if kept is not None:
            found, looked, last = kept
            if last is None or (at + looked < len(ordered) and ordered[at + looked] is last):
                return found
        found, end = _header_line(at, ordered, self.matcher, self.layout)
        self.kept[key] = (found, end - at - 1, ordered[end - 1] if end > at + 1 else None)
        return found


def _header_line(
    at: int, ordered: Sequence[_Segment], matcher: HeaderMatcher, layout: LayoutSettings
) -> tuple[HeaderLine | None, int]:
    """Segment `at` joined with the lines below it while a header wraps (same face, aligned) and
    each joined text names its kind with more alias words; else the segment if it names a kind.
    With the end of the segments it looked at (those after `at`, up to where it stopped)."""
    line, top, bottom, x0, size, smallest, first, text, match = ordered[at]
    reach = layout.header_wrap_gap_ratio * (bottom - top)
    largest, words, first_x0 = size, line.words, first.x0
    end = at + 1  # past the last segment looked at
    for later in range(end, len(ordered)):
        other = ordered[later]
        end = later + 1
        other_top = other.top
        if other_top - bottom > reach:
            break
        if other_top <= top:  # (the cheaper test first)
            continue
        second = other.first
        if not (abs(other.x0 - x0) <= size or abs(second.x0 - first_x0) <= size):  # either edge aligned
            continue
        if not smallest * WRAP_SIZE_RATIO <= second.size <= largest / WRAP_SIZE_RATIO:
            break
        if second.fontname != first.fontname and not (second.bold and first.bold):
            break
        joined, joined_text = words + other.line.words, f"{text} {other.text}"
        better = matcher.match(joined_text)
        if better and (
            match is None
            or better.matched > match.matched
            or (better.matched == match.matched and _same_face(other.line, first))
        ):
            line, match = Line(joined), better
        elif not (better is None and match is None and matcher.starts(joined_text)):
            break  # (else a header wrapped before its key words were complete)
        top, bottom = min(top, other.top), max(bottom, other.bottom)
        smallest, largest = min(smallest, other.smallest), max(largest, other.size)
        words, text = joined, joined_text
    return ((line, match) if match else None), end


def _same_face(line: Line, first: Word) -> bool:
    """Every word of `line` in the font of `first` and in letters: extra words of a header, never
    codes or numbers."""
    return all(w.fontname == first.fontname and w.text.isalpha() for w in line.words)


def _first_letters(line: Line) -> Word:
    """The first word with a letter or digit (an icon before a header is not its text)."""
    for word in line.words:
        for char in word.text:
            if char.isalnum():
                return word
    return line.words[0]


def header_bar(segment: Line, boxes: Sequence[Box], layout: LayoutSettings) -> Box | None:
    """The smallest coloured filled box holding the header, no taller than a few of its lines."""
    candidates = [
        b
        for b in boxes
        if b.filled
        and not b.is_light
        and b.contains(segment, layout.bar_slack)
        and b.height <= BAR_MAX_LINES * segment.height
    ]
    return min(candidates, key=lambda b: b.width * b.height, default=None)


def page_language(headers: Sequence[Header]) -> str:
    """The language most header words belong to (ties: the first header's)."""
    counts = Counter(h.language for h in headers)
    return max(counts, key=lambda lang: (counts[lang], -[h.language for h in headers].index(lang)))


def header_rows(headers: Sequence[Header], tolerance: float) -> list[list[Header]]:
    """Headers grouped by shared top, rows top to bottom, headers left to right."""
    rows: list[list[Header]] = []
    for header in sorted(headers, key=lambda h: h.extent.top):
        if rows and abs(header.extent.top - rows[-1][0].extent.top) <= tolerance:
            rows[-1].append(header)
        else:
            rows.append([header])
    return [sorted(row, key=lambda h: h.extent.x0) for row in rows]


def missing_column_reason(headers: Sequence[Header], settings: Settings) -> str | None:
    """Why the page is not a complete action sheet, or None when all columns are there."""
    kinds = {h.kind for h in headers}
    if not kinds & set(COLUMN_KINDS):
        return "no action blocks"
    language = page_language([h for h in headers if h.kind in COLUMN_KINDS])
    for kind in COLUMN_KINDS:
        if kind not in kinds:
            words = settings.headers.columns()[kind]
            name = (words.get(language) or next(iter(words.values())))[0]
            return f"missing {name} column"
    return None
