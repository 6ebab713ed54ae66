"""Block headers: segments that name a block kind by its key words, with their bar.

A segment is a header when its folded words hold every word of an alias of the kind, in order,
with at most `header_extra_words_max` other words ("Résultats obtenus", "SDG targets addressed");
icons and numbers before it fold away. The alias with the most words wins ("Objectifs de
développement durable" is the SDG list, not the objective). A header may wrap onto a second line.
A loose match (extra words) must also look like a header; an exact one (letter-spaced too) need not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from extract.geometry import Box, Line, Word
from extract.settings import HeaderWords, LayoutSettings, Settings
from extract.text import fold, fold_compact

from .model import COLUMN_KINDS, Header

Alias = tuple[tuple[str, ...], str, str]  # (folded words, kind, language)
WRAP_SIZE_RATIO = 0.7  # a wrapped header line is at least this share of the header's size (small capitals)
ALIAS_INDEX_CACHE = 8  # alias tables indexed at once (one per settings in use)
BAR_MAX_LINES = 4  # a header bar is at most this many header lines tall (taller: a panel, not a bar)
_READING_ORDER = attrgetter("top", "x0")  # segments top to bottom, then left to right


@dataclass(frozen=True)
class HeaderMatch:
    """What a line of text names: the kind, language, alias words matched and extra words."""

    kind: str
    language: str
    matched: int
    extra: int


def header_aliases(headers: HeaderWords) -> dict[str, tuple[str, str]]:
    """Compact folded header word -> (block kind, language)."""
    table: dict[str, tuple[str, str]] = {}
    for kind, by_language in headers.kinds().items():
        for language, words in by_language.items():
            for word in words:
                table.setdefault(fold_compact(word), (kind, language))
    return table


def alias_words(headers: HeaderWords) -> tuple[Alias, ...]:
    """Every alias as folded words, with its kind and language."""
    return tuple(
        (header_words(word), kind, language)
        for kind, by_language in headers.kinds().items()
        for language, words in by_language.items()
        for word in words
    )


def header_words(text: str) -> tuple[str, ...]:
    """Folded words, numbers dropped, a lone letter glued to the next word (small capitals drawn
    in two sizes split "Recommandations" into "R" + "ECOMMANDATIONS")."""
    return folded_header_words(fold(text))


def folded_header_words(folded: str) -> tuple[str, ...]:
    """`header_words` of a text already folded."""
    parts = folded.split()
    if 1 not in map(len, parts) and not any(map(str.isdigit, parts)):  # (most texts: nothing to drop or glue)
        return tuple(parts)
    words: list[str] = []
    for word in parts:
        if word.isdigit():
            continue
        if words and len(words[-1]) == 1:
            words[-1] += word
        else:
            words.append(word)
    return tuple(words)


@dataclass(frozen=True)
class AliasIndex:
    """The aliases folded once for look-ups: compact text -> its first alias's match; word run ->
    (order, kind, language) of its first alias; run lengths, longest first; every prefix of a
    compact alias (a header cut by its line end); the first word of every run (None when an
    alias has no word left, a run found in any text)."""

    exact: dict[str, HeaderMatch]
    runs: dict[tuple[str, ...], tuple[int, str, str]]
    lengths: tuple[int, ...]
    prefixes: frozenset[str]
    firsts: frozenset[str] | None


@lru_cache(maxsize=ALIAS_INDEX_CACHE)
def alias_index(aliases: tuple[Alias, ...]) -> AliasIndex:
    """The index of an alias table, built once per table (the first alias naming a text or a
    run wins, as in a scan in order)."""
    exact: dict[str, HeaderMatch] = {}
    runs: dict[tuple[str, ...], tuple[int, str, str]] = {}
    prefixes: set[str] = set()
    for order, (run, kind, language) in enumerate(aliases):
        compact = "".join(run)
        exact.setdefault(compact, HeaderMatch(kind, language, len(run), 0))
        runs.setdefault(run, (order, kind, language))
        prefixes.update(compact[:end] for end in range(1, len(compact) + 1))
    lengths = tuple(sorted({len(run) for run in runs}, reverse=True))
    firsts = None if () in runs else frozenset(run[0] for run in runs)
    return AliasIndex(exact, runs, lengths, frozenset(prefixes), firsts)


_INDEXES: dict[int, tuple[HeaderWords, AliasIndex]] = {}  # id of a header table -> (it, its index)


def _index_of(headers: HeaderWords) -> AliasIndex:
    """`alias_index(alias_words(headers))`, the table folded once per header table in use (a
    page's passes and stages each look it up)."""
    known = _INDEXES.get(id(headers))
    if known is None or known[0] is not headers:
        if len(_INDEXES) >= ALIAS_INDEX_CACHE:
            _INDEXES.clear()
        known = _INDEXES[id(headers)] = (headers, alias_index(alias_words(headers)))
    return known[1]


def match_header(text: str, aliases: Sequence[Alias], extra_max: int) -> HeaderMatch | None:
    """The kind a line names by its key words (see module rule), else None."""
    return match_indexed(text, alias_index(tuple(aliases)), extra_max)


def match_indexed(text: str, index: AliasIndex, extra_max: int) -> HeaderMatch | None:
    """`match_header` over an alias index: an exact compact match first, else the longest alias
    whose words run inside the text's with at most `extra_max` others (ties: the first alias)."""
    return index.exact.get(fold_compact(text)) or loose_match(header_words(text), index, extra_max)


def loose_match(words: tuple[str, ...], index: AliasIndex, extra_max: int) -> HeaderMatch | None:
    """The longest alias whose words run inside `words` with at most `extra_max` others (ties:
    the first alias), else None. (A run found starts with a first word of some alias.)"""
    if index.firsts is not None and index.firsts.isdisjoint(words):
        return None
    for n in index.lengths:
        extra = len(words) - n
        if extra < 0 or extra > extra_max:
            continue
        found = [index.runs[run] for run in {words[i : i + n] for i in range(extra + 1)} if run in index.runs]
        if found:
            _, kind, language = min(found)
            return HeaderMatch(kind, language, n, extra)
    return None


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
    """The font carrying most characters."""
    weight: Counter[str] = Counter()
    for w in words:
        weight[w.font] += len(w.text)
    return min(weight, key=lambda f: (-weight[f], f)) if weight else ""


class _Matcher:
    """Header matches of texts, each text folded and matched once (a page's texts recur from
    pass to pass)."""

    def __init__(self, settings: Settings) -> None:
        self.index = _index_of(settings.headers)
        self.extra_max = settings.layout.header_extra_words_max
        self.memo: dict[str, HeaderMatch | None] = {}
        self.folded: dict[str, tuple[str, ...]] = {}

    def match(self, text: str) -> HeaderMatch | None:
        if text not in self.memo:
            folded = fold(text)
            exact = self.index.exact.get(folded.replace(" ", ""))  # fold_compact(text)
            self.memo[text] = exact or loose_match(self.words(text, folded), self.index, self.extra_max)
        return self.memo[text]

    def words(self, text: str, folded: str | None = None) -> tuple[str, ...]:
        """`header_words(text)`; `folded`: `fold(text)` when known."""
        if text not in self.folded:
            self.folded[text] = folded_header_words(fold(text) if folded is None else folded)
        return self.folded[text]

    def starts(self, text: str) -> bool:
        """Whether the text is the beginning of some alias (a header cut by its line end)."""
        return "".join(self.words(text)) in self.index.prefixes


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
    def of(cls, line: Line, matcher: _Matcher) -> _Segment:
        """The line's geometry, from its properties (`Line.top`, ...: kept for later stages too)."""
        text = line.text
        smallest = min([w.size for w in line.words])
        return cls(
            line, line.top, line.bottom, line.x0, line.size, smallest, _first_letters(line), text, matcher.match(text)
        )


def find_headers(segments: Iterable[Line], boxes: Sequence[Box], settings: Settings, body: float = 0.0) -> list[Header]:
    """Segments (alone, or continued on the line below) that name a block kind; each with its
    bar, if any; the top-most per kind."""
    matcher = _Matcher(settings)
    ordered = sorted([_Segment.of(s, matcher) for s in segments], key=_READING_ORDER)
    return _find(ordered, boxes, settings, body, _Wraps(matcher, settings.layout))


def header_passes(
    segments: Iterable[Line], boxes: Sequence[Box], settings: Settings, body: float = 0.0
) -> list[list[Header]]:
    """`find_headers` pass after pass, each over the segments the earlier passes left (no word
    of their headers), until a pass finds none: the first pass is `find_headers`' result."""
    matcher = _Matcher(settings)
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

    def __init__(self, matcher: _Matcher, layout: LayoutSettings) -> None:
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
    at: int, ordered: Sequence[_Segment], matcher: _Matcher, layout: LayoutSettings
) -> tuple[HeaderLine | None, int]:
    """Segment `at` joined with the lines below it while a header wraps (same face, aligned) and
    each joined text names its kind with more alias words; else the segment if it names a kind.
    With the end of the segments it looked at (those after `at`, up to where it stopped)."""
    segment = ordered[at]
    first = segment.first
    line, match = segment.line, segment.match
    reach = layout.header_wrap_gap_ratio * (segment.bottom - segment.top)
    top, bottom, smallest, largest = segment.top, segment.bottom, segment.smallest, segment.size
    words, text = segment.line.words, segment.text
    end = at + 1  # past the last segment looked at
    for later in range(at + 1, len(ordered)):
        other, end = ordered[later], later + 1
        if other.top - bottom > reach:
            break
        second = other.first
        aligned = min(abs(other.x0 - segment.x0), abs(second.x0 - first.x0)) <= segment.size
        if not aligned or other.top <= top:
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
