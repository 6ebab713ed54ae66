"""What every reader produces: `PageContent`, built the same way from characters and shapes.

A reader gives each page's characters as `chars.Char` rows (pdfplumber's char fields in display
coordinates, the shape of the glyph, its text object) and its filled boxes and rules. From there
everything is shared:

- Pages are read upright: the page is turned, by quarter turns, until most of its characters
  read left to right — whatever mix of /Rotate and rotated drawing produced it.
- Words are built by pdfplumber's `extract_words` rule with the `[read]` settings (`words.py`,
  specialised to those settings), so both readers group characters into words the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from itertools import compress
from operator import is_not, itemgetter
from typing import Any

from extract.geometry import Box, Word
from extract.settings import ReadSettings

from .chars import MATRIX, TEXT, Char
from .words import chars_to_words

QUARTER_TURNS = 4
# A size measured again after a turn carries float noise (12.075 vs 12.0750000001); size is a
# grouping key of `extract_words`, so noise would split words. Kept to this many decimals.
TURNED_SIZE_DIGITS = 4

_TEXT = itemgetter(TEXT)
_MATRIX = itemgetter(MATRIX)
_DIRECTION = itemgetter(0, 1)  # a matrix's (a, b): the writing direction
_A, _B = itemgetter(0), itemgetter(1)


@dataclass(frozen=True)
class PageContent:
    """What one page holds, in top-left coordinates, upright."""

    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    boxes: tuple[Box, ...]
    char_count: int
    image_count: int


@dataclass(frozen=True)
class UnreadablePage:
    """A page whose content could not be parsed."""

    number: int
    reason: str


def chars_to_content(
    number: int,
    size: tuple[float, float],
    chars: list[Char],
    boxes: Iterable[Box],
    image_count: int,
    settings: ReadSettings,
) -> PageContent:
    """A page's words and boxes, turned upright (`size` is the displayed width and height)."""
    width, height = size
    turn = page_turn(chars)
    if turn:
        chars = turn_chars(chars, turn, width, height)
    width_up, height_up = turned_size(width, height, turn)
    return PageContent(
        number=number,
        width=width_up,
        height=height_up,
        words=tuple(chars_to_words(chars, settings)),
        boxes=tuple(turn_box(b, turn, width, height) for b in boxes),
        char_count=len(chars),
        image_count=image_count,
    )


# --- rotation --------------------------------------------------------------------------------


def char_turn(matrix: Iterable[float]) -> int:
    """Clockwise quarter turns of a character's writing direction as displayed.

    0 reads left to right, 1 downward, 2 upside down, 3 upward. pdfminer's matrix (a, b, …)
    is in y-up space: the writing direction is (a, b).
    """
    a, b = list(matrix)[:2]
    if abs(a) >= abs(b):
        return 0 if a >= 0 else 2
    return 1 if b < 0 else 3


def page_turn(chars: Iterable[Char]) -> int:
    """The quarter turn most visible characters share; 0 when there is no text or on a tie with 0."""
    chars = list(chars)
    matrices = list(map(_MATRIX, chars))
    with suppress(TypeError):  # a character without a matrix (None) is not counted: see below
        if not any(map(_B, matrices)) and min(map(_A, matrices), default=0) >= 0:
            return 0  # every character reads left to right (the common case: no need to count)
    visible = map(str.strip, map(_TEXT, chars))  # a blank strips to "": not counted
    directions = Counter(map(_DIRECTION, filter(partial(is_not, None), compress(matrices, visible))))
    counts: Counter[int] = Counter()
    for direction, count in directions.items():  # a page has few writing directions
        counts[char_turn(direction)] += count
    if not counts:
        return 0
    return max(counts, key=lambda turn: (counts[turn], turn == 0, -turn))


def turned_size(width: float, height: float, turn: int) -> tuple[float, float]:
    """Page size after `turn` quarter turns: width and height swap on odd turns."""
    return (height, width) if turn % 2 else (width, height)


def turn_point(x: float, y: float, turn: int, width: float, height: float) -> tuple[float, float]:
    """A top-left-origin point of a `width` x `height` page, after turning the page anticlockwise
    `turn` quarter turns (which undoes text turned clockwise `turn` times)."""
    turn %= QUARTER_TURNS
    if turn == 1:
        return y, width - x
    if turn == 2:
        return width - x, height - y
    if turn == 3:
        return height - y, x
    return x, y


def turn_bbox(
    x0: float, top: float, x1: float, bottom: float, turn: int, width: float, height: float
) -> tuple[float, float, float, float]:
    """A box (x0, top, x1, bottom) after the page turn of `turn_point`."""
    ax, ay = turn_point(x0, top, turn, width, height)
    bx, by = turn_point(x1, bottom, turn, width, height)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def turn_chars(chars: list[Char], turn: int, width: float, height: float) -> list[Char]:
    """Characters moved onto the page turned by `turn_char`; each writing direction's quarter
    turn is worked out once."""
    turns: dict[tuple[float, float], int] = {}
    turned = []
    for char in chars:
        direction = _DIRECTION(_MATRIX(char))
        if direction not in turns:
            turns[direction] = char_turn(direction)
        turned.append(turn_char(char, turn, width, height, turns[direction]))
    return turned


def turn_char(char: Char, turn: int, width: float, height: float, char_quarter: int | None = None) -> Char:
    """A character moved onto the turned page; `upright` and `size` follow its new direction
    (`char_quarter` is its `char_turn`, worked out when not given)."""
    text, x0, x1, top, bottom, _, fontname, _, matrix, obj = char
    x0, top, x1, bottom = turn_bbox(x0, top, x1, bottom, turn, width, height)
    if char_quarter is None:
        char_quarter = char_turn(matrix)
    relative = (char_quarter - turn) % QUARTER_TURNS
    size = round(bottom - top if relative % 2 == 0 else x1 - x0, TURNED_SIZE_DIGITS)
    return (text, x0, x1, top, bottom, relative == 0, fontname, size, matrix, obj)


def turn_box(box: Box, turn: int, width: float, height: float) -> Box:
    """A box moved onto the turned page."""
    if not turn:
        return box
    x0, top, x1, bottom = turn_bbox(box.x0, box.top, box.x1, box.bottom, turn, width, height)
    return Box(x0=x0, x1=x1, top=top, bottom=bottom, filled=box.filled, stroked=box.stroked, color=box.color)


def rgb(color: Any) -> tuple[float, float, float] | None:
    """A colour as RGB in 0..1 (grey and CMYK converted); None when unknown."""
    if color is None:
        return None
    if isinstance(color, (int, float)):
        color = (color,)
    values = [float(c) for c in color if isinstance(c, (int, float))]
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None
