"""Drawing primitives of the design families over fpdf2: own line breaking (soft hyphens,
justification), text placed line by line or word by word, small-caps headers, icons,
list items with markers before or after their text in the stream, rotated text.

A `Canvas` measures and draws with the same code: with ``draw=False`` nothing is written,
so a page can be laid out once to check that it fits (`LayoutError` otherwise). Coordinates
are points from the top-left corner, like pdfplumber's ``x0``/``top``.
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from ..render import SOFT_HYPHEN, LayoutError, hyphenate_text
from .fonts import SMALL_CAPS_FAMILY, SMALL_CAPS_SCALE, SYMBOL_FAMILY, is_symbol
from .look import Look, marker_text

TEXT_COLOUR = (35, 35, 35)
WHITE = (255, 255, 255)
ASCENT = 0.8  # baseline below a line's top, as a share of the font size
MARKER_GAP = 5.0  # clear space between a marker and its item text
ICON_GAP = 5.0


@dataclass(frozen=True)
class Line:
    """One broken line: its words (soft hyphens removed) and whether it ends a paragraph."""

    words: tuple[str, ...]
    last: bool


class Canvas:
    """fpdf2 page drawing with measuring; `draw` False measures only."""

    def __init__(self, pdf: FPDF, look: Look, draw: bool, body_size: float | None = None):
        self.pdf, self.look, self.draw = pdf, look, draw
        self.size = body_size or look.body_size
        self.family = look.font_family

    # ------------------------------------------------------------ fonts and measures

    def font(self, style: str = "", size: float | None = None, family: str | None = None) -> None:
        self.pdf.set_font(family or self.family, style, size or self.size)

    def width_of(self, text: str) -> float:
        return self.pdf.get_string_width(text.replace(SOFT_HYPHEN, ""))

    def colour(self, rgb) -> None:
        self.pdf.set_text_color(*rgb)

    # ------------------------------------------------------------ line breaking

    def break_lines(self, text: str, width: float) -> list[Line]:
        """Greedy breaking at spaces and soft hyphens (a broken word ends with "-").

        Raises `LayoutError` when one unbreakable piece is wider than `width`."""
        lines: list[Line] = []
        for paragraph in text.split("\n"):
            current: list[str] = []
            for word in paragraph.split(" "):
                if not word:
                    continue
                word = self._place_word(word, current, width, lines)
                current.append(word)
            if current:
                lines.append(Line(tuple(w.replace(SOFT_HYPHEN, "") for w in current), True))
        return lines

    def _place_word(self, word: str, current: list[str], width: float, lines: list[Line]) -> str:
        """Fill `current` with `word` or a hyphenated head of it; return what goes on next."""
        while True:
            candidate = " ".join([*current, word])
            if self.width_of(candidate) <= width:
                return word
            head, tail = self._split(word, current, width)
            if head is not None:
                current.append(head + "-")
            if not current:
                raise LayoutError(f"word {word.replace(SOFT_HYPHEN, '')!r} wider than {width:.0f}pt")
            lines.append(Line(tuple(w.replace(SOFT_HYPHEN, "") for w in current), False))
            current.clear()
            if tail is None:
                continue
            word = tail

    def _split(self, word: str, current: list[str], width: float) -> tuple[str | None, str | None]:
        """The longest head (up to a soft hyphen) that fits on the line with its "-"."""
        pieces = word.split(SOFT_HYPHEN)
        for cut in range(len(pieces) - 1, 0, -1):
            head = SOFT_HYPHEN.join(pieces[:cut])
            if self.width_of(" ".join([*current, head + "-"])) <= width:
                return head, SOFT_HYPHEN.join(pieces[cut:])
        return None, None

    # ------------------------------------------------------------ text

    def paragraph(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        *,
        style: str = "",
        size: float | None = None,
        colour=TEXT_COLOUR,
        spacing: float = 1.3,
        justify: bool | None = None,
        align: str = "L",
        family: str | None = None,
    ) -> float:
        """Break and (when drawing) draw `text` in `width` at (x, y); returns its height."""
        size = size or self.size
        self.font(style, size, family)
        justify = self.look.justify if justify is None else justify
        if self.look.hyphenate and justify:
            text = hyphenate_text(text)
        lines = self.break_lines(text, width)
        if self.draw:
            self.colour(colour)
            placed = [
                (x_word, y + i * size * spacing + ASCENT * size, word)
                for i, line in enumerate(lines)
                for x_word, word in self._positions(line, x, width, justify, align)
            ]
            self._emit(placed)
        return len(lines) * size * spacing

    def _positions(self, line: Line, x: float, width: float, justify: bool, align: str):
        """(x, text) runs of one line: the whole line, or each word when justified/word mode."""
        text = " ".join(line.words)
        free = width - self.width_of(text)
        if align == "C":
            x += free / 2
        elif align == "R":
            x += free
        spread = justify and not line.last and len(line.words) > 1
        if not spread and self.look.draw_mode == "line":
            return [(x, text)]
        gap = self.width_of(" ") + (free / (len(line.words) - 1) if spread else 0.0)
        runs, cursor = [], x
        for word in line.words:
            runs.append((cursor, word))
            cursor += self.width_of(word) + gap
        return runs

    def _emit(self, placed: list[tuple[float, float, str]]) -> None:
        """Write runs; word mode writes them last first (a different stream order)."""
        if self.look.draw_mode == "word":
            placed = list(reversed(placed))
        for x, baseline, text in placed:
            self.pdf.text(x, baseline, text)

    def label(self, x: float, y: float, text: str, *, style: str = "", size=None, colour=TEXT_COLOUR, family=None):
        """One unbroken run at (x, y top); returns its width."""
        self.font(style, size, family)
        if self.draw:
            self.colour(colour)
            self.pdf.text(x, y + ASCENT * (size or self.size), text)
        return self.width_of(text)

    # ------------------------------------------------------------ headers

    def header(self, x: float, y: float, width: float, text: str, *, size: float, colour) -> float:
        """A block header: optional icon, then the phrase (small caps, wrapped); returns its height."""
        icon_w = self._icon(x, y, size, colour) if self.look.header_icon != "none" else 0.0
        x, width = x + icon_w, width - icon_w
        if self.look.header_case == "smallcaps_sized":
            return self._sized_caps(x, y, width, text, size, colour)
        family = SMALL_CAPS_FAMILY if self.look.header_case == "smallcaps_font" else None
        style = "" if family else "B"
        return self.paragraph(
            x, y, width, text, style=style, size=size, colour=colour, spacing=1.15, justify=False, family=family
        )

    def _icon(self, x: float, y: float, size: float, colour) -> float:
        """A header icon: a symbol glyph in the text layer, or a drawn disc (no text)."""
        if self.look.header_icon == "glyph":
            return self.label(x, y, "◆", size=size, colour=colour, family=SYMBOL_FAMILY) + ICON_GAP
        if self.draw:
            self.pdf.set_fill_color(*colour)
            self.pdf.ellipse(x, y + 0.1 * size, 0.8 * size, 0.8 * size, style="F")
        return 0.8 * size + ICON_GAP

    def _sized_caps(self, x: float, y: float, width: float, text: str, size: float, colour) -> float:
        """Small caps drawn as capitals of two sizes, letter by letter; wraps at spaces."""
        self.font("B", size)
        small = size * SMALL_CAPS_SCALE

        def word_width(word: str) -> float:
            total = 0.0
            for char in word:
                self.font("B", small if char.islower() else size)
                total += self.width_of(char.upper())
            return total

        self.font("B", size)
        space = self.width_of(" ")
        cursor, row = x, 0
        for word in text.split(" "):
            w = word_width(word)
            if cursor > x and cursor + w > x + width:
                cursor, row = x, row + 1
            if w > width:
                raise LayoutError(f"header word {word!r} wider than {width:.0f}pt")
            baseline = y + row * size * 1.15 + ASCENT * size
            for char in word:
                char_size = small if char.islower() else size
                self.font("B", char_size)
                if self.draw:
                    self.colour(colour)
                    self.pdf.text(cursor, baseline, char.upper())
                cursor += self.width_of(char.upper())
            cursor += space
        return (row + 1) * size * 1.15

    # ------------------------------------------------------------ lists

    def item_list(self, x: float, y: float, width: float, items, marker: str, gap: float, **text) -> float:
        """Items with hanging indent and their marker (before or after the text in the stream)."""
        markers = [marker_text(marker, i) for i in range(len(items))]
        family = SYMBOL_FAMILY if is_symbol(marker) else None
        self.font("", text.get("size"), family)
        indent = max(self.width_of(m) for m in markers) + MARKER_GAP
        top = y
        for item, shown in zip(items, markers):
            if not self.look.markers_after_text:
                self.label(x, y, shown, size=text.get("size"), family=family)
            h = self.paragraph(x + indent, y, width - indent, item, **text)
            if self.look.markers_after_text:
                self.label(x, y, shown, size=text.get("size"), family=family)
            y += h + gap
        return y - gap - top

    # ------------------------------------------------------------ shapes

    def box(self, x: float, y: float, w: float, h: float, *, fill=None, stroke=None, radius: float = 0.0) -> None:
        if not self.draw:
            return
        style = ("F" if fill else "") + ("D" if stroke else "")
        if fill:
            self.pdf.set_fill_color(*fill)
        if stroke:
            self.pdf.set_draw_color(*stroke)
            self.pdf.set_line_width(0.7)
        self.pdf.rect(x, y, w, h, style=style, round_corners=radius > 0, corner_radius=radius)

    def rule(self, x0: float, y0: float, x1: float, y1: float, colour, width: float = 0.6) -> None:
        if self.draw:
            self.pdf.set_draw_color(*colour)
            self.pdf.set_line_width(width)
            self.pdf.line(x0, y0, x1, y1)

    def rotated(self, x: float, y: float, text: str, *, size: float, colour, style: str = "B") -> None:
        """`text` at 90° (reading bottom to top) with its baseline start at (x, y)."""
        if not self.draw:
            return
        self.font(style, size)
        self.colour(colour)
        with self.pdf.rotation(90, x=x, y=y):
            self.pdf.text(x, y, text)
