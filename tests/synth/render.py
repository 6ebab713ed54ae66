"""Render synthetic action records as designed PDF pages with fpdf2.

`render_pdf(path, [(record, design), ...])` writes one page per action. Layout rules:

* the title is the largest font on the page (bold, ``design.title_size``, shrunk in
  2 pt steps only when a word would not fit its width), the subtitle is italic
  and smaller; the SDG code is bold above its label, with an optional badge
  coloured like the goal and printing the goal number;
* three columns (objective, activities, results) under their header words; list
  items have a hanging indent: the bullet at the column's left edge, the text
  indented by ``design.bullet_indent`` (widened to the glyph width + `MIN_BULLET_GAP`);
* the recommendation band holds one cell per printed title, ``band_per_row``
  per row, wrapping to more rows;
* nothing overlaps and nothing leaves the page: every block is measured first
  (same code path, ``draw=False``); when the page overflows the body size is
  lowered by `FONT_SIZE_STEP` down to `MIN_FIT_SIZE`, and if it still does not fit
  `LayoutError` is raised (`fits()` lets strategies filter such pairs). A word
  wider than its column also counts as an overflow, so fpdf2 never breaks a word
  mid-way without a hyphen.

With ``design.hyphenate`` long words get soft hyphens (U+00AD): fpdf2 breaks
there only when needed and prints "-" at the line end; unused soft hyphens are not
written. Coordinates are points from the top-left corner, like pdfplumber's
``x0``/``top``.
"""

from __future__ import annotations

import re
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from .designs import FONT_FILES, FURNITURE, SYMBOL_BULLETS, Design, font_path, header_words
from .records import ActionRecord

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

FONT_SIZE_STEP = 0.5
MIN_FIT_SIZE = 7.0
TITLE_SIZE_STEP = 2.0
MIN_TITLE_SIZE = 14.0  # stays above MAX_BODY_SIZE and badge numbers
MAX_TITLE_LINES = 3
TITLE_LINE_SPACING = 1.15
TEXT_COLOUR = (35, 35, 35)
WHITE = (255, 255, 255)
BLOCK_GAP = 12.0
HEADER_PAD = 3.5  # vertical padding inside a header bar
HEADER_TEXT_GAP = 7.0  # between a column header and its text
BAND_CELL_PAD = 8.0  # text inset in a band cell: 2x between neighbouring cells
BAND_ROW_GAP = 5.0
BAND_HEADER_GAP = 5.0
RULE_WIDTH = 0.6
MIN_BULLET_GAP = 5.0  # clear space between bullet glyph and item text
SDG_BADGE = 24.0
SDG_BADGE_GAP = 6.0
SDG_ENTRY_GAP = 10.0
SDG_NUMBER_SIZE = 12.0
SDG_LABEL_FACTOR = 0.92
BAND_TEXT_FACTOR = 0.95
RUNNING_HEADER_H = 40.0
LOGO_W, LOGO_H, LOGO_GAP = 74.0, 24.0, 10.0
FURNITURE_SIZE = 8.0
LOGO_SIZE = 8.5

SOFT_HYPHEN = "\u00ad"
VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿœæ")
MIN_HYPHEN_WORD = 8
MIN_FRAGMENT = 3

SDG_COLOURS = {
    1: (229, 36, 59),
    2: (221, 166, 58),
    3: (76, 159, 56),
    4: (197, 25, 45),
    5: (255, 58, 33),
    6: (38, 189, 226),
    7: (252, 195, 11),
    8: (162, 25, 66),
    9: (253, 105, 37),
    10: (221, 19, 103),
    11: (253, 157, 36),
    12: (191, 139, 46),
    13: (63, 126, 68),
    14: (10, 151, 217),
    15: (86, 192, 43),
    16: (0, 104, 157),
    17: (25, 72, 106),
}


class LayoutError(ValueError):
    """The record cannot be laid out in the design without overflowing."""


class _Overflow(Exception):
    """Raised inside a layout pass when a block leaves its area."""


