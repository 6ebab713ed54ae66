"""What the layout stage finds: headers, zones, blocks, SDG items and the page layout."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.geometry import Box, Line, Word

COLUMN_KINDS = ("objective", "activities", "results")
BAND_KIND = "recommendations"
SDG_KIND = "sdg"
PARTNERS_KIND = "partners"  # a logo region: never content


@dataclass(frozen=True)
class Header:
    """A block header: its words, the block kind it names and its bar if drawn in one."""

    kind: str
    language: str
    line: Line
    bar: Box | None = None

    @property
    def extent(self) -> Box:
        """The header's visual box: the bar when there is one, else its words."""
        if self.bar is not None:
            return self.bar
        return Box(self.line.x0, self.line.x1, self.line.top, self.line.bottom)


@dataclass(frozen=True)
class PageReading:
    """What the layout stage reads first from a whole page, found once by the split and passed
    on: the headers `find_headers` finds over all its segments, and those segments that start
    with one of their words or are no furniture. (The layout stage uses it only when no glyph
    of the page is sideways, i.e. when it would have read the same segments.) `body`: the
    page's body size (`body_size` of all its words), when found."""

    headers: tuple[Header, ...]
    segments: tuple[Line, ...]
    body: float | None = None


@dataclass(frozen=True)
class Zone:
    """A rectangle of the page that holds one block's content."""

    x0: float
    x1: float
    top: float
    bottom: float

    def holds(self, word: Word) -> bool:
        """A word belongs to a zone when its centre lies inside it (`Word.xc`, `Word.yc` spelt
        out: asked of every word for every zone)."""
        return self.x0 <= (word.x0 + word.x1) / 2 < self.x1 and self.top <= (word.top + word.bottom) / 2 < self.bottom

    def holds_each(self, words: Iterable[Word]) -> list[bool]:
        """`holds` of each word, in order (the test spelt out once for a whole list of words:
        no call per word)."""
        x0, x1, top, bottom = self.x0, self.x1, self.top, self.bottom
        return [x0 <= (w.x0 + w.x1) / 2 < x1 and top <= (w.top + w.bottom) / 2 < bottom for w in words]


@dataclass(frozen=True)
class Block:
    """One block of the sheet: its kind, area, content lines (top to bottom) and header."""

    kind: str
    zone: Zone
    lines: tuple[Line, ...]
    header: Header | None = None


@dataclass(frozen=True)
class SdgItem:
    """One SDG target of the sidebar: the printed code and the lines of its label."""

    code: Word
    label: tuple[Line, ...]
    printed_code: str = ""


@dataclass(frozen=True)
class PageLayout:
    """Every block found on an action sheet."""

    number: int
    width: float
    height: float
    language: str
    title: Block
    subtitle: Block | None
    sdg_items: tuple[SdgItem, ...]
    columns: dict[str, Block]
    band: Block | None
    band_rules: tuple[Box, ...] = ()
    body_size: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # Every header found and the region it opened (SDG list and partners' logos included).
    regions: tuple[Block, ...] = ()
    # Self-check: share of the page's non-furniture text (characters) that landed in a block,
    # and the lines that did not.
    coverage: float = 1.0
    unassigned: tuple[Line, ...] = ()
    # Cells of the recommendations region (boxes or lines), as read.
    band_boxes: tuple[Box, ...] = ()
