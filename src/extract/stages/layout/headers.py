"""Block headers: segments whose folded text is a configured header word, with their bar."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from extract.geometry import Box, Line
from extract.settings import HeaderWords, LayoutSettings, Settings
from extract.text import fold_compact

from .model import BAND_KIND, COLUMN_KINDS, Header

BAR_MAX_LINES = 4  # a header bar is at most this many header lines tall (taller: a panel, not a bar)


def header_aliases(headers: HeaderWords) -> dict[str, tuple[str, str]]:
    """Compact folded header word -> (block kind, language)."""
    table: dict[str, tuple[str, str]] = {}
    kinds = {**headers.columns(), BAND_KIND: headers.recommendations}
    for kind, by_language in kinds.items():
        for language, words in by_language.items():
            for word in words:
                table.setdefault(fold_compact(word), (kind, language))
    return table


def find_headers(segments: Iterable[Line], boxes: Sequence[Box], settings: Settings) -> list[Header]:
    """Segments whose folded text is a header word (alone, or continued on the line below);
    each with its bar, if any; the top-most per kind."""
    aliases = header_aliases(settings.headers)
    ordered = sorted(segments, key=lambda s: (s.top, s.x0))
    found: dict[str, Header] = {}
    for i, segment in enumerate(ordered):
        header_line = _header_line(segment, ordered[i + 1 :], aliases, settings.layout)
        if header_line is None:
            continue
        match = aliases.get(fold_compact(header_line.text))
        if match and match[0] not in found:
            kind, language = match
            found[kind] = Header(kind, language, header_line, header_bar(header_line, boxes, settings.layout))
    return list(found.values())


def _header_line(
    segment: Line, below: Sequence[Line], aliases: dict[str, tuple[str, str]], layout: LayoutSettings
) -> Line | None:
    """The segment joined with the next line when a header wraps onto two lines
    ("RECOMMANDATIONS POLITIQUES" / "MC2CM ABORDEES"), else the segment if it is a header word."""
    text = fold_compact(segment.text)
    if not text or not any(alias.startswith(text) for alias in aliases):
        return None
    for other in below:
        if other.top - segment.bottom > layout.header_wrap_gap_ratio * segment.height:
            break
        if abs(other.x0 - segment.x0) <= segment.size and other.top > segment.top:
            joined = Line(segment.words + other.words)
            if fold_compact(joined.text) in aliases:
                return joined
            break
    return segment if text in aliases else None


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
    language = page_language(headers)
    for kind in COLUMN_KINDS:
        if kind not in kinds:
            words = settings.headers.columns()[kind]
            name = (words.get(language) or next(iter(words.values())))[0]
            return f"missing {name} column"
    return None
