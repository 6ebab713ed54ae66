"""Small geometric objects (Word, Box, Line) and pure helpers over them.

Coordinates are PDF points with the origin at the top-left corner (pdfplumber's `top`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Generic, TypeVar, overload

LIGHT_FILL_MIN = 0.93  # a fill whose every colour component is above this is white-ish: a background

T = TypeVar("T")


class computed_once(Generic[T]):
    """A property of a frozen object computed on first read and kept in the instance's `__dict__`
    (later reads are plain attribute reads). `functools.cached_property` without its lock, which
    costs more than the computations cached here."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> computed_once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | computed_once[T]:
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value


def base_font(fontname: str) -> str:
    """Font name without the subset prefix (`ABCDEF+OpenSans-Bold` -> `OpenSans-Bold`)."""
    return fontname.split("+", 1)[-1]


@dataclass(frozen=True)
class Word:
    """A run of characters of one font, as pdfplumber groups them (font traits kept once computed)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str

    def __hash__(self) -> int:
        """The dataclass hash (of the fields, in order), computed once: stages keep words in sets."""
        return self._hash

    @computed_once
    def _hash(self) -> int:
        return hash((self.text, self.x0, self.x1, self.top, self.bottom, self.size, self.fontname))

    def __getstate__(self) -> dict[str, object]:
        """Pickled (copied) without the values computed once: a text's hash differs between processes."""
        return {field.name: getattr(self, field.name) for field in fields(self)}

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    @computed_once
    def font(self) -> str:
        """`base_font` of the word's font name."""
        return base_font(self.fontname)

    @computed_once
    def bold(self) -> bool:
        name = self.font.lower()
        return any(mark in name for mark in ("bold", "black", "heavy", "semibold", "extrabold"))

    @computed_once
    def italic(self) -> bool:
        name = self.font.lower()
        return "italic" in name or "oblique" in name


def new_word(text: str, x0: float, x1: float, top: float, bottom: float, size: float, fontname: str) -> Word:
    """`Word(...)` without the frozen dataclass's `__init__`, which sets each field through
    `object.__setattr__` (the same object, twice as fast: readers build tens of thousands). Its
    hash (`Word._hash`, the hash of the fields in order) is stored at once: stages hash nearly
    every word read."""
    word: Word = object.__new__(Word)
    word.__dict__.update(
        text=text,
        x0=x0,
        x1=x1,
        top=top,
        bottom=bottom,
        size=size,
        fontname=fontname,
        _hash=hash((text, x0, x1, top, bottom, size, fontname)),
    )
    return word


@dataclass(frozen=True)
class Box:
    """A rectangle drawn on the page (header bar, badge, rule, logo frame)."""

    x0: float
    x1: float
    top: float
    bottom: float
    filled: bool = True
    stroked: bool = False
    color: tuple[float, float, float] | None = None

    @computed_once
    def width(self) -> float:
        return self.x1 - self.x0

    @computed_once
    def height(self) -> float:
        return self.bottom - self.top

    @computed_once
    def is_light(self) -> bool:
        """White or near-white fill: a background, not a designed bar."""
        return self.color is None or min(self.color) > LIGHT_FILL_MIN

    def contains(self, item: Word | Line | Box, slack: float = 0.0) -> bool:
        return (
            item.x0 >= self.x0 - slack
            and item.x1 <= self.x1 + slack
            and item.top >= self.top - slack
            and item.bottom <= self.bottom + slack
        )