# --------------------------------------------------------------------------- hyphenation


def hyphenate_word(word: str) -> str:
    """Insert soft hyphens at vowel-consonant-vowel boundaries (before the consonant).

    Only lowercase words (an initial capital allowed) of `MIN_HYPHEN_WORD`+ letters;
    every fragment keeps at least `MIN_FRAGMENT` letters.
    """
    if len(word) < MIN_HYPHEN_WORD or not word.isalpha() or not word[1:].islower():
        return word
    lower = word.lower()
    cuts, last = [], 0
    for i in range(MIN_FRAGMENT, len(word) - MIN_FRAGMENT + 1):
        if lower[i - 1] in VOWELS and lower[i] not in VOWELS and lower[i + 1] in VOWELS and i - last >= MIN_FRAGMENT:
            cuts.append(i)
            last = i
    pieces = [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)])]
    return SOFT_HYPHEN.join(pieces)


def hyphenate_text(text: str) -> str:
    """`hyphenate_word` applied to every run of letters (compounds and elisions included)."""
    return re.sub(r"[^\W\d_]+", lambda match: hyphenate_word(match.group()), text)


# --------------------------------------------------------------------------- pdf


def new_pdf() -> FPDF:
    """An fpdf2 document in points, without automatic page breaks or cell margins."""
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0
    pdf.set_creator("brochure-extract tests/synth")
    return pdf


def use_fonts(pdf: FPDF, design: Design) -> None:
    """Register (once per document) the TTF families the design uses."""
    for family in {design.font_family, design.title_font_family}:
        for style in FONT_FILES[family]:
            if f"{family.lower()}{style}" not in pdf.fonts:
                pdf.add_font(family, style, str(font_path(family, style)))


# (family, style, size, width, text) -> line count or overflow: fonts are registered
# identically in every document, so wrapping is a pure function of the key.
_LINE_COUNTS: dict[tuple, int | _Overflow] = {}


