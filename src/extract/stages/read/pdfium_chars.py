"""Characters of a page through pdfium's text API, as pdfminer would have measured them.

pdfium's own boxes and sizes differ from pdfminer's, so each character is rebuilt:
- size: `FPDFTextObj_GetFontSize` is the unscaled Tf size; the text matrix scales it;
- box: pdfminer's rule — from the origin, the advance (`FPDFFont_GetGlyphWidth`) and the font
  descent, one font size high — not pdfium's loose box, which uses the font bbox;
- text: generated spaces and line ends are dropped (they would split letter-spaced titles),
  ligatures split into letters at one origin are joined again, the line-end hyphen that pdfium
  reports as U+0002 (or U+FFFE) is a hyphen again.
Cost: per character, two pdfium calls (its text object, its origin) and one `Char` tuple; a
code's text is worked out once per page. Font, size and matrix are read once per text object (one
text show) and compared as raw bytes; text objects drawn alike (same font, size and matrix: a
style) share one box builder, which keeps each letter's advance, each rounded size and, for
straight text, each baseline's top, bottom and size once. Straight text on an unturned page
(nearly all text) is placed by `page_chars` itself, with its builder's caches (`Placement`): a
call per character less.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any, NamedTuple

import pypdfium2.raw as pdfium_c

from .chars import Char
from .pdfium_fonts import Fonts, bare, prototype
from .pdfium_space import Matrix, PageSpace, multiply

_HYPHENS = {0x02: "-", 0xFFFE: "-"}
_MAYBE_GENERATED = frozenset({0x20, 0x0D, 0x0A})  # the only codes pdfium generates
_SURROGATES = (0xD800, 0xDFFF)  # a character beyond U+FFFF takes two UTF-16 units
# Ligatures pdfium splits into letters; pdfminer keeps the ligature character.
_LIGATURES = {"ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "st": "ﬆ", "ſt": "ﬅ"}
# pdfium computes in float32: a size of 12.075 comes back as 12.0750003. Sizes are kept to this
# many decimals, so one font at one scale has one size (pdfplumber's grouping key) everywhere.
SIZE_DIGITS = 4
_NO_OBJECT = -1  # no text object has this address
_NO_FONT = -1  # no font has this address
_NOWHERE = float("nan")  # an origin equal to none
_MATRIX_TERMS = 6  # FS_MATRIX: a, b, c, d, e, f as float32
# A text object's style as read: its size then its matrix, float32 each. The size and the
# matrix's a, b, c, d (its first five terms) are the style; e, f (its place) are not.
_FLOAT_BYTES = ctypes.sizeof(ctypes.c_float)
_STYLE_TERMS = 1 + _MATRIX_TERMS
_STYLE_BYTES = 5 * _FLOAT_BYTES

# Called per character or per text object, so without ctypes' argument conversion (a third of
# the cost of a call): pointers are passed as ctypes objects (c_void_p, byref), indices as int.
_text_object = bare(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_is_generated = bare(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_unicode = bare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_origin = bare(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
_char_matrix = bare(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
# A text object's address comes as an int: these take it as is (cheaper than a c_void_p made of it).
_object_font = prototype(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p, ctypes.c_void_p)
_font_size = prototype(pdfium_c.FPDFTextObj_GetFontSize, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)

Builder = Callable[[str, float, float, int], Char]  # (text, origin x, y, object) -> char
Row = tuple[float, float, float]  # a box's top, bottom and rounded size


class Placement(NamedTuple):
    """A straight style on an unturned page, as `page_chars` places its characters itself (the
    work of its builder's `straight`, without a call per character), sharing the builder's caches."""

    advances: dict[str, float]  # a letter -> its advance times a
    rows: dict[float, Row]  # a baseline y -> its row
    along: Callable[[str], float]  # a letter's advance times a, kept in `advances`
    row: Callable[[float, float], Row]  # the row of a box from y0 up to y1
    dv0: float
    dv1: float
    e: float  # the page's translation
    f: float
    left: float
    upright: bool
    fontname: str
    shape: tuple[float, float, float, float]


class _Styles:
    """The box builder of each text object of a page, one per style (font, size, matrix)."""

    def __init__(self, space: PageSpace) -> None:
        self.space = space
        self.fonts = Fonts()
        self.font_of: dict[Builder, int] = {}  # a style's builder -> its font
        self.placements: dict[Builder, Placement | None] = {}  # ... -> its placement, if straight
        self.by_style: dict[tuple[int, bytes], Builder] = {}
        self.sizes: dict[float, float] = {}  # height of a box -> the size it stands for
        # The style of a text object is read into `read` (`page_chars`); `style` is its bytes.
        self.read = (ctypes.c_float * _STYLE_TERMS)()  # size, then a, b, c, d, e, f
        self.size_at, self.matrix_at = ctypes.addressof(self.read), ctypes.byref(self.read, _FLOAT_BYTES)
        self.style = memoryview(self.read).cast("B")[:_STYLE_BYTES]

    def new(self, font: int) -> Builder:
        """The builder of the style just read (with `font`), kept in `by_style` under the key
        `page_chars` looks it up by (floats are made only here, for a new style); its font kept
        for `ligature`."""
        size, a, b, c, d = self.read[:5]
        fonts = self.fonts
        name, descent = (fonts.name(font), fonts.descent(font)) if font else ("", 0.0)
        matrix = multiply((a, b, c, d, 0.0, 0.0), self.space.rotation)
        builder, placement = _builder(font, name, size, descent, matrix, self)
        self.by_style[(font, bytes(self.style))] = builder
        self.font_of[builder], self.placements[builder] = font, placement
        return builder

    def ligature(self, builder: Builder, letters: str) -> str:
        """The ligature character of `letters`, when the font of `builder`'s style has a code for
        it (else the font's Unicode map gives the letters, and pdfminer reads them)."""
        ligature = _LIGATURES.get(letters, letters)
        return ligature if self.fonts.maps(self.font_of[builder], ligature) else letters


def _builder(
    font: int, fontname: str, size: float, descent: float, matrix: Matrix, styles: _Styles
) -> tuple[Builder, Placement | None]:
    """pdfminer's LTChar box: (0, descent) to (advance, descent + size) through the char matrix;
    for straight text on an unturned page, also its `Placement`."""
    a, b, c, d, _, _ = matrix
    shape = (a, b, c, d)  # every char of the style has it: one tuple
    space, fonts, sizes = styles.space, styles.fonts, styles.sizes
    ra, rb, rc, rd, re, rf = map(float, space.rotation)  # the same products, without int operands
    # No /Rotate: x + e and y + f. They differ from 1 * x + 0 * y + e (and 0 * x + 1 * y + f) only
    # when x (y) and e (f) are both -0.0, by the sign of a zero: the box's edges (x + left, where
    # left is 0.0 when e is -0.0; height - y + ...) come out the same.
    unturned = (ra, rb, rc, rd) == (1.0, 0.0, 0.0, 1.0)
    height, shift, left = space.height, space.top_shift, space.left
    upright = a * d > 0 and b * c <= 0
    v0 = descent * size
    v1 = v0 + size
    dv0, dv1 = d * v0, d * v1
    advances: dict[str, float] = {}  # straight text: a letter's advance times a
    rows: dict[float, Row] = {}  # straight text: baseline y -> its row

    def advance(text: str) -> float:
        return fonts.width(font, text) * size if font else 0.0

    def along(text: str) -> float:
        width = advances[text] = a * (fonts.width(font, text) * size if font else 0.0)  # a * advance
        return width

    def row(y0: float, y1: float) -> Row:
        """top, bottom and rounded size of a box from y0 up to y1 (y-up)."""
        extent = y1 - y0
        rounded = sizes.get(extent) if extent else extent  # 0.0 and -0.0 would be one key
        if rounded is None:
            rounded = sizes[extent] = round(extent, SIZE_DIGITS)
        return height - y1 + shift, height - y0 + shift, rounded

    def straight(text: str, ux: float, uy: float, obj: int) -> Char:
        """Upright or mirrored text (b = c = 0): two corners are enough."""
        if unturned:
            ox, oy = ux + re, uy + rf
        else:
            ox = ra * ux + rc * uy + re
            oy = rb * ux + rd * uy + rf
        width = advances.get(text)
        if width is None:
            width = along(text)
        xb = ox + width
        # A line's letters share their baseline, so their row (0.0 and -0.0: one key, not kept)
        vertical = rows.get(oy) if oy else None
        if vertical is None:
            ya, yb = oy + dv0, oy + dv1
            vertical = row(ya, yb) if ya <= yb else row(yb, ya)
            if oy:
                rows[oy] = vertical
        top, bottom, rounded = vertical
        if ox <= xb:
            return (text, ox + left, xb + left, top, bottom, upright, fontname, rounded, shape, obj)
        return (text, xb + left, ox + left, top, bottom, upright, fontname, rounded, shape, obj)

    def skewed(text: str, ux: float, uy: float, obj: int) -> Char:
        """Any other direction: the box holds the four corners."""
        ox = ra * ux + rc * uy + re
        oy = rb * ux + rd * uy + rf
        length = advance(text)
        xs = (ox + c * v0, ox + c * v1, ox + a * length + c * v0, ox + a * length + c * v1)
        ys = (oy + d * v0, oy + d * v1, oy + b * length + d * v0, oy + b * length + d * v1)
        top, bottom, rounded = row(min(ys), max(ys))
        x0, x1 = min(xs), max(xs)
        return (text, x0 + left, x1 + left, top, bottom, upright, fontname, rounded, shape, obj)

    if b != 0.0 or c != 0.0:
        return skewed, None
    if not unturned:
        return straight, None
    return straight, Placement(advances, rows, along, row, dv0, dv1, re, rf, left, upright, fontname, shape)


def _page_text(text_page: Any, count: int) -> list[int]:
    """Every character's UTF-16 unit, in one call (see `page_chars` for units of a pair)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(text_page, 0, count, buffer)
    return buffer[:count]  # a list


def _odd_text(handle: ctypes.c_void_p, index: int, code: int, texts: dict[int, str]) -> str | None:
    """The text of character `index` (UTF-16 unit `code`) that `texts` does not hold: None when
    pdfium generated it; kept in `texts` when the unit alone decides it (not half of a pair, not
    a code pdfium may generate)."""
    plain = True
    if _SURROGATES[0] <= code <= _SURROGATES[1]:  # half of a pair: pdfium joins it
        code, plain = _unicode(handle, index), False
    if code in _MAYBE_GENERATED:
        if _is_generated(handle, index):
            return None
        plain = False
    text = _HYPHENS.get(code) or chr(code)
    if plain:
        texts[code] = text
    return text


def page_chars(text_page: Any, space: PageSpace) -> list[Char]:
    """Every character of the page as a `Char`, in pdfium's order (see `pdfium_order`).

    A character at the very origin of the previous one, in the same text object (no generated
    character between), is a letter split off a ligature: the previous char is rebuilt as the
    ligature character."""
    handle = ctypes.cast(text_page, ctypes.c_void_p)
    styles = _Styles(space)
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    chars: list[Char] = []
    append = chars.append
    texts: dict[int, str] = {}  # a UTF-16 unit -> its text, for this page's plain units
    run = _NO_OBJECT  # text object of the previous character read
    lx = ly = _NOWHERE  # origin of the previous character kept; nowhere after a generated one
    letters = ""  # its letters, before any ligature is made of them
    by_style, new, placements = styles.by_style, styles.new, styles.placements
    place: Placement | None = None  # the placement of the last style read, if it has one
    style_font, style_read = _NO_FONT, b""  # the style of the last text object read
    size_at, matrix_at, style = styles.size_at, styles.matrix_at, styles.style
    count = pdfium_c.FPDFText_CountChars(text_page)
    for index, code in enumerate(_page_text(text_page, count)):
        text = texts.get(code)
        if text is None:
            # Inlined for the codes pdfium may generate (a space or line end every few words);
            # such a code is never kept in `texts`: pdfium may generate it at another index.
            if code in _MAYBE_GENERATED:
                text = None if _is_generated(handle, index) else chr(code)
            else:
                text = _odd_text(handle, index, code, texts)
            if text is None:  # generated by pdfium
                lx = _NOWHERE
                continue
        obj = _text_object(handle, index) or 0
        _origin(handle, index, px, py)
        ux, uy = x.value, y.value
        if obj != run:  # a new text object: its style read (any of its characters gives it)
            run = obj
            font = _object_font(obj) or 0
            _font_size(obj, size_at)
            _char_matrix(handle, index, matrix_at)
            if font != style_font or style != style_read:  # most objects: the previous one's style
                style_font, style_read = font, bytes(style)
                build = by_style.get((font, style_read)) or new(font)
                place = placements[build]
                if place is not None:
                    advances, rows, along, row, dv0, dv1, e, f, left, upright, fontname, shape = place
        elif ux == lx and uy == ly:  # in the same object, as the previous character
            letters += text
            chars[-1] = build(styles.ligature(build, letters), lx, ly, obj)
            continue
        lx, ly, letters = ux, uy, text
        if place is None:
            append(build(text, ux, uy, obj))
            continue
        # `straight` inlined (the same steps; a letter's advance and a baseline's row shared with it)
        ox, oy = ux + e, uy + f
        width = advances.get(text)
        if width is None:
            width = along(text)
        xb = ox + width
        vertical = rows.get(oy) if oy else None
        if vertical is None:
            ya, yb = oy + dv0, oy + dv1
            vertical = row(ya, yb) if ya <= yb else row(yb, ya)
            if oy:
                rows[oy] = vertical
        top, bottom, rounded = vertical
        if ox <= xb:
            append((text, ox + left, xb + left, top, bottom, upright, fontname, rounded, shape, obj))
        else:
            append((text, xb + left, ox + left, top, bottom, upright, fontname, rounded, shape, obj))
    return chars
