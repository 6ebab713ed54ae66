"""Words from characters by pdfplumber's rule, specialised to the `[read]` settings.

The same words, in the same order and with the same floats, as pdfplumber's
`extract_words(chars, x_tolerance=…, y_tolerance=…, x_tolerance_ratio=…, keep_blank_chars=False,
extra_attrs=["fontname", "size"])` (tests/test_read_words.py holds it to that), at a fraction of
its cost: characters come as `chars.Char` rows, whose first fields are what the loops read.

The rule, for each run of consecutive characters sharing `upright`, font name and size:

- Lines: the run's characters are clustered on their line coordinate (`top` when upright, `x0`
  otherwise): sorted distinct values chain into one line while each is within the line tolerance
  of the previous one (`y_tolerance` upright, `x_tolerance` otherwise). Lines come in that order,
  characters inside a line by position along it (`x0` upright, then `top` and `bottom`), ties in
  input order.
- Words, inside one line (a word never spans two): a blank ends the word; an empty text is a
  word of its own; a character starts a new word when it begins before the previous one, more
  than the along tolerance past the previous one's end, or more than the across tolerance from
  the previous one's line coordinate. Upright: along `x_tolerance` (or `x_tolerance_ratio` x
  size), across `y_tolerance`; otherwise the two swap.
- A word's box holds its characters' boxes; its font and size are its first character's; its
  text joins the characters' texts with ligatures expanded.

Only these fields of a character are read: text, x0, x1, top, bottom, upright, fontname, size.
Coordinates are finite floats (as every reader gives them: see `chars.Char`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import chain, groupby
from operator import itemgetter
from typing import Any

from extract.geometry import Word, new_word
from extract.settings import ReadSettings

from .chars import Char

WORD_SIZE_DIGITS = 2  # a word's font size is kept to 0.01 pt
# pdfplumber's `expand_ligatures` table: a character whose whole text is one of these reads as
# the letters.
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_CHARS = frozenset(LIGATURES)

# A character as (text, along start, along end, across start, across end, upright, font name,
# size, matrix, object): along is the reading direction (x upright, top to bottom otherwise). An
# upright character's `Char` is its row as it comes.
Row = tuple[str, float, float, float, float, Any, Any, Any, Any, Any]

_RUN_KEY = itemgetter(5, 6, 7)
_ROTATED = itemgetter(0, 3, 4, 1, 2, 5, 6, 7, 8, 9)  # a `Char` read top to bottom
_ACROSS = itemgetter(3)
_UPRIGHT_ORDER = itemgetter(1)  # x0
_ROTATED_ORDER = itemgetter(1, 2)  # top, bottom
# A word: text, along start, along end, across start, across end.
Span = tuple[str, float, float, float, float]


def chars_to_words(chars: Iterable[Char], settings: ReadSettings) -> list[Word]:
    """Words by pdfplumber's rule: runs of one font and size, clustered into lines, split at
    blanks and at gaps wider than the tolerances (see the module docstring)."""
    words: list[Word] = []
    x_tol, y_tol = settings.x_tolerance, settings.y_tolerance
    ratio = settings.x_tolerance_ratio or None
    for (upright, fontname, size), run in groupby(chars, _RUN_KEY):
        gap = x_tol if ratio is None else ratio * size
        font, word_size = str(fontname), round(float(size), WORD_SIZE_DIGITS)
        if upright:
            lines = ordered_lines(list(run), y_tol, _UPRIGHT_ORDER)
            for text, x0, x1, top, bottom in chain.from_iterable(split_words(line, gap, y_tol) for line in lines):
                words.append(new_word(text, x0, x1, top, bottom, word_size, font))
        else:
            lines = ordered_lines(list(map(_ROTATED, run)), x_tol, _ROTATED_ORDER)
            for text, top, bottom, x0, x1 in chain.from_iterable(split_words(line, y_tol, gap) for line in lines):
                words.append(new_word(text, x0, x1, top, bottom, word_size, font))
    return words


def line_indexes(values: list[float], tolerance: float) -> dict[float, int]:
    """Each distinct value's line: sorted values chain into one line while each is at most
    `tolerance` past the previous one (pdfplumber's `cluster_list`)."""
    index: dict[float, int] = {}
    line = 0
    last = None
    for value in sorted(set(values)):
        if last is not None and value > last + tolerance:
            line += 1
        index[value] = line
        last = value
    return index


def ordered_lines(rows: list[Row], tolerance: float, order: Any) -> list[list[Row]]:
    """A run's rows as lines (by `line_indexes` on the across start, in that order), each in
    `order`; ties keep input order (both sorts are stable)."""
    across = list(map(_ACROSS, rows))
    index = line_indexes(across, tolerance)
    if len(index) <= 1:  # one line: the common case of a run inside a line
        return [sorted(rows, key=order)]
    line_of = list(map(index.__getitem__, across))
    in_lines = sorted(line_of)  # each row's line, once the rows are brought together
    if line_of != in_lines:  # a line's rows not together: bring them together, in order
        rows = list(map(rows.__getitem__, sorted(range(len(rows)), key=line_of.__getitem__)))
    lines, first = [], 0
    for line in range(in_lines[-1] + 1):  # every line index holds at least one row
        end = bisect_right(in_lines, line, first)
        lines.append(sorted(rows[first:end], key=order))
        first = end
    return lines


def split_words(rows: list[Row], along_tol: float, across_tol: float) -> list[Span]:
    """A line's ordered characters merged into words: each word's text and box as a `Span`.

    `-t <= d <= t` is pdfplumber's `not abs(d) > t`, `text.strip()` its `not text.isspace()` and
    `text != ""`. Rows are ordered along the line, so pdfplumber's test "begins before the previous
    one" never holds, and a word's start along is its first character's."""
    words: list[Span] = []
    parts: list[str] = []
    lo = hi = start = end = prev_hi = prev_start = 0.0
    for text, a0, a1, c0, c1, _upright, _font, _size, _matrix, _object in rows:
        if (
            parts
            and a0 <= prev_hi + along_tol
            and -across_tol <= c0 - prev_start <= across_tol
            and text.strip()  # neither blank nor empty
        ):
            parts.append(text)
            if a1 > hi:
                hi = a1
            if c0 < start:
                start = c0
            if c1 > end:
                end = c1
        else:
            if parts:
                text_of = "".join(parts)
                words.append((text_of if _LIGATURE_CHARS.isdisjoint(text_of) else expand(parts), lo, hi, start, end))
                parts = []
            if text.isspace():
                continue
            if not text:  # pdfplumber's split at "punctuation" with none given: "" in ""
                words.append(("", a0, a1, c0, c1))
                continue
            parts.append(text)
            lo, hi, start, end = a0, a1, c0, c1
        prev_hi, prev_start = a1, c0
    if parts:
        text_of = "".join(parts)
        words.append((text_of if _LIGATURE_CHARS.isdisjoint(text_of) else expand(parts), lo, hi, start, end))
    return words


def expand(parts: list[str]) -> str:
    """Characters' texts joined, a text that is a ligature expanded (pdfplumber's
    `expand_ligatures`; `split_words` calls it only when a ligature is in the text)."""
    return "".join([LIGATURES.get(part, part) for part in parts])