class _Page:
    """One layout pass over a page: measures (draw=False) or draws, recording boxes."""

    def __init__(
        self, pdf: FPDF, record: ActionRecord, design: Design, body_size: float, title_size: float, draw: bool
    ):
        self.pdf, self.record, self.design = pdf, record, design
        self.size, self.title_size, self.draw = body_size, title_size, draw
        self.words = header_words(design, record.language)
        self.boxes: dict[str, Box] = {}
        self.width, self.height = design.page_size
        self.x0, self.x1 = design.margin, self.width - design.margin

    # ------------------------------------------------------------ primitives

    @property
    def line_h(self) -> float:
        return self.size * self.design.line_spacing

    def _colour(self, rgb: tuple[int, int, int]) -> None:
        self.pdf.set_text_color(*rgb)

    def _check_words(self, text: str, width: float) -> None:
        """Every unbreakable piece (word, or fragment + "-") must fit `width`."""
        for token in re.split(r"[ \n]+", text):
            pieces = token.split(SOFT_HYPHEN)
            for i, piece in enumerate(pieces):
                shown = piece + ("-" if i < len(pieces) - 1 else "")
                if self.pdf.get_string_width(shown) > width:
                    raise _Overflow(f"word {shown!r} wider than {width:.0f}pt")

    def text_block(
        self,
        x: float,
        y: float,
        w: float,
        text: str,
        *,
        family: str | None = None,
        style: str = "",
        size: float | None = None,
        spacing: float | None = None,
        align: str = "L",
        colour=TEXT_COLOUR,
        draw: bool | None = None,
    ) -> float:
        """Wrap `text` in width `w` at (x, y); returns its height. Draws when drawing."""
        size = size or self.size
        line_h = size * (spacing or self.design.line_spacing)
        family = family or self.design.font_family
        self.pdf.set_font(family, style, size)
        count = self._line_count(family, style, size, w, text)
        if self.draw if draw is None else draw:
            self._colour(colour)
            self.pdf.set_xy(x, y)
            self.pdf.multi_cell(w, line_h, text, align=align)
        return count * line_h

    def _line_count(self, family: str, style: str, size: float, w: float, text: str) -> int:
        """Lines fpdf2 wraps `text` into (font already set); memoised in `_LINE_COUNTS`,
        an overflow (word wider than `w`) included."""
        key = (family, style, size, round(w, 3), text)
        if key not in _LINE_COUNTS:
            try:
                self._check_words(text, w)
                lines = self.pdf.multi_cell(w, size, text, dry_run=True, output=MethodReturnValue.LINES)
                _LINE_COUNTS[key] = len(lines)
            except _Overflow as error:
                _LINE_COUNTS[key] = error
        count = _LINE_COUNTS[key]
        if isinstance(count, _Overflow):
            raise count
        return count

    def _require(self, condition: bool, what: str) -> None:
        if not condition:
            raise _Overflow(what)

    # ------------------------------------------------------------ furniture

    def furniture(self) -> None:
        """Running header, logo boxes and page number (drawn only, never measured)."""
        if not self.draw:
            return
        texts = FURNITURE[self.record.language]
        pdf, m, width = self.pdf, self.design.margin, self.x1 - self.x0
        if self.design.running_header:
            pdf.set_font(self.design.font_family, "", FURNITURE_SIZE)
            self._colour(TEXT_COLOUR)
            pdf.set_xy(self.x0, m - 8)
            pdf.cell(width / 2, 12, texts["funded"])
            pdf.set_font(self.design.font_family, "B", 11)
            self._colour(self.design.accent)
            pdf.set_xy(self.x0, m - 8)
            pdf.cell(width, 14, texts["header"], align="R")
            pdf.set_font(self.design.font_family, "", 9)
            pdf.set_xy(self.x0, m + 8)
            pdf.cell(width, 12, texts["subheader"], align="R")
            pdf.set_draw_color(*self.design.accent)
            pdf.set_line_width(1.5)
            pdf.line(0, m + RUNNING_HEADER_H - 12, self.width, m + RUNNING_HEADER_H - 12)
        footer_y = self.height - self.design.margin - LOGO_H
        if self.design.logos:
            pdf.set_font(self.design.font_family, "B", LOGO_SIZE)
            pdf.set_draw_color(*self.design.accent)
            pdf.set_line_width(0.8)
            for i, logo in enumerate(texts["logos"]):
                x = self.x0 + i * (LOGO_W + LOGO_GAP)
                pdf.rect(x, footer_y, LOGO_W, LOGO_H, style="D")
                self._colour(self.design.accent)
                pdf.set_xy(x, footer_y)
                pdf.cell(LOGO_W, LOGO_H, logo, align="C")
        if self.design.page_number:
            pdf.set_font(self.design.font_family, "", FURNITURE_SIZE)
            self._colour(TEXT_COLOUR)
            pdf.set_xy(self.x1 - 30, footer_y + LOGO_H - 10)
            pdf.cell(30, 10, str(pdf.page_no()), align="R")

    @property
    def content_top(self) -> float:
        return self.design.margin + (RUNNING_HEADER_H if self.design.running_header else 0.0)

    @property
    def content_bottom(self) -> float:
        """Lowest y the content may reach: above the footer and its `footer_gap`."""
        if not (self.design.logos or self.design.page_number):
            return self.height - self.design.margin
        return self.height - self.design.margin - LOGO_H - self.design.footer_gap

    # ------------------------------------------------------------ title

    def title(self, y: float) -> float:
        """Title (bold, largest) then italic subtitle; returns the y below them."""
        width = (self.x1 - self.x0) * self.design.title_width
        family = self.design.title_font_family
        h = self.text_block(
            self.x0,
            y,
            width,
            self.record.title,
            family=family,
            style="B",
            size=self.title_size,
            spacing=TITLE_LINE_SPACING,
            colour=self.design.accent,
        )
        self._require(h <= MAX_TITLE_LINES * self.title_size * TITLE_LINE_SPACING + 0.1, "title too long")
        self.boxes["title"] = (self.x0, y, self.x0 + width, y + h)
        y += h
        if self.record.subtitle:
            y += 2
            sub_h = self.text_block(
                self.x0,
                y,
                self.x1 - self.x0,
                self.record.subtitle,
                family=family,
                style="I",
                size=self.design.subtitle_size,
                spacing=1.25,
            )
            self.boxes["subtitle"] = (self.x0, y, self.x1, y + sub_h)
            y += sub_h
        return y

    # ------------------------------------------------------------ SDG targets

    def sdg_entry(self, x: float, y: float, w: float, code: str, label: str) -> float:
        """Badge (goal number), bold code above its label; returns the entry height."""
        badge = self.design.sdg_badge
        text_x = x + (SDG_BADGE + SDG_BADGE_GAP if badge else 0.0)
        text_w = w - (text_x - x)
        if badge and self.draw:
            goal = int(code.split(".")[0])
            self.pdf.set_fill_color(*SDG_COLOURS.get(goal, self.design.accent))
            self.pdf.rect(x, y, SDG_BADGE, SDG_BADGE, style="F")
            self.pdf.set_font(self.design.font_family, "B", SDG_NUMBER_SIZE)
            self._colour(WHITE)
            self.pdf.set_xy(x, y)
            self.pdf.cell(SDG_BADGE, SDG_BADGE, str(goal), align="C")
        code_h = self.text_block(text_x, y, text_w, code, style="B")
        label_h = self.text_block(text_x, y + code_h, text_w, label, size=self.size * SDG_LABEL_FACTOR, spacing=1.2)
        return max(SDG_BADGE if badge else 0.0, code_h + label_h)

    def sdg_column(self, x: float, y: float, w: float) -> float:
        """SDG entries stacked in a sidebar; returns the height used."""
        top = y
        for code, label in self.record.sdgs:
            y += self.sdg_entry(x, y, w, code, label) + SDG_ENTRY_GAP
        if self.record.sdgs:
            y -= SDG_ENTRY_GAP
            self.boxes["sdg"] = (x, top, x + w, y)
        return y - top

    def sdg_grid(self, x: float, y: float, w: float) -> float:
        """SDG entries in rows of `sdg_per_row` cells across the page; returns the height."""
        per_row = self.design.sdg_per_row
        cell_w = w / per_row
        top = y
        entries = list(self.record.sdgs)
        for start in range(0, len(entries), per_row):
            row = entries[start : start + per_row]
            heights = [
                self.sdg_entry(x + i * cell_w, y, cell_w - SDG_ENTRY_GAP, code, label)
                for i, (code, label) in enumerate(row)
            ]
            y += max(heights) + SDG_ENTRY_GAP
        if entries:
            y -= SDG_ENTRY_GAP
            self.boxes["sdg"] = (x, top, x + w, y)
        return y - top

    # ------------------------------------------------------------ columns

    def header(self, x: float, y: float, w: float, text: str) -> float:
        """A column header: filled bar with centred white text, or plain bold left text."""
        pdf = self.pdf
        pdf.set_font(self.design.font_family, "B", self.size)
        self._require(pdf.get_string_width(text) <= w - 4, f"header {text!r} too wide")
        if self.design.header_style == "bar":
            h = self.size + 2 * HEADER_PAD
            if self.draw:
                pdf.set_fill_color(*self.design.accent)
                pdf.rect(x, y, w, h, style="F")
                self._colour(WHITE)
                pdf.set_xy(x, y)
                pdf.cell(w, h, text, align="C")
            return h
        h = self.line_h
        if self.draw:
            self._colour(self.design.accent)
            pdf.set_xy(x, y)
            pdf.cell(w, h, text, align="L")
        return h

    def _bullet_font(self) -> str:
        """Select the bullet's font; returns the character to draw."""
        if self.design.symbol_bullet:
            core_font, char, _, factor = SYMBOL_BULLETS[self.design.bullet]
            self.pdf.set_font(core_font, "", self.size * factor)
            return char
        self.pdf.set_font(self.design.font_family, "", self.size)
        return self.design.bullet

    def bullet_indent(self) -> float:
        """`design.bullet_indent`, widened so the glyph stays `MIN_BULLET_GAP` clear of the
        text (pdfplumber would otherwise merge bullet and first word)."""
        glyph_w = self.pdf.get_string_width(self._bullet_font())
        return max(self.design.bullet_indent, glyph_w + MIN_BULLET_GAP)

    def bullet(self, x: float, y: float, indent: float) -> None:
        """The bullet glyph at the column's left edge, on the item's first line."""
        char = self._bullet_font()
        self._colour(TEXT_COLOUR)
        self.pdf.set_xy(x, y)
        self.pdf.cell(indent, self.line_h, char)

    def item_text(self, item: str, last: bool) -> str:
        """The printed item: optional soft hyphens, then the list terminator."""
        text = hyphenate_text(item) if self.design.hyphenate else item
        return text + (self.design.last_item_suffix if last else self.design.item_suffix)

    def bullet_list(self, x: float, y: float, w: float, items: tuple[str, ...]) -> float:
        """Items with hanging indent; returns the height used."""
        indent = self.bullet_indent()
        top = y
        for i, item in enumerate(items):
            text = self.item_text(item, last=i == len(items) - 1)
            if self.draw and not self.design.bullets_after_text:
                self.bullet(x, y, indent)
            h = self.text_block(x + indent, y, w - indent, text, align=self._align)
            if self.draw and self.design.bullets_after_text:
                self.bullet(x, y, indent)
            y += h + self.design.item_gap
        return y - self.design.item_gap - top

    @property
    def _align(self) -> str:
        return "J" if self.design.justify else "L"

    def column_widths(self, w: float) -> list[float]:
        fractions = self.design.column_fractions
        usable = w - 2 * self.design.column_gap
        return [usable * f / sum(fractions) for f in fractions]

    def columns(self, x: float, y: float, w: float) -> float:
        """Headers and the three column texts; returns the height used."""
        widths = self.column_widths(w)
        self._require(min(widths) >= 60, "columns too narrow")
        lefts = [x + sum(widths[:i]) + i * self.design.column_gap for i in range(3)]
        keys = ("objective", "activities", "results")
        header_h = self.header_height()
        text_y = y + header_h + HEADER_TEXT_GAP

        def draw_headers() -> None:
            for key, left, width in zip(keys, lefts, widths):
                self.header(left, y, width, self.words[key])

        def draw_texts() -> list[float]:
            objective = self.record.objective
            if self.design.hyphenate:
                objective = hyphenate_text(objective)
            return [
                self.text_block(lefts[0], text_y, widths[0], objective, align=self._align),
                self.bullet_list(lefts[1], text_y, widths[1], self.record.activities),
                self.bullet_list(lefts[2], text_y, widths[2], self.record.results),
            ]

        if self.design.headers_first:
            draw_headers()
            heights = draw_texts()
        else:
            heights = draw_texts()
            draw_headers()
        for key, left, width, h in zip(keys, lefts, widths, heights):
            self.boxes[key] = (left, text_y, left + width, text_y + h)
            self.boxes[f"header_{key}"] = (left, y, left + width, y + header_h)
        return header_h + HEADER_TEXT_GAP + max(heights)

    def header_height(self) -> float:
        return self.size + 2 * HEADER_PAD if self.design.header_style == "bar" else self.line_h

    # ------------------------------------------------------------ band

    def band(self, y: float, draw: bool) -> float:
        """The recommendation band: header then cells; returns its height."""
        saved, self.draw = self.draw, draw
        try:
            return self._band(y)
        finally:
            self.draw = saved

    def _band(self, y: float) -> float:
        pdf, design, width = self.pdf, self.design, self.x1 - self.x0
        top = y
        text = self.words["band"]
        pdf.set_font(design.font_family, "B", self.size)
        self._require(pdf.get_string_width(text) <= width - 2 * BAND_CELL_PAD, "band header")
        if design.band_header_style == "bar":
            h = self.size + 2 * HEADER_PAD
            if self.draw:
                pdf.set_fill_color(*design.accent)
                pdf.rect(self.x0, y, width, h, style="F")
                self._colour(WHITE)
                pdf.set_xy(self.x0 + BAND_CELL_PAD, y)
                pdf.cell(width - 2 * BAND_CELL_PAD, h, text)
        else:
            h = self.line_h
            if self.draw:
                self._colour(design.accent)
                pdf.set_xy(self.x0, y)
                pdf.cell(width, h, text)
        y += h + BAND_HEADER_GAP
        per_row = design.band_per_row
        cell_w = width / per_row
        titles = list(self.record.recommendations)
        for start in range(0, len(titles), per_row):
            row = titles[start : start + per_row]
            heights = [
                self.text_block(
                    self.x0 + i * cell_w + BAND_CELL_PAD,
                    y,
                    cell_w - 2 * BAND_CELL_PAD,
                    title,
                    size=self.size * BAND_TEXT_FACTOR,
                    spacing=1.2,
                )
                for i, title in enumerate(row)
            ]
            row_h = max(heights)
            if design.band_rules and self.draw:
                pdf.set_draw_color(*design.accent)
                pdf.set_line_width(RULE_WIDTH)
                for i in range(len(row)):
                    rule_x = self.x0 + i * cell_w + 1
                    pdf.line(rule_x, y, rule_x, y + row_h)
            y += row_h + BAND_ROW_GAP
        y -= BAND_ROW_GAP
        self.boxes["band"] = (self.x0, top, self.x1, y)
        return y - top

    # ------------------------------------------------------------ page

    def run(self) -> dict[str, Box]:
        """Lay out (and draw when drawing) the whole page; raises `_Overflow`."""
        design = self.design
        if design.furniture_first:
            self.furniture()
        y = self.title(self.content_top + 4) + BLOCK_GAP * 1.5
        width = self.x1 - self.x0
        if design.sdg_position == "top" and self.record.sdgs:
            y += self.sdg_grid(self.x0, y, width) + BLOCK_GAP * 1.5
        cols_x, cols_w, side_h = self.x0, width, 0.0
        if design.sdg_position in ("left", "right"):
            cols_w = width - design.sdg_width - design.column_gap
            side_x = self.x0 if design.sdg_position == "left" else self.x1 - design.sdg_width
            if design.sdg_position == "left":
                cols_x = self.x0 + design.sdg_width + design.column_gap
            side_top = y + self.header_height() + HEADER_TEXT_GAP
            side_h = self.sdg_column(side_x, side_top, design.sdg_width) + side_top - y
        body_bottom = y + max(side_h, self.columns(cols_x, y, cols_w))
        band_h = self.band(0.0, draw=False)
        if design.band_position == "bottom":
            band_top = self.content_bottom - band_h
            self._require(body_bottom + BLOCK_GAP <= band_top, "body runs into the band")
        else:
            band_top = body_bottom + BLOCK_GAP * 1.5
            self._require(band_top + band_h <= self.content_bottom, "band runs off the page")
        self.band(band_top, draw=self.draw)
        if not design.furniture_first:
            self.furniture()
        return self.boxes