@dataclass(frozen=True)
class Line:
    """Words sharing a baseline, left to right (a whole line or one segment of it).

    Frozen: its extent (the words' min x0, max x1, min top, max bottom), height, size (the
    largest word's) and text (the words', space-joined) are set when it is built, in one pass
    over the words (stages read them for nearly every line, by the thousand).
    """

    words: tuple[Word, ...]
    x0: float = field(init=False, repr=False, compare=False)
    x1: float = field(init=False, repr=False, compare=False)
    top: float = field(init=False, repr=False, compare=False)
    bottom: float = field(init=False, repr=False, compare=False)
    height: float = field(init=False, repr=False, compare=False)
    size: float = field(init=False, repr=False, compare=False)
    text: str = field(init=False, repr=False, compare=False)

    def __init__(self, words: tuple[Word, ...]) -> None:
        """Every value set straight into the instance's `__dict__` (as the dataclass's `__init__`
        would through `object.__setattr__`, and a `__post_init__` after it, at twice the cost)."""
        kept = self.__dict__
        kept["words"] = words
        rest = iter(words)
        first = next(rest)
        x0, x1, top, bottom, size = first.x0, first.x1, first.top, first.bottom, first.size
        texts = [first.text]
        for w in rest:
            texts.append(w.text)
            if w.x0 < x0:
                x0 = w.x0
            if w.x1 > x1:
                x1 = w.x1
            if w.top < top:
                top = w.top
            if w.bottom > bottom:
                bottom = w.bottom
            if w.size > size:
                size = w.size
        kept["x0"], kept["x1"], kept["top"], kept["bottom"] = x0, x1, top, bottom
        kept["height"], kept["size"], kept["text"] = bottom - top, size, " ".join(texts)

    @computed_once
    def italic(self) -> bool:
        return all(w.italic for w in self.words)

    @computed_once
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


_BASELINE_ORDER = attrgetter("bottom", "x0")  # sort keys: (bottom, x0) and x0
_LEFT_EDGE = attrgetter("x0")


def words_to_lines(words: Iterable[Word], tolerance_ratio: float) -> list[Line]:
    """Group words whose bottoms (their baseline: letters of two sizes share it, not their tops)
    differ by less than `tolerance_ratio` x font size; top to bottom."""
    return [Line(tuple(group)) for group in _baseline_groups(words, tolerance_ratio)]


def _baseline_groups(words: Iterable[Word], tolerance_ratio: float) -> list[list[Word]]:
    """The words of each line of `words_to_lines`, left to right: by (bottom, x0), a word joins
    the line of the first word of the last line when their bottoms differ by at most
    `tolerance_ratio` x the larger of their sizes."""
    groups: list[list[Word]] = []
    group: list[Word] = []
    head_bottom = head_size = 0.0  # of the first word of the last line
    for word in sorted(words, key=_BASELINE_ORDER):
        size = word.size
        if groups and abs(word.bottom - head_bottom) <= tolerance_ratio * (size if size > head_size else head_size):
            group.append(word)
        else:
            group = [word]
            groups.append(group)
            head_bottom, head_size = word.bottom, size
    for group in groups:
        if len(group) > 1:
            group.sort(key=_LEFT_EDGE)
    return groups


def split_segments(line: Line, gap_ratio: float) -> list[Line]:
    """Split a line where the gap between two words exceeds `gap_ratio` x the smaller font size."""
    return [Line(words) for words in _gap_runs(line.words, gap_ratio)]


def _gap_runs(words: Sequence[Word], gap_ratio: float) -> list[tuple[Word, ...]]:
    """The words of each segment of `split_segments`, left to right."""
    cuts = [0]
    previous = words[0]
    for i in range(1, len(words)):
        word = words[i]
        size, before = word.size, previous.size
        if word.x0 - previous.x1 > gap_ratio * (size if size < before else before):
            cuts.append(i)
        previous = word
    if len(cuts) == 1:
        return [tuple(words)]
    cuts.append(len(words))
    return [tuple(words[a:b]) for a, b in zip(cuts, cuts[1:])]


def words_to_segments(words: Iterable[Word], tolerance_ratio: float, gap_ratio: float) -> list[Line]:
    """Lines split at wide gaps: each segment belongs to one column or cell."""
    return [Line(run) for group in _baseline_groups(words, tolerance_ratio) for run in _gap_runs(group, gap_ratio)]


def gutters(spans: Iterable[tuple[float, float]], lo: float, hi: float, min_width: float) -> list[tuple[float, float]]:
    """Empty intervals of at least `min_width` inside [lo, hi] not covered by any span."""
    result, cursor = [], lo
    for x0, x1 in sorted(spans):
        if x0 - cursor >= min_width:
            result.append((cursor, min(x0, hi)))
        cursor = max(cursor, x1)
        if cursor >= hi:
            break
    if hi - cursor >= min_width:
        result.append((cursor, hi))
    return [g for g in result if g[1] > g[0]]


def body_size(words: Sequence[Word]) -> float:
    """The font size carrying most characters: the page's body text."""
    weight: dict[float, int] = {}
    for w in words:
        weight[w.size] = weight.get(w.size, 0) + len(w.text)
    return max(weight, key=lambda s: (weight[s], -s)) if weight else 0.0