# --------------------------------------------------------------------------- fitting


def _title_sizes(design: Design) -> list[float]:
    sizes, size = [], design.title_size
    while size >= MIN_TITLE_SIZE:
        sizes.append(size)
        size -= TITLE_SIZE_STEP
    return sizes


def _body_sizes(design: Design) -> list[float]:
    sizes, size = [], design.body_size
    while size >= MIN_FIT_SIZE - 1e-9:
        sizes.append(round(size, 2))
        size -= FONT_SIZE_STEP
    return sizes


def _title_size(pdf: FPDF, record: ActionRecord, design: Design) -> float:
    """The largest title size whose words fit and which takes at most `MAX_TITLE_LINES`."""
    for size in _title_sizes(design):
        page = _Page(pdf, record, design, design.body_size, size, draw=False)
        try:
            page.title(0.0)
            return size
        except _Overflow:
            continue
    raise LayoutError(f"title {record.title!r} does not fit design {design.name!r}")


# (record, design) -> (body size, title size) or the LayoutError raised
_FITS: dict[tuple[ActionRecord, Design], tuple[float, float] | LayoutError] = {}


def fit_sizes(pdf: FPDF, record: ActionRecord, design: Design) -> tuple[float, float]:
    """(body size, title size) of the first layout that fits; `LayoutError` if none.

    The title size is chosen first (`_title_size`), then the body size is lowered
    from ``design.body_size`` by `FONT_SIZE_STEP` until the page fits. Needs a
    current page (of any size: the measuring pass draws nothing). Memoised.
    """
    use_fonts(pdf, design)
    key = (record, design)
    if key not in _FITS:
        _FITS[key] = _search_sizes(pdf, record, design)
    result = _FITS[key]
    if isinstance(result, LayoutError):
        raise result
    return result


def _search_sizes(pdf: FPDF, record: ActionRecord, design: Design):
    try:
        title = _title_size(pdf, record, design)
    except LayoutError as error:
        return error
    error = None
    for body in _body_sizes(design):
        try:
            _Page(pdf, record, design, body, title, draw=False).run()
            return body, title
        except _Overflow as overflow:
            error = overflow
    return LayoutError(f"{record.name or record.title!r} does not fit design {design.name!r}: {error}")


def _add_page(pdf: FPDF, design: Design) -> None:
    """fpdf2 swaps width and height itself for orientation "L"."""
    pdf.add_page(orientation=design.orientation, format=design.page_format.lower())


def _render_page(pdf: FPDF, record: ActionRecord, design: Design) -> dict[str, Box]:
    _add_page(pdf, design)
    body, title = fit_sizes(pdf, record, design)  # registers the design's fonts
    boxes = _Page(pdf, record, design, body, title, draw=True).run()
    return {**boxes, "_sizes": (body, title, 0.0, 0.0)}


def render_pdf(path: str | Path, pages: list[tuple[ActionRecord, Design]]) -> Path:
    """Write one page per (record, design) to `path`; returns the path.

    Raises `LayoutError` when a record does not fit its design (see `fits`).
    """
    pdf = new_pdf()
    for record, design in pages:
        _render_page(pdf, record, design)
    path = Path(path)
    pdf.output(str(path))
    return path


def render_page_boxes(record: ActionRecord, design: Design) -> dict[str, Box]:
    """Regions of the page `render_pdf` would draw: title, subtitle, sdg, objective,
    activities, results, header_<column>, band (x0, top, x1, bottom in points), plus
    ``_sizes`` = (body size, title size, 0, 0) actually used.

    Computed by the measuring pass, which shares every line of layout code with the
    drawing pass, so nothing is drawn. Raises `LayoutError` like `render_pdf`.
    """
    pdf = _scratch_pdf()
    body, title = fit_sizes(pdf, record, design)
    boxes = _Page(pdf, record, design, body, title, draw=False).run()
    return {**boxes, "_sizes": (body, title, 0.0, 0.0)}


_SCRATCH: list[FPDF] = []


def _scratch_pdf() -> FPDF:
    """A document kept for measuring: wrapping depends on fonts only, so one page serves
    every design."""
    if not _SCRATCH:
        _SCRATCH.append(new_pdf())
        _SCRATCH[0].add_page()
    return _SCRATCH[0]


def fits(record: ActionRecord, design: Design) -> bool:
    """Whether `record` can be laid out in `design` (for hypothesis `assume`)."""
    try:
        fit_sizes(_scratch_pdf(), record, design)
        return True
    except LayoutError:
        return False
